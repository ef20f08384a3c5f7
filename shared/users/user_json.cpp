#include "users/user_json.hpp"

namespace t2o::users {
namespace {

Json::Value array_of(const std::vector<std::string>& names) {
  Json::Value array(Json::arrayValue);
  for (const std::string& name : names) array.append(name);
  return array;
}

}  // namespace

Json::Value user_json(const UserProfile& user) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(user.id);
  json["first_name"] = user.first_name;
  json["last_name"] = user.last_name;
  json["username"] = user.username;
  json["email"] = user.email;
  json["twofa_enabled"] = user.twofa_enabled;
  json["verified"] = user.verified;
  json["roles"] = array_of(user.roles);
  json["permissions"] = array_of(user.permissions);
  return json;
}

}  // namespace t2o::users
