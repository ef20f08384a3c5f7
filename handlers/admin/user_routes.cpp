// Users and their roles: thin HTTP wrappers over users_service.
#include "admin/admin_routes.hpp"
#include "admin/users_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "http/query_params.hpp"
#include "json/json.hpp"
#include "users/user_json.hpp"
#include "util/text.hpp"

namespace t2o::admin {
namespace {

struct UserRoleIds {
  long long user_id;
  long long role_id;
};

UserRoleIds user_and_role_ids(const Request& request) {
  const Json::Value body = parse_body(request);
  const auto user_id = json::optional_int(body, "user_id");
  const auto role_id = json::optional_int(body, "role_id");
  if (!user_id || !role_id) throw BadRequest("User ID and Role ID must be provided");
  return {*user_id, *role_id};
}

}  // namespace

Response assign_role_to_user(Context& context, const Request& request) {
  const UserRoleIds ids = user_and_role_ids(request);
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    admin::assign_role_to_user(tx, audit_actor(context, request), ids.user_id, ids.role_id);
  });
  return success("Role assigned to user");
}

Response revoke_role_from_user(Context& context, const Request& request) {
  const UserRoleIds ids = user_and_role_ids(request);
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    admin::revoke_role_from_user(tx, audit_actor(context, request), ids.user_id, ids.role_id);
  });
  return success("Role revoked from user");
}

Response user_details(Context& context, const Request& request) {
  const long long page = query_int(request, "page", 1, 1000000).value_or(1);
  const auto per_page = query_int(request, "per_page", 1, kMaxUsersPerPage);
  // Longer searches are cut, not refused: the original client sends what was typed.
  std::optional<std::string> query;
  if (const std::string* q = request.query_param("q"); q && !text::trim(*q).empty()) {
    query = text::clean_utf8(text::trim(*q), 120);
  }
  const UserPage result = admin::user_details(context.db(), page, per_page, query);
  Json::Value fields;
  fields["users"] = Json::Value(Json::arrayValue);
  for (const UserSummary& user : result.users) {
    Json::Value json;
    json["id"] = static_cast<Json::Int64>(user.id);
    json["first_name"] = user.first_name;
    json["last_name"] = user.last_name;
    json["username"] = user.username;
    json["email"] = user.email;
    fields["users"].append(json);
  }
  fields["total"] = static_cast<Json::Int64>(result.total);
  return success_with(fields);
}

Response all_user_profiles(Context& context, const Request&) {
  Json::Value fields;
  fields["message"] = Json::Value(Json::arrayValue);  // the original client reads `message`
  for (const users::UserProfile& user : admin::all_user_profiles(context.db())) {
    fields["message"].append(users::user_json(user));
  }
  return success_with(fields);
}

}  // namespace t2o::admin
