// t2o-admin: roles, permissions and users' roles (RBAC), each route with the permission
// API.md names. nginx maps the original client's unprefixed paths onto /admin/...
#include "admin/admin_routes.hpp"
#include "server/fcgi_server.hpp"

namespace {

using namespace t2o;

constexpr Access kManageUsers = needs("manage_users");
constexpr Access kManageAdmin = needs("manage_admin");

const Route kRoutes[] = {
    {Method::Get, "/admin/roles", admin::roles, kManageUsers},
    {Method::Post, "/admin/create_role", admin::create_role, kManageAdmin},
    {Method::Delete, "/admin/delete_role", admin::delete_role, kManageAdmin},
    {Method::Get, "/admin/permissions", admin::permissions, kManageUsers},
    {Method::Post, "/admin/create_permission", admin::create_permission, kManageAdmin},
    {Method::Delete, "/admin/delete_permission", admin::delete_permission, kManageAdmin},
    {Method::Post, "/admin/assign_permission_to_role", admin::assign_permission_to_role, kManageAdmin},
    {Method::Post, "/admin/revoke_permission_from_role", admin::revoke_permission_from_role, kManageAdmin},
    {Method::Post, "/assign_role_to_user", admin::assign_role_to_user, kManageUsers},
    {Method::Post, "/admin/assign_role_to_user", admin::assign_role_to_user, kManageUsers},
    {Method::Post, "/admin/revoke_role_from_user", admin::revoke_role_from_user, kManageUsers},
    {Method::Get, "/admin/users/details", admin::user_details, kManageUsers},
    {Method::Get, "/all_user_profiles", admin::all_user_profiles, kManageUsers},
};

}  // namespace

int main() { return t2o::fcgi::serve("admin", kRoutes); }
