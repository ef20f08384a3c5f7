#include "server/dispatch.hpp"

#include <unistd.h>

#include <chrono>

#include "security/guard.hpp"
#include "errors/http_error.hpp"
#include "log/error_mailer.hpp"
#include "log/request_log_writer.hpp"
#include "server/error_mapping.hpp"
#include "server/router.hpp"
#include "session/csrf.hpp"

namespace t2o {
namespace {

Response route_request(Context& context, RouteMatch& match, Request& request) {
  if (!match.route) {
    if (match.allowed.empty()) throw NotFound();
    std::string allow;
    for (std::string_view method : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method);
    HttpError not_allowed(405, "Method not allowed");
    not_allowed.headers.emplace_back("Allow", allow);
    throw not_allowed;
  }
  request.path_params = std::move(match.params);
  const Access& access = match.route->access;

  if (const std::string* token = request.cookie(kSessionCookie)) context.session = context.sessions().find(*token);
  if (access.needs_session && !context.session) throw Unauthorized();
  if (is_state_changing(request.method) && !access.csrf_exempt) {
    const bool valid = context.session && csrf_token_valid(context.config().secret_key, context.session->token,
                                                            request.header(kCsrfHeader));
    if (!valid) throw Forbidden(kCsrfFailed);
  }
  if (!access.permission.empty()) require_permission(context, access.permission);
  return match.route->handler(context, request);
}

}  // namespace

const SessionInfo& Context::require_session() const {
  if (!session) throw Unauthorized();
  return *session;
}

Response dispatch(Services& services, Routes routes, Request& request) {
  const auto started = std::chrono::steady_clock::now();
  Context context{services, std::nullopt};
  Response response;
  LogRecord record;
  RouteMatch match = find_route(routes, request.method, request.path);
  try {
    response = route_request(context, match, request);
  } catch (...) {
    MappedError mapped = map_exception(std::current_exception());
    response = std::move(mapped.response);
    if (mapped.unexpected) {
      record.level = "ERROR";
      record.message = mapped.detail;
    }
  }
  if (request.method == Method::Head) response.body.clear();
  if (services.config.is_testing()) response.add_header("X-Handler-Pid", std::to_string(::getpid()));

  record.request_id = request.request_id;
  record.group = services.group;
  record.method = request.method_text;
  record.path = loggable_path(match.pattern, request.path);
  record.status = response.status;
  record.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  record.client_ip = request.client_ip;
  record.user_agent = request.header("user-agent");
  if (context.session) {
    record.user_id = context.session->user_id;
    record.user_email = context.session->user_email;
  }
  if (record.message.empty()) {
    record.message = record.method + " " + record.path + " " + std::to_string(record.status);
  } else {
    record.message = record.method + " " + record.path + " " + std::to_string(record.status) + ": " + record.message;
  }
  if (log_level_enabled(services.config.log_level, record.level)) write_log_line(record);
  if (record.level == "ERROR") mail_unhandled_error(services.db, services.config, record);
  if (services.log_writer && (services.config.log_route_access || record.level != "INFO")) {
    services.log_writer->enqueue(std::move(record));
  }
  return response;
}

}  // namespace t2o
