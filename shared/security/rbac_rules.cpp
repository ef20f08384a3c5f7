#include "security/rbac_rules.hpp"

#include "errors/http_error.hpp"
#include "security/guard.hpp"

namespace t2o::rbac {
namespace {

constexpr const char* kLockRbac = "SELECT pg_advisory_xact_lock(hashtext('t2o_rbac'))";
// $1 holds every permission of role $2 (nothing of the role's set is missing from theirs).
constexpr const char* kHoldsRolePermissions =
    "SELECT NOT EXISTS (SELECT rp.permission_id FROM role_permissions rp WHERE rp.role_id = $2 "
    "EXCEPT SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "WHERE ur.user_id = $1) AS held";
// $1 holds every permission that user $2 holds.
constexpr const char* kHoldsUserPermissions =
    "SELECT NOT EXISTS (SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp "
    "ON rp.role_id = ur.role_id WHERE ur.user_id = $2 "
    "EXCEPT SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "WHERE ur.user_id = $1) AS held";
constexpr const char* kAnAdminRemains =
    "SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp "
    "ON rp.role_id = ur.role_id JOIN permissions p ON p.id = rp.permission_id "
    "WHERE p.name = 'manage_admin') AS remains";

}  // namespace

void lock_rbac_changes(db::Transaction& tx) { tx.exec(kLockRbac); }

bool holds_every_permission_of_role(db::Transaction& tx, long long caller_id, long long role_id) {
  return tx.exec(kHoldsRolePermissions, {caller_id, role_id}).one_row().boolean("held");
}

bool holds_every_permission_of_user(db::Transaction& tx, long long caller_id, long long user_id) {
  return tx.exec(kHoldsUserPermissions, {caller_id, user_id}).one_row().boolean("held");
}

bool holds_permission(db::Transaction& tx, long long caller_id, std::string_view permission) {
  return tx.exec(kHasPermissionSql, {caller_id, permission}).one_row().boolean("held");
}

void require_an_admin_remains(db::Transaction& tx) {
  if (!tx.exec(kAnAdminRemains).one_row().boolean("remains")) {
    throw Conflict("This change would leave no user holding manage_admin");
  }
}

}  // namespace t2o::rbac
