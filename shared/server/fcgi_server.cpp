#include "server/fcgi_server.hpp"

#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "cache/answer_cache.hpp"
#include "config/config.hpp"
#include "db/connection.hpp"
#include "http/request.hpp"
#include "log/request_log_writer.hpp"
#include "metrics/group_metrics.hpp"
#include "metrics/metrics_page.hpp"
#include "server/dispatch.hpp"
#include "server/worker_pool.hpp"
#include "session/revocation_epoch.hpp"
#include "session/session_store.hpp"
#include "util/text.hpp"

namespace t2o::fcgi {
namespace {

// nginx refuses bodies over 1 MiB; this is the handler's own backstop.
constexpr long long kMaxBodyBytes = 1 << 20;

extern "C" void on_stop_signal(int) { FCGX_ShutdownPending(); }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: accept() must return so the loop can end
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

std::string param(FCGX_ParamArray env, const char* name) {
  const char* value = FCGX_GetParam(name, env);
  return value ? value : "";
}

// HTTP_USER_AGENT -> user-agent
std::string header_name_from_param(std::string_view param_name) {
  std::string name = text::to_lower(param_name.substr(5));
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

// Reads the request; returns false when the body is larger than we accept.
bool read_request(FCGX_Request& fcgi, Request& request) {
  for (char** entry = fcgi.envp; entry && *entry; ++entry) {
    std::string_view pair(*entry);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view name = pair.substr(0, equals);
    if (name.starts_with("HTTP_")) request.headers[header_name_from_param(name)] = std::string(pair.substr(equals + 1));
  }
  request.method_text = param(fcgi.envp, "REQUEST_METHOD");
  request.method = parse_method(request.method_text);
  std::string uri = param(fcgi.envp, "DOCUMENT_URI");
  if (uri.empty()) {
    uri = param(fcgi.envp, "REQUEST_URI");
    uri = uri.substr(0, uri.find('?'));
    uri = text::url_decode(uri, false);
  }
  request.path = uri;
  request.query = parse_query_string(param(fcgi.envp, "QUERY_STRING"));
  request.client_ip = param(fcgi.envp, "REMOTE_ADDR");
  request.https = text::iequals(param(fcgi.envp, "HTTPS"), "on");
  request.request_id = param(fcgi.envp, "REQUEST_ID");
  const std::string content_type = param(fcgi.envp, "CONTENT_TYPE");
  if (!content_type.empty()) request.headers["content-type"] = content_type;
  if (auto cookies = request.headers.find("cookie"); cookies != request.headers.end()) {
    request.cookies = parse_cookie_header(cookies->second);
  }

  const auto length = text::parse_int(param(fcgi.envp, "CONTENT_LENGTH")).value_or(0);
  if (length > kMaxBodyBytes) return false;
  if (length > 0) {
    request.body.resize(static_cast<std::size_t>(length));
    const int read = FCGX_GetStr(request.body.data(), static_cast<int>(length), fcgi.in);
    request.body.resize(read > 0 ? static_cast<std::size_t>(read) : 0);
  }
  return true;
}

void write_response(FCGX_Request& fcgi, const Response& response) {
  std::string head = "Status: " + std::to_string(response.status) + " " + status_text(response.status) + "\r\n";
  if (response.status != 204) head += "Content-Type: " + response.content_type + "\r\n";
  head += "Cache-Control: no-store\r\n";
  for (const auto& [name, value] : response.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  head += "\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgi.out);
  if (response.status != 204 && !response.body.empty()) {
    FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), fcgi.out);
  }
}

// Ends the request and closes its connection at once. libfcgi's own close shuts the
// socket down and then waits (up to 2 s) for nginx to close its end first: a lingering
// close that keeps this single-threaded worker idle until nginx has read the answer,
// which cost a third of the throughput. Waiting is only needed when the peer could still
// be sending; so everything nginx sent is read first (the rest of STDIN), and then a
// plain close cannot lose anything.
void finish_without_lingering(FCGX_Request& fcgi) {
  char discard[4096];
  while (FCGX_GetStr(discard, sizeof discard, fcgi.in) > 0) {
  }
  fcgi.keepConnection = 1;  // FCGX_Finish_r flushes the answer and leaves the socket to us
  FCGX_Finish_r(&fcgi);
  if (fcgi.ipcFd >= 0) {  // FCGX_Finish_r closed it itself after an error
    close(fcgi.ipcFd);
    fcgi.ipcFd = -1;
  }
}

// A large answer (a whole board, every user's profile) leaves the heap holding its
// building blocks, freed but not returned: give them back, at most once a second, so a
// worker rests near its starting size. Small answers never pay for it.
void release_memory_after(const Response& response) {
  static auto last_trim = std::chrono::steady_clock::time_point{};
  if (response.body.size() < 64 * 1024) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_trim < std::chrono::seconds(1)) return;
  last_trim = now;
  malloc_trim(0);
}

// Answers requests until SIGTERM, then writes what the request log still holds.
int accept_loop(Services& services, Routes routes, RequestLogWriter& log_writer) {
  FCGX_Request fcgi;
  FCGX_InitRequest(&fcgi, 0, 0);
  unsigned long long dropped_counted = 0;
  while (FCGX_Accept_r(&fcgi) >= 0) {
    Request request;
    Response response;
    if (param(fcgi.envp, "T2O_METRICS") == "1" && services.metrics) {
      response = metrics_response(*services.metrics, services.db);  // set by nginx only
    } else if (read_request(fcgi, request)) {
      response = dispatch(services, routes, request);
    } else {
      response = error_response(413, "Request body too large");
    }
    write_response(fcgi, response);
    finish_without_lingering(fcgi);
    release_memory_after(response);
    if (services.metrics && log_writer.dropped_total() != dropped_counted) {
      services.metrics->add_log_rows_dropped(log_writer.dropped_total() - dropped_counted);
      dropped_counted = log_writer.dropped_total();
    }
  }
  log_writer.flush(std::chrono::seconds(3));
  return 0;
}

// One worker: its own database connections, session cache and request-log thread (none
// of them may cross a fork), answering on the socket it shares with its siblings.
int serve_worker(const Config& config, const std::string& group, Routes routes, GroupMetrics& metrics) {
  install_signal_handlers();
  if (FCGX_Init() != 0) {
    std::fprintf(stderr, "t2o-%s: FCGX_Init failed\n", group.c_str());
    return 1;
  }

  // Start even when the database is down: the connection is made at the first statement,
  // and until the database is back every request that needs it answers 503.
  db::Connection db(config.database_url, db::Connect::Lazily);
  std::unique_ptr<RevocationEpoch> epoch;
  std::unique_ptr<SessionStore> sessions;
  std::unique_ptr<RequestLogWriter> log_writer;
  std::unique_ptr<DataVersion> data_version;
  std::unique_ptr<AnswerCache> answers;
  try {
    epoch = std::make_unique<RevocationEpoch>(config.run_dir);
    sessions = std::make_unique<SessionStore>(db, *epoch, config.session_lifetime_seconds,
                                              config.listen_database_url);
    log_writer = std::make_unique<RequestLogWriter>(config.database_url);
    data_version = std::make_unique<DataVersion>(config.run_dir, sessions->changes());
    answers = std::make_unique<AnswerCache>(*data_version);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "t2o-%s: cannot start: %s\n", group.c_str(), error.what());
    return 1;
  }
  sessions->set_touch_sink([&writer = *log_writer](long long session_id) { writer.touch_session(session_id); });
  // Every write this worker commits moves the data version for all workers on the host.
  db.set_on_write([&version = *data_version] { version.bump(); });
  Services services{config, db, *sessions, log_writer.get(), group};
  services.metrics = &metrics;
  // Behind a pooler in transaction mode (prepared statements off) LISTEN only works on a
  // connection of its own: without T2O_LISTEN_DATABASE_URL other hosts' changes would
  // never be heard, so nothing is cached then.
  if (!config.db_prepared_statements && config.listen_database_url.empty()) {
    std::fprintf(stderr,
                 "level=WARNING t2o-%s: T2O_DB_PREPARED_STATEMENTS=false without T2O_LISTEN_DATABASE_URL: "
                 "answers are not cached\n",
                 group.c_str());
  } else {
    services.answers = answers.get();
  }
  return accept_loop(services, routes, *log_writer);
}

}  // namespace

int serve(const GroupTable& table) {
  const std::string group(table.name);
  const Routes routes = table.routes;
  std::optional<Config> config;
  try {
    config = load_config();
  } catch (const ConfigError& error) {
    std::fprintf(stderr, "t2o-%s: configuration error: %s\n", group.c_str(), error.what());
    return 2;
  }
  db::set_query_logging(config->log_db_queries);
  db::set_prepared_statements(config->db_prepared_statements);

  std::optional<GroupMetrics> metrics;
  try {
    metrics.emplace(group, routes);  // before the fork: every worker counts into it
  } catch (const std::exception& error) {
    std::fprintf(stderr, "t2o-%s: cannot start: %s\n", group.c_str(), error.what());
    return 1;
  }

  PoolSettings pool;
  pool.name = "t2o-" + group;
  pool.workers = config->workers;
  if (!config->run_dir.empty()) pool.status_file = config->run_dir + "/" + group + ".workers";
  pool.on_restart = [&] { metrics->count_worker_restart(); };
  return run_supervised(pool, [&] { return serve_worker(*config, group, routes, *metrics); });
}

}  // namespace t2o::fcgi
