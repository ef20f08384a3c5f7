#pragma once
// The admin group's route handlers (API.md "Admin group (RBAC)").
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::admin {

Response roles(Context& context, const Request& request);
Response create_role(Context& context, const Request& request);
Response delete_role(Context& context, const Request& request);
Response permissions(Context& context, const Request& request);
Response create_permission(Context& context, const Request& request);
Response delete_permission(Context& context, const Request& request);
Response assign_permission_to_role(Context& context, const Request& request);
Response revoke_permission_from_role(Context& context, const Request& request);
Response assign_role_to_user(Context& context, const Request& request);
Response revoke_role_from_user(Context& context, const Request& request);
Response user_details(Context& context, const Request& request);
Response all_user_profiles(Context& context, const Request& request);

}  // namespace t2o::admin
