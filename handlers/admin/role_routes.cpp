// Roles and permissions: thin HTTP wrappers over roles_service.
#include "admin/admin_routes.hpp"
#include "admin/roles_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::admin {
namespace {

constexpr std::size_t kMaxNameLength = 80;

std::string required_name(const Json::Value& body, const char* field, const char* missing_message) {
  const auto value = json::optional_string(body, field);
  const std::string name(value ? text::trim(*value) : std::string_view());
  if (name.empty()) throw BadRequest(missing_message);
  if (name.size() > kMaxNameLength) throw BadRequest(std::string(field) + " must be at most " + std::to_string(kMaxNameLength) + " characters");
  return name;
}

long long required_id(const Json::Value& body, const char* field, const char* missing_message) {
  const auto id = json::optional_int(body, field);
  if (!id) throw BadRequest(missing_message);
  return *id;
}

Response with_success(Json::Value body, int status = 200) {
  body["success"] = true;
  return json_response(status, body);
}

}  // namespace

Response roles(Context& context, const Request&) {
  Json::Value body;
  body["roles"] = list_roles(context.db());
  return with_success(body);
}

Response create_role(Context& context, const Request& request) {
  const std::string name = required_name(parse_body(request), "name", "Role name must be provided");
  Json::Value body;
  body["message"] = "New role created";
  body["role"] = admin::create_role(context.db(), audit_actor(context, request), name);
  return with_success(body, 201);
}

Response delete_role(Context& context, const Request& request) {
  const long long role_id = required_id(parse_body(request), "role_id", "Role ID must be provided");
  admin::delete_role(context.db(), audit_actor(context, request), role_id);
  return success("Role deleted successfully");
}

Response permissions(Context& context, const Request&) {
  Json::Value body;
  body["permissions"] = list_permissions(context.db());
  return with_success(body);
}

Response create_permission(Context& context, const Request& request) {
  const std::string name = required_name(parse_body(request), "name", "Permission name must be provided");
  Json::Value body;
  body["message"] = "Permission \"" + name + "\" created successfully";
  body["permission"] = admin::create_permission(context.db(), audit_actor(context, request), name);
  return with_success(body, 201);
}

Response delete_permission(Context& context, const Request& request) {
  const long long permission_id =
      required_id(parse_body(request), "permission_id", "Permission ID must be provided");
  admin::delete_permission(context.db(), audit_actor(context, request), permission_id);
  return success("Permission deleted successfully");
}

Response assign_permission_to_role(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string permission = required_name(body, "permission_name", "Permission name and role name must be provided");
  const std::string role = required_name(body, "role_name", "Permission name and role name must be provided");
  admin::assign_permission_to_role(context.db(), audit_actor(context, request), permission, role);
  return success("Permission assigned to role");
}

Response revoke_permission_from_role(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string permission = required_name(body, "permission_name", "Permission name and role name must be provided");
  const std::string role = required_name(body, "role_name", "Permission name and role name must be provided");
  admin::revoke_permission_from_role(context.db(), audit_actor(context, request), permission, role);
  return success("Permission revoked from role");
}

}  // namespace t2o::admin
