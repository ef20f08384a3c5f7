#include "security/rbac_rules.hpp"

#include "errors/http_error.hpp"
#include "security/guard.hpp"

namespace t2o::rbac {

void lock_rbac_changes(db::Transaction& tx) { tx.exec("SELECT pg_advisory_xact_lock(hashtext('t2o_rbac'))"); }

bool holds_every_permission_of_role(db::Transaction& tx, long long caller_id, long long role_id) {
  return tx
      .exec(
          "SELECT NOT EXISTS (SELECT rp.permission_id FROM role_permissions rp WHERE rp.role_id = $2 "
          "EXCEPT SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
          "WHERE ur.user_id = $1)",
          {caller_id, role_id})
      .one_row()
      .boolean(0);
}

bool holds_every_permission_of_user(db::Transaction& tx, long long caller_id, long long user_id) {
  return tx
      .exec(
          "SELECT NOT EXISTS (SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp "
          "ON rp.role_id = ur.role_id WHERE ur.user_id = $2 "
          "EXCEPT SELECT rp.permission_id FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
          "WHERE ur.user_id = $1)",
          {caller_id, user_id})
      .one_row()
      .boolean(0);
}

bool holds_permission(db::Transaction& tx, long long caller_id, std::string_view permission) {
  return tx.exec(kHasPermissionSql, {caller_id, permission}).one_row().boolean(0);
}

void require_an_admin_remains(db::Transaction& tx) {
  const bool remains = tx.exec(
                             "SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp "
                             "ON rp.role_id = ur.role_id JOIN permissions p ON p.id = rp.permission_id "
                             "WHERE p.name = 'manage_admin')")
                           .one_row()
                           .boolean(0);
  if (!remains) throw Conflict("This change would leave no user holding manage_admin");
}

}  // namespace t2o::rbac
