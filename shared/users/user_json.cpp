#include "users/user_json.hpp"

#include "json/json.hpp"

namespace t2o::users {

const char* const kSelectUser =
    "SELECT u.id, u.first_name, u.last_name, u.username, u.email, u.twofa_enabled, u.verified, "
    "  COALESCE((SELECT json_agg(r.name ORDER BY r.name) FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
    "            WHERE ur.user_id = u.id), '[]'), "
    "  COALESCE((SELECT json_agg(DISTINCT p.name ORDER BY p.name) FROM user_roles ur "
    "            JOIN role_permissions rp ON rp.role_id = ur.role_id JOIN permissions p ON p.id = rp.permission_id "
    "            WHERE ur.user_id = u.id), '[]') "
    "FROM users u WHERE u.id = $1";

std::optional<Json::Value> load_user_json(db::Connection& db, long long user_id) {
  auto row = db.exec(kSelectUser, {user_id}).optional_row();
  if (!row) return std::nullopt;
  Json::Value user;
  user["id"] = static_cast<Json::Int64>(row->integer(0));
  user["first_name"] = row->str(1);
  user["last_name"] = row->str(2);
  user["username"] = row->str(3);
  user["email"] = row->str(4);
  user["twofa_enabled"] = row->boolean(5);
  user["verified"] = row->boolean(6);
  user["roles"] = json::parse(row->view(7));
  user["permissions"] = json::parse(row->view(8));
  return user;
}

}  // namespace t2o::users
