#include "server/dispatch.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "cache/answer_cache.hpp"
#include "errors/http_error.hpp"
#include "log/error_mailer.hpp"
#include "log/request_log_writer.hpp"
#include "metrics/group_metrics.hpp"
#include "server/error_mapping.hpp"
#include "security/guard.hpp"
#include "server/router.hpp"
#include "session/csrf.hpp"

namespace t2o {
namespace {

// The AnswerCache key of a cacheable GET: who asks (for a per-caller route) and the path.
// Cached routes take no query parameters; a request with any is answered afresh, so
// made-up parameters can neither collide with a key nor crowd the cache.
std::string answer_key(const Route& route, const Context& context, const Request& request) {
  std::string key = route.caching == Caching::PerCaller ? std::to_string(context.require_session().user_id) : "*";
  key += ' ';
  key += request.path;
  return key;
}

bool sets_cookie(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") return true;
  }
  return false;
}

// The route's answer, from the cache when the route allows it and the data it copies has
// not changed since.
Response answer(Context& context, const Route& route, const Request& request) {
  AnswerCache* cache = context.services.answers;
  if (!cache || route.caching == Caching::None || request.method != Method::Get || !request.query.empty()) {
    return route.handler(context, request);
  }
  const std::string key = answer_key(route, context, request);
  if (const Response* cached = cache->answer(key)) return *cached;
  Response response = route.handler(context, request);
  if (response.status == 200 && !sets_cookie(response)) cache->store_answer(key, response);
  return response;
}

Response route_request(Context& context, RouteMatch& match, Request& request) {
  if (!match.route) {
    if (match.allowed.empty()) throw NotFound();
    std::string allow;
    for (std::string_view method : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method);
    HttpError not_allowed(405, "Method not allowed");
    not_allowed.headers.emplace_back("Allow", allow);
    throw not_allowed;
  }
  request.path_params = match.params;  // copied: a retry routes the request again
  const Access& access = match.route->access;
  if (context.services.answers) context.services.answers->refresh();

  if (const std::string* token = request.cookie(kSessionCookie)) context.session = context.sessions().find(*token);
  if (access.needs_session && !context.session) throw Unauthorized();
  if (checks_csrf(*match.route)) {
    const bool valid = context.session && csrf_token_valid(context.config().secret_key, context.session->token,
                                                            request.header(kCsrfHeader));
    if (!valid) throw Forbidden(kCsrfFailed);
  }
  if (!access.permission.empty()) require_permission(context, access.permission);
  return answer(context, *match.route, request);
}

// Routes the request, and when the database connection broke before anything could have
// taken effect (see db::Connection::may_have_taken_effect), runs it again on a fresh
// connection: pauses of 10 ms doubling to 200 ms, within the configured budget. A blip
// (a restart, a failover) then costs the client some latency instead of a 503.
Response route_with_retries(Context& context, RouteMatch& match, Request& request) {
  using std::chrono::milliseconds;
  const auto deadline = std::chrono::steady_clock::now() + milliseconds(context.config().db_retry_budget_ms);
  milliseconds pause(10);
  while (true) {
    context.db().begin_unit();
    context.session.reset();
    try {
      return route_request(context, match, request);
    } catch (const db::ConnectionLost&) {
      if (context.db().may_have_taken_effect()) throw;
      if (std::chrono::steady_clock::now() + pause > deadline) throw;
      ++context.services.db_retries;
      if (context.services.metrics) context.services.metrics->count_db_retry();
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, milliseconds(200));
    }
  }
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
  const unsigned long long generation = services.db.generation();
  try {
    response = route_with_retries(context, match, request);
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
  if (services.metrics) {
    services.metrics->record(match.route, response.status, record.duration_ms / 1000.0);
    // The first connection of a worker is no reconnect; any later one is.
    if (generation > 0 && services.db.generation() > generation) services.metrics->count_db_reconnect();
  }
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
  if (log_level_enabled(services.config.log_level, record.level)) {
    // An answered request's line can wait for the writer's next batch; a problem's cannot.
    if (services.log_writer && record.level == "INFO") {
      services.log_writer->enqueue_line(format_log_line(record));
    } else {
      write_log_line(record);
    }
  }
  if (record.level == "ERROR") mail_unhandled_error(services.db, services.config, record);
  if (services.log_writer && (services.config.log_route_access || record.level != "INFO")) {
    services.log_writer->enqueue(std::move(record));
  }
  return response;
}

}  // namespace t2o
