#include "admin/roles_service.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "security/rbac_rules.hpp"

namespace t2o::admin {
namespace {

constexpr db::Query kSelectRoles = db::idempotent(
    "SELECT r.id, r.name, "
    "       COALESCE(json_agg(p.name ORDER BY p.name) FILTER (WHERE p.id IS NOT NULL), '[]') AS permissions "
    "FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id LEFT JOIN permissions p ON p.id = rp.permission_id "
    "WHERE $1::integer IS NULL OR r.id = $1 GROUP BY r.id ORDER BY r.id");
constexpr db::Query kSelectPermissions = db::idempotent("SELECT id, name FROM permissions ORDER BY id");
constexpr const char* kSelectPermissionIdByName = "SELECT id FROM permissions WHERE name = $1";
constexpr const char* kSelectRoleIdByName = "SELECT id FROM roles WHERE name = $1";

Role role_from(const db::Row& row) {
  Role role{row.integer("id"), row.str("name"), {}};
  for (const Json::Value& name : json::parse(row.view("permissions"))) role.permissions.push_back(name.asString());
  return role;
}

std::optional<Role> load_role(db::Executor& db, long long role_id) {
  auto row = db.exec(kSelectRoles, {role_id}).optional_row();
  if (!row) return std::nullopt;
  return role_from(*row);
}

// The audit trail's snapshot of a role (stored as JSON in the request log).
Json::Value audit_snapshot(const Role& role) {
  Json::Value snapshot;
  snapshot["id"] = static_cast<Json::Int64>(role.id);
  snapshot["name"] = role.name;
  snapshot["permissions"] = Json::Value(Json::arrayValue);
  for (const std::string& name : role.permissions) snapshot["permissions"].append(name);
  return snapshot;
}

Json::Value audit_snapshot(const Permission& permission) {
  Json::Value snapshot;
  snapshot["id"] = static_cast<Json::Int64>(permission.id);
  snapshot["name"] = permission.name;
  return snapshot;
}

std::string role_target(const Role& role) { return "role " + std::to_string(role.id) + " (" + role.name + ")"; }

struct NamedIds {
  long long permission_id;
  long long role_id;
};

NamedIds find_permission_and_role(db::Transaction& tx, const std::string& permission_name,
                                  const std::string& role_name) {
  auto permission = tx.exec(kSelectPermissionIdByName, {permission_name}).optional_row();
  if (!permission) throw NotFound("Permission does not exist");
  auto role = tx.exec(kSelectRoleIdByName, {role_name}).optional_row();
  if (!role) throw NotFound("Role does not exist");
  return {permission->integer("id"), role->integer("id")};
}

}  // namespace

std::vector<Role> list_roles(db::Executor& db) {
  std::vector<Role> roles;
  for (auto row : db.exec(kSelectRoles, {std::nullopt})) roles.push_back(role_from(row));
  return roles;
}

std::vector<Permission> list_permissions(db::Executor& db) {
  std::vector<Permission> permissions;
  for (auto row : db.exec(kSelectPermissions)) permissions.push_back({row.integer("id"), row.str("name")});
  return permissions;
}

namespace {

constexpr const char* kInsertRole = "INSERT INTO roles (name) VALUES ($1) RETURNING id";
constexpr const char* kDeleteRole = "DELETE FROM roles WHERE id = $1";  // user_roles, role_permissions cascade

}  // namespace

Role create_role(db::Transaction& tx, const AuditActor& actor, const std::string& name) {
  long long role_id = 0;
  try {
    role_id = tx.exec(kInsertRole, {name}).one_row().integer("id");
  } catch (const db::UniqueViolation&) {
    throw Conflict("Role \"" + name + "\" already exists");
  }
  const Role role = *load_role(tx, role_id);
  write_audit(tx, actor, "role.create", role_target(role), Json::Value(), audit_snapshot(role));
  return role;
}

void delete_role(db::Transaction& tx, const AuditActor& actor, long long role_id) {
  rbac::lock_rbac_changes(tx);
  const auto before = load_role(tx, role_id);
  if (!before) throw NotFound("Role not found");
  // Deleting a role takes its permissions from its holders: only for a caller who holds them.
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  tx.exec(kDeleteRole, {role_id});
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "role.delete", role_target(*before), audit_snapshot(*before), Json::Value());
}

namespace {

constexpr const char* kInsertPermission = "INSERT INTO permissions (name) VALUES ($1) RETURNING id";
// Roles that can manage admins hold every permission, new ones too: otherwise nobody could
// assign, revoke or delete it (no one may hand out what they do not hold).
constexpr const char* kGrantToAdminRoles =
    "WITH granted AS (INSERT INTO role_permissions (role_id, permission_id) "
    "  SELECT DISTINCT rp.role_id, $1::integer FROM role_permissions rp JOIN permissions p "
    "  ON p.id = rp.permission_id WHERE p.name = 'manage_admin' ON CONFLICT DO NOTHING RETURNING role_id) "
    "SELECT COALESCE(json_agg(r.name ORDER BY r.name), '[]')::text AS roles "
    "FROM granted g JOIN roles r ON r.id = g.role_id";
constexpr const char* kSelectPermissionName = "SELECT name FROM permissions WHERE id = $1";
constexpr const char* kDeletePermission = "DELETE FROM permissions WHERE id = $1";

std::string permission_target(const Permission& permission) {
  return "permission " + std::to_string(permission.id) + " (" + permission.name + ")";
}

}  // namespace

Permission create_permission(db::Transaction& tx, const AuditActor& actor, const std::string& name) {
  Permission permission{0, name};
  try {
    permission.id = tx.exec(kInsertPermission, {name}).one_row().integer("id");
  } catch (const db::UniqueViolation&) {
    throw Conflict("Permission \"" + name + "\" already exists");
  }
  Json::Value after = audit_snapshot(permission);
  after["granted_to_roles"] = json::parse(tx.exec(kGrantToAdminRoles, {permission.id}).one_row().view("roles"));
  write_audit(tx, actor, "permission.create", permission_target(permission), Json::Value(), after);
  return permission;
}

void delete_permission(db::Transaction& tx, const AuditActor& actor, long long permission_id) {
  rbac::lock_rbac_changes(tx);
  auto row = tx.exec(kSelectPermissionName, {permission_id}).optional_row();
  if (!row) throw NotFound("Permission not found");
  const Permission permission{permission_id, row->str("name")};
  if (!rbac::holds_permission(tx, actor.user_id, permission.name)) throw Forbidden();
  tx.exec(kDeletePermission, {permission_id});
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "permission.delete", permission_target(permission), audit_snapshot(permission),
              Json::Value());
}

namespace {

constexpr const char* kAddPermissionToRole =
    "INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING role_id";
constexpr const char* kRemovePermissionFromRole =
    "DELETE FROM role_permissions WHERE role_id = $1 AND permission_id = $2 RETURNING role_id";

}  // namespace

void assign_permission_to_role(db::Transaction& tx, const AuditActor& actor, const std::string& permission_name,
                               const std::string& role_name) {
  rbac::lock_rbac_changes(tx);
  const NamedIds ids = find_permission_and_role(tx, permission_name, role_name);
  if (!rbac::holds_permission(tx, actor.user_id, permission_name)) throw Forbidden();
  const Role before = *load_role(tx, ids.role_id);
  if (tx.exec(kAddPermissionToRole, {ids.role_id, ids.permission_id}).empty()) return;  // already there
  write_audit(tx, actor, "role.permission.assign", role_target(before), audit_snapshot(before),
              audit_snapshot(*load_role(tx, ids.role_id)));
}

void revoke_permission_from_role(db::Transaction& tx, const AuditActor& actor, const std::string& permission_name,
                                 const std::string& role_name) {
  rbac::lock_rbac_changes(tx);
  const NamedIds ids = find_permission_and_role(tx, permission_name, role_name);
  if (!rbac::holds_permission(tx, actor.user_id, permission_name)) throw Forbidden();
  const Role before = *load_role(tx, ids.role_id);
  if (tx.exec(kRemovePermissionFromRole, {ids.role_id, ids.permission_id}).empty()) {
    throw NotFound("Role does not have this permission");
  }
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "role.permission.revoke", role_target(before), audit_snapshot(before),
              audit_snapshot(*load_role(tx, ids.role_id)));
}

}  // namespace t2o::admin
