#include "account/account_routes.hpp"

#include "account/account_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"
#include "session/session_cookies.hpp"
#include "util/text.hpp"

namespace t2o::account {

Response change_password(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  const Json::Value body = parse_body(request);
  const std::string current = json::optional_string(body, "current_password").value_or("");
  const std::string replacement = json::optional_string(body, "new_password").value_or("");
  if (current.empty() || replacement.empty()) throw BadRequest("Current and new password are required");
  account::change_password(context.db(), context.sessions(), session.user_id, session.id, current, replacement);
  return success("Password changed successfully");
}

Response list_sessions(Context& context, const Request&) {
  const SessionInfo& session = context.require_session();
  Json::Value body;
  body["success"] = true;
  body["sessions"] = account::list_sessions(context.db(), session.user_id, session.id);
  return json_response(200, body);
}

Response delete_session(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  const auto session_id = text::parse_int(request.path_params.at("id"));
  if (!session_id || !delete_own_session(context.db(), context.sessions(), session.user_id, *session_id)) {
    throw NotFound("Session not found");
  }
  Response response = success("Session deleted");
  if (*session_id == session.id) expire_session_cookies(response, request);
  return response;
}

}  // namespace t2o::account
