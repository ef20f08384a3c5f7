#include "admin/users_service.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "security/rbac_rules.hpp"
#include "util/text.hpp"

namespace t2o::admin {
namespace {

constexpr const char* kSelectUserRoles =
    "SELECT COALESCE(json_agg(r.name ORDER BY r.name), '[]')::text AS roles FROM user_roles ur "
    "JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1";
constexpr const char* kSelectUsername = "SELECT username FROM users WHERE id = $1";
constexpr const char* kSelectRoleName = "SELECT name FROM roles WHERE id = $1";
constexpr const char* kGiveRole =
    "INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id";
constexpr const char* kTakeRole = "DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2 RETURNING user_id";
// $1 an ILIKE pattern or NULL for everyone.
constexpr db::Query kCountUsers = db::idempotent(
    "SELECT count(*) AS total FROM users "
    "WHERE $1::text IS NULL OR first_name ILIKE $1 OR last_name ILIKE $1 OR username ILIKE $1 OR email ILIKE $1");
constexpr db::Query kSelectUserPage = db::idempotent(
    "SELECT id, first_name, last_name, username, email FROM users "
    "WHERE $1::text IS NULL OR first_name ILIKE $1 OR last_name ILIKE $1 OR username ILIKE $1 OR email ILIKE $1 "
    "ORDER BY id LIMIT $2 OFFSET $3");

// The audit trail's snapshot of a user's roles.
Json::Value roles_snapshot(db::Transaction& tx, long long user_id) {
  Json::Value snapshot;
  snapshot["roles"] = json::parse(tx.exec(kSelectUserRoles, {user_id}).one_row().view("roles"));
  return snapshot;
}

// "user 7 (ada), role Editor"; NotFound when either does not exist.
std::string user_and_role_target(db::Transaction& tx, long long user_id, long long role_id) {
  auto user = tx.exec(kSelectUsername, {user_id}).optional_row();
  if (!user) throw NotFound("User not found");
  auto role = tx.exec(kSelectRoleName, {role_id}).optional_row();
  if (!role) throw NotFound("Role not found");
  return "user " + std::to_string(user_id) + " (" + user->str("username") + "), role " + role->str("name");
}

}  // namespace

UserPage user_details(db::Executor& db, long long page, std::optional<long long> per_page,
                      const std::optional<std::string>& query) {
  const long long limit = per_page.value_or(kMaxUsersPerPage);
  const db::Param pattern = query ? db::Param(text::like_contains(*query)) : db::Param(std::nullopt);
  UserPage result;
  result.total = db.exec(kCountUsers, {pattern}).one_row().integer("total");
  for (auto row : db.exec(kSelectUserPage, {pattern, limit, (page - 1) * limit})) {
    result.users.push_back({row.integer("id"), row.str("first_name"), row.str("last_name"), row.str("username"),
                            row.str("email")});
  }
  return result;
}

std::vector<users::UserProfile> all_user_profiles(db::Executor& db) { return users::load_all_users(db); }

void assign_role_to_user(db::Transaction& tx, const AuditActor& actor, long long user_id, long long role_id) {
  rbac::lock_rbac_changes(tx);
  const std::string target = user_and_role_target(tx, user_id, role_id);
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  const Json::Value before = roles_snapshot(tx, user_id);
  if (tx.exec(kGiveRole, {user_id, role_id}).empty()) return;  // already held
  write_audit(tx, actor, "user.role.assign", target, before, roles_snapshot(tx, user_id));
}

void revoke_role_from_user(db::Transaction& tx, const AuditActor& actor, long long user_id, long long role_id) {
  rbac::lock_rbac_changes(tx);
  const std::string target = user_and_role_target(tx, user_id, role_id);
  if (!rbac::holds_every_permission_of_role(tx, actor.user_id, role_id)) throw Forbidden();
  const Json::Value before = roles_snapshot(tx, user_id);
  if (tx.exec(kTakeRole, {user_id, role_id}).empty()) throw NotFound("User does not have this role");
  rbac::require_an_admin_remains(tx);
  write_audit(tx, actor, "user.role.revoke", target, before, roles_snapshot(tx, user_id));
}

}  // namespace t2o::admin
