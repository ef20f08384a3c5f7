#include "users/user_profile.hpp"

#include "json/json.hpp"

namespace t2o::users {
namespace {

// Roles and permissions come as JSON arrays of names, so one row carries a whole user.
#define T2O_SELECT_USER_PROFILE                                                                                  \
  "SELECT u.id, u.first_name, u.last_name, u.username, u.email, u.twofa_enabled, u.verified, "                  \
  "  COALESCE((SELECT json_agg(r.name ORDER BY r.name) FROM user_roles ur JOIN roles r ON r.id = ur.role_id "    \
  "            WHERE ur.user_id = u.id), '[]') AS roles, "                                                      \
  "  COALESCE((SELECT json_agg(DISTINCT p.name ORDER BY p.name) FROM user_roles ur "                            \
  "            JOIN role_permissions rp ON rp.role_id = ur.role_id JOIN permissions p ON p.id = rp.permission_id " \
  "            WHERE ur.user_id = u.id), '[]') AS permissions "                                                 \
  "FROM users u "

constexpr db::Query kSelectUser = db::idempotent(T2O_SELECT_USER_PROFILE "WHERE u.id = $1");
constexpr db::Query kSelectAllUsers = db::idempotent(T2O_SELECT_USER_PROFILE "ORDER BY u.id");
#undef T2O_SELECT_USER_PROFILE

std::vector<std::string> names(std::string_view json_array) {
  std::vector<std::string> out;
  for (const Json::Value& name : json::parse(json_array)) out.push_back(name.asString());
  return out;
}

UserProfile profile_from(const db::Row& row) {
  return UserProfile{row.integer("id"),           row.str("first_name"), row.str("last_name"),
                     row.str("username"),         row.str("email"),      row.boolean("twofa_enabled"),
                     row.boolean("verified"),     names(row.view("roles")), names(row.view("permissions"))};
}

}  // namespace

std::optional<UserProfile> load_user(db::Executor& db, long long user_id) {
  auto row = db.exec(kSelectUser, {user_id}).optional_row();
  if (!row) return std::nullopt;
  return profile_from(*row);
}

std::vector<UserProfile> load_all_users(db::Executor& db) {
  std::vector<UserProfile> users;
  for (auto row : db.exec(kSelectAllUsers)) users.push_back(profile_from(row));
  return users;
}

}  // namespace t2o::users
