#include "admin/roles_service.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "security/rbac_rules.hpp"

namespace t2o::admin {
namespace {

const char* const kSelectRoles =
    "SELECT r.id, r.name, COALESCE(json_agg(p.name ORDER BY p.name) FILTER (WHERE p.id IS NOT NULL), '[]') "
    "FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id LEFT JOIN permissions p ON p.id = rp.permission_id "
    "WHERE $1::integer IS NULL OR r.id = $1 GROUP BY r.id ORDER BY r.id";

Json::Value role_json(const db::Row& row) {
  Json::Value role;
  role["id"] = static_cast<Json::Int64>(row.integer(0));
  role["name"] = row.str(1);
  role["permissions"] = json::parse(row.view(2));
  return role;
}

std::optional<Json::Value> load_role(db::Transaction& tx, long long role_id) {
  auto row = tx.exec(kSelectRoles, {role_id}).optional_row();
  if (!row) return std::nullopt;
  return role_json(*row);
}

struct NamedIds {
  long long permission_id;
  long long role_id;
};

NamedIds find_permission_and_role(db::Transaction& tx, const std::string& permission_name,
                                  const std::string& role_name) {
  auto permission = tx.exec("SELECT id FROM permissions WHERE name = $1", {permission_name}).optional_row();
  if (!permission) throw NotFound("Permission does not exist");
  auto role = tx.exec("SELECT id FROM roles WHERE name = $1", {role_name}).optional_row();
  if (!role) throw NotFound("Role does not exist");
  return {permission->integer(0), role->integer(0)};
}

}  // namespace

Json::Value list_roles(db::Connection& db) {
  Json::Value roles(Json::arrayValue);
  for (auto row : db.exec(kSelectRoles, {std::nullopt})) roles.append(role_json(row));
  return roles;
}

Json::Value list_permissions(db::Connection& db) {
  Json::Value permissions(Json::arrayValue);
  for (auto row : db.exec("SELECT id, name FROM permissions ORDER BY id")) {
    Json::Value permission;
    permission["id"] = static_cast<Json::Int64>(row.integer(0));
    permission["name"] = row.str(1);
    permissions.append(permission);
  }
  return permissions;
}

Json::Value create_role(db::Connection& db, const AuditActor& actor, const std::string& name) {
  db::Transaction tx(db);
  long long role_id = 0;
  try {
    role_id = tx.exec("INSERT INTO roles (name) VALUES ($1) RETURNING id", {name}).one_row().integer(0);
  } catch (const db::UniqueViolation&) {
    throw Conflict("Role \"" + name + "\" already exists");
  }
  Json::Value role = *load_role(tx, role_id);
  write_audit(tx, actor, "role.create", "role " + std::to_string(role_id) + " (" + name + ")", Json::Value(), role);
  tx.commit();
  return role;
}

void delete_role(db::Connection& db, const AuditActor& actor, long long role_id) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  auto before = load_role(tx, role_id);
  if (!before) throw NotFound("Role not found");
  // Deleting a role takes its permissions from its holders: only for a caller who holds them.
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  tx.exec("DELETE FROM roles WHERE id = $1", {role_id});  // user_roles and role_permissions cascade
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "role.delete", "role " + std::to_string(role_id) + " (" + (*before)["name"].asString() + ")",
              *before, Json::Value());
  tx.commit();
}

Json::Value create_permission(db::Connection& db, const AuditActor& actor, const std::string& name) {
  db::Transaction tx(db);
  long long permission_id = 0;
  try {
    permission_id = tx.exec("INSERT INTO permissions (name) VALUES ($1) RETURNING id", {name}).one_row().integer(0);
  } catch (const db::UniqueViolation&) {
    throw Conflict("Permission \"" + name + "\" already exists");
  }
  // Roles that can manage admins hold every permission, new ones too: otherwise nobody
  // could assign, revoke or delete it (no one may hand out what they do not hold).
  const Json::Value granted_to = json::parse(
      tx.exec("WITH granted AS (INSERT INTO role_permissions (role_id, permission_id) "
              "  SELECT DISTINCT rp.role_id, $1::integer FROM role_permissions rp JOIN permissions p "
              "  ON p.id = rp.permission_id WHERE p.name = 'manage_admin' ON CONFLICT DO NOTHING RETURNING role_id) "
              "SELECT COALESCE(json_agg(r.name ORDER BY r.name), '[]')::text FROM granted g JOIN roles r ON r.id = g.role_id",
              {permission_id})
          .one_row()
          .view(0));
  Json::Value permission;
  permission["id"] = static_cast<Json::Int64>(permission_id);
  permission["name"] = name;
  Json::Value after = permission;
  after["granted_to_roles"] = granted_to;
  write_audit(tx, actor, "permission.create", "permission " + std::to_string(permission_id) + " (" + name + ")",
              Json::Value(), after);
  tx.commit();
  return permission;
}

void delete_permission(db::Connection& db, const AuditActor& actor, long long permission_id) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  auto row = tx.exec("SELECT name FROM permissions WHERE id = $1", {permission_id}).optional_row();
  if (!row) throw NotFound("Permission not found");
  const std::string name = row->str(0);
  if (!rbac::holds_permission(tx, actor.user_id, name)) throw Forbidden();
  tx.exec("DELETE FROM permissions WHERE id = $1", {permission_id});
  rbac::require_an_admin_remains(tx);
  Json::Value before;
  before["id"] = static_cast<Json::Int64>(permission_id);
  before["name"] = name;
  write_audit(tx, actor, "permission.delete", "permission " + std::to_string(permission_id) + " (" + name + ")",
              before, Json::Value());
  tx.commit();
}

void assign_permission_to_role(db::Connection& db, const AuditActor& actor, const std::string& permission_name,
                               const std::string& role_name) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  const NamedIds ids = find_permission_and_role(tx, permission_name, role_name);
  if (!rbac::holds_permission(tx, actor.user_id, permission_name)) throw Forbidden();
  const Json::Value before = *load_role(tx, ids.role_id);
  const bool added = !tx.exec(
                            "INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2) "
                            "ON CONFLICT DO NOTHING RETURNING role_id",
                            {ids.role_id, ids.permission_id})
                            .empty();
  if (added) {
    write_audit(tx, actor, "role.permission.assign", "role " + std::to_string(ids.role_id) + " (" + role_name + ")",
                before, *load_role(tx, ids.role_id));
  }
  tx.commit();
}

void revoke_permission_from_role(db::Connection& db, const AuditActor& actor, const std::string& permission_name,
                                 const std::string& role_name) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  const NamedIds ids = find_permission_and_role(tx, permission_name, role_name);
  if (!rbac::holds_permission(tx, actor.user_id, permission_name)) throw Forbidden();
  const Json::Value before = *load_role(tx, ids.role_id);
  const bool removed = !tx.exec("DELETE FROM role_permissions WHERE role_id = $1 AND permission_id = $2 RETURNING role_id",
                                {ids.role_id, ids.permission_id})
                              .empty();
  if (!removed) throw NotFound("Role does not have this permission");
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "role.permission.revoke", "role " + std::to_string(ids.role_id) + " (" + role_name + ")",
              before, *load_role(tx, ids.role_id));
  tx.commit();
}

}  // namespace t2o::admin
