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
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    account::change_password(tx, context.sessions(), session.user_id, session.id, current, replacement);
  });
  return success("Password changed successfully");
}

Response list_sessions(Context& context, const Request&) {
  const SessionInfo& session = context.require_session();
  Json::Value fields;
  fields["sessions"] = Json::Value(Json::arrayValue);
  for (const SessionSummary& summary : account::list_sessions(context.db(), session.user_id, session.id)) {
    Json::Value entry;
    entry["id"] = static_cast<Json::Int64>(summary.id);
    entry["created_at"] = iso_utc(summary.created_at);
    entry["last_seen_at"] = iso_utc(summary.last_seen_at);
    entry["ip"] = summary.ip;
    entry["user_agent"] = summary.user_agent;
    entry["current"] = summary.current;
    fields["sessions"].append(entry);
  }
  return success_with(fields);
}

Response delete_session(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  const auto session_id = text::parse_int(request.path_params.at("id"));
  const bool deleted = session_id && db::in_transaction(context.db(), [&](db::Transaction& tx) {
                         return delete_own_session(tx, context.sessions(), session.user_id, *session_id);
                       });
  if (!deleted) throw NotFound("Session not found");
  Response response = success("Session deleted");
  if (*session_id == session.id) expire_session_cookies(response, request);
  return response;
}

}  // namespace t2o::account
