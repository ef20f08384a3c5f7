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

Json::Value role_json(const Role& role) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(role.id);
  json["name"] = role.name;
  json["permissions"] = Json::Value(Json::arrayValue);
  for (const std::string& name : role.permissions) json["permissions"].append(name);
  return json;
}

Json::Value permission_json(const Permission& permission) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(permission.id);
  json["name"] = permission.name;
  return json;
}

}  // namespace

Response roles(Context& context, const Request&) {
  Json::Value fields;
  fields["roles"] = Json::Value(Json::arrayValue);
  for (const Role& role : list_roles(context.db())) fields["roles"].append(role_json(role));
  return success_with(fields);
}

Response create_role(Context& context, const Request& request) {
  const std::string name = required_name(parse_body(request), "name", "Role name must be provided");
  const Role role = db::in_transaction(context.db(), [&](db::Transaction& tx) {
    return admin::create_role(tx, audit_actor(context, request), name);
  });
  Json::Value fields;
  fields["role"] = role_json(role);
  return success_with(fields, "New role created", 201);
}

Response delete_role(Context& context, const Request& request) {
  const long long role_id = required_id(parse_body(request), "role_id", "Role ID must be provided");
  db::in_transaction(context.db(),
                     [&](db::Transaction& tx) { admin::delete_role(tx, audit_actor(context, request), role_id); });
  return success("Role deleted successfully");
}

Response permissions(Context& context, const Request&) {
  Json::Value fields;
  fields["permissions"] = Json::Value(Json::arrayValue);
  for (const Permission& permission : list_permissions(context.db())) {
    fields["permissions"].append(permission_json(permission));
  }
  return success_with(fields);
}

Response create_permission(Context& context, const Request& request) {
  const std::string name = required_name(parse_body(request), "name", "Permission name must be provided");
  const Permission permission = db::in_transaction(context.db(), [&](db::Transaction& tx) {
    return admin::create_permission(tx, audit_actor(context, request), name);
  });
  Json::Value fields;
  fields["permission"] = permission_json(permission);
  return success_with(fields, "Permission \"" + name + "\" created successfully", 201);
}

Response delete_permission(Context& context, const Request& request) {
  const long long permission_id =
      required_id(parse_body(request), "permission_id", "Permission ID must be provided");
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    admin::delete_permission(tx, audit_actor(context, request), permission_id);
  });
  return success("Permission deleted successfully");
}

Response assign_permission_to_role(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string permission = required_name(body, "permission_name", "Permission name and role name must be provided");
  const std::string role = required_name(body, "role_name", "Permission name and role name must be provided");
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    admin::assign_permission_to_role(tx, audit_actor(context, request), permission, role);
  });
  return success("Permission assigned to role");
}

Response revoke_permission_from_role(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string permission = required_name(body, "permission_name", "Permission name and role name must be provided");
  const std::string role = required_name(body, "role_name", "Permission name and role name must be provided");
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    admin::revoke_permission_from_role(tx, audit_actor(context, request), permission, role);
  });
  return success("Permission revoked from role");
}

}  // namespace t2o::admin
