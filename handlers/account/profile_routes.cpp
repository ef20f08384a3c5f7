// POST /update_profile and GET /logs: thin HTTP wrappers over their services.
#include "account/account_routes.hpp"
#include "account/logs_service.hpp"
#include "account/profile_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "http/query_params.hpp"
#include "json/json.hpp"
#include "security/guard.hpp"
#include "util/text.hpp"

namespace t2o::account {

Response update_profile(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  const Json::Value body = parse_body(request);
  ProfileUpdate update;
  update.user_id = json::optional_int(body, "user_id").value_or(session.user_id);
  update.first_name = json::require_string(body, "first_name");
  update.last_name = json::require_string(body, "last_name");
  update.username = json::require_string(body, "username");
  update.email = json::require_string(body, "email");
  if (auto password = json::optional_string(body, "password"); password && !password->empty()) {
    update.password = *password;
  }
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    account::update_profile(tx, context.sessions(), context.config(), audit_actor(context, request), session.id,
                            update);
  });
  return success("Profile updated successfully.");
}

Response logs(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  LogQuery query;
  query.page = query_int(request, "page", 1, 10000000).value_or(1);
  query.per_page = query_int(request, "per_page", 1, 100).value_or(10);
  query.level = query_text(request, "level", 10);
  if (query.level) {
    for (char& c : *query.level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (*query.level != "INFO" && *query.level != "WARNING" && *query.level != "ERROR" && *query.level != "AUDIT") {
      throw BadRequest("level must be one of INFO, WARNING, ERROR, AUDIT");
    }
  }
  query.user_email = query_text(request, "user_email", 120);
  query.text = query_text(request, "q", 200);
  if (!user_has_permission(context.db(), session.user_id, "access_logs")) query.only_user_id = session.user_id;

  const LogPage page = read_logs(context.db(), query);
  Json::Value fields;
  fields["logs"] = Json::Value(Json::arrayValue);
  for (const LogEntry& entry : page.logs) {
    Json::Value log;
    log["id"] = static_cast<Json::Int64>(entry.id);
    log["timestamp"] = iso_utc(entry.logged_at, 6);
    log["log_level"] = entry.level;
    log["message"] = entry.message;
    log["client_ip"] = entry.client_ip;
    log["user_agent"] = entry.user_agent;
    log["user_email"] = entry.user_email ? Json::Value(*entry.user_email) : Json::Value();
    fields["logs"].append(log);
  }
  fields["total_pages"] = static_cast<Json::Int64>(page.total_pages);
  fields["current_page"] = static_cast<Json::Int64>(query.page);
  fields["total_is_estimate"] = page.total_is_estimate;
  return success_with(fields);
}

}  // namespace t2o::account
