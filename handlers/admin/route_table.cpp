// t2o-admin: roles, permissions and users' roles (RBAC), each route with the permission
// API.md names. nginx maps the original client's unprefixed paths onto /admin/...
#include "admin/route_table.hpp"

#include "admin/admin_routes.hpp"

namespace t2o::admin {
namespace {

constexpr Access kManageUsers = needs("manage_users");
constexpr Access kManageAdmin = needs("manage_admin");

const Route kRoutes[] = {
    {Method::Get, "/admin/roles", roles, kManageUsers, EdgeLimit::None, Caching::Shared},
    {Method::Post, "/admin/create_role", create_role, kManageAdmin},
    {Method::Delete, "/admin/delete_role", delete_role, kManageAdmin},
    {Method::Get, "/admin/permissions", permissions, kManageUsers, EdgeLimit::None, Caching::Shared},
    {Method::Post, "/admin/create_permission", create_permission, kManageAdmin},
    {Method::Delete, "/admin/delete_permission", delete_permission, kManageAdmin},
    {Method::Post, "/admin/assign_permission_to_role", assign_permission_to_role, kManageAdmin},
    {Method::Post, "/admin/revoke_permission_from_role", revoke_permission_from_role, kManageAdmin},
    {Method::Post, "/assign_role_to_user", assign_role_to_user, kManageUsers},
    {Method::Post, "/admin/assign_role_to_user", assign_role_to_user, kManageUsers},
    {Method::Post, "/admin/revoke_role_from_user", revoke_role_from_user, kManageUsers},
    {Method::Get, "/admin/users/details", user_details, kManageUsers},
    {Method::Get, "/all_user_profiles", all_user_profiles, kManageUsers, EdgeLimit::None, Caching::Shared},
};

// The original client calls these without the /admin prefix; nginx rewrites them.
const PathAlias kLegacyPaths[] = {
    {"/roles", "/admin/roles"},
    {"/create_role", "/admin/create_role"},
    {"/permissions", "/admin/permissions"},
    {"/create_permission", "/admin/create_permission"},
    {"/assign_permission_to_role", "/admin/assign_permission_to_role"},
    {"/users/details", "/admin/users/details"},
    {"/delete_permission", "/admin/delete_permission"},
    {"/delete_role", "/admin/delete_role"},
};

}  // namespace

const GroupTable& group_table() {
  static const GroupTable table{"admin", kRoutes, kLegacyPaths};
  return table;
}

}  // namespace t2o::admin
