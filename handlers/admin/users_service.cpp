#include "admin/users_service.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "security/rbac_rules.hpp"
#include "users/user_json.hpp"
#include "util/text.hpp"

namespace t2o::admin {
namespace {

Json::Value user_roles_json(db::Transaction& tx, long long user_id) {
  auto row = tx.exec(
                   "SELECT COALESCE(json_agg(r.name ORDER BY r.name), '[]')::text FROM user_roles ur "
                   "JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1",
                   {user_id})
                 .one_row();
  Json::Value roles;
  roles["roles"] = json::parse(row.view(0));
  return roles;
}

struct UserAndRole {
  std::string username;
  std::string role_name;
};

UserAndRole find_user_and_role(db::Transaction& tx, long long user_id, long long role_id) {
  auto user = tx.exec("SELECT username FROM users WHERE id = $1", {user_id}).optional_row();
  if (!user) throw NotFound("User not found");
  auto role = tx.exec("SELECT name FROM roles WHERE id = $1", {role_id}).optional_row();
  if (!role) throw NotFound("Role not found");
  return {user->str(0), role->str(0)};
}

std::string target_name(long long user_id, const UserAndRole& names) {
  return "user " + std::to_string(user_id) + " (" + names.username + "), role " + names.role_name;
}

}  // namespace

UserPage user_details(db::Connection& db, long long page, std::optional<long long> per_page,
                      const std::optional<std::string>& query) {
  const long long limit = per_page.value_or(kMaxUsersPerPage);
  const long long offset = (page - 1) * limit;
  const db::Param pattern = query ? db::Param(text::like_contains(*query)) : db::Param(std::nullopt);
  const char* const kFilter =
      " WHERE $1::text IS NULL OR first_name ILIKE $1 OR last_name ILIKE $1 OR username ILIKE $1 OR email ILIKE $1";
  UserPage result;
  result.total = db.exec(std::string("SELECT count(*) FROM users") + kFilter, {pattern}).one_row().integer(0);
  result.users = Json::Value(Json::arrayValue);
  auto rows = db.exec(std::string("SELECT id, first_name, last_name, username, email FROM users") + kFilter +
                          " ORDER BY id LIMIT $2 OFFSET $3",
                      {pattern, limit, offset});
  for (auto row : rows) {
    Json::Value user;
    user["id"] = static_cast<Json::Int64>(row.integer(0));
    user["first_name"] = row.str(1);
    user["last_name"] = row.str(2);
    user["username"] = row.str(3);
    user["email"] = row.str(4);
    result.users.append(user);
  }
  return result;
}

Json::Value all_user_profiles(db::Connection& db) {
  Json::Value users(Json::arrayValue);
  for (auto row : db.exec("SELECT id FROM users ORDER BY id")) {
    if (auto user = users::load_user_json(db, row.integer(0))) users.append(*user);
  }
  return users;
}

void assign_role_to_user(db::Connection& db, const AuditActor& actor, long long user_id, long long role_id) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  const UserAndRole names = find_user_and_role(tx, user_id, role_id);
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  const Json::Value before = user_roles_json(tx, user_id);
  const bool added =
      !tx.exec("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id",
               {user_id, role_id})
           .empty();
  if (added) write_audit(tx, actor, "user.role.assign", target_name(user_id, names), before, user_roles_json(tx, user_id));
  tx.commit();
}

void revoke_role_from_user(db::Connection& db, const AuditActor& actor, long long user_id, long long role_id) {
  db::Transaction tx(db);
  rbac::lock_rbac_changes(tx);
  const UserAndRole names = find_user_and_role(tx, user_id, role_id);
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  const Json::Value before = user_roles_json(tx, user_id);
  const bool removed =
      !tx.exec("DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2 RETURNING user_id", {user_id, role_id})
           .empty();
  if (!removed) throw NotFound("User does not have this role");
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "user.role.revoke", target_name(user_id, names), before, user_roles_json(tx, user_id));
  tx.commit();
}

}  // namespace t2o::admin
