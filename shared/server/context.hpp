#pragma once
// What a handler works with: the process's long-lived services and, per request, the
// caller's session when the request carried a valid session cookie.
#include <optional>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "session/session_store.hpp"
#include "util/clock.hpp"

namespace t2o {

class AnswerCache;
class GroupMetrics;
class RequestLogWriter;

// Created once per process.
struct Services {
  const Config& config;
  db::Connection& db;
  SessionStore& sessions;
  RequestLogWriter* log_writer = nullptr;  // null: no database request log
  std::string group;
  Clock clock = system_now;  // tests set their own
  unsigned long long db_retries = 0;  // requests run again after a lost connection
  GroupMetrics* metrics = nullptr;    // null: nothing counted (tests)
  AnswerCache* answers = nullptr;     // null: every answer and permission read afresh
};

struct Context {
  Services& services;
  std::optional<SessionInfo> session;

  const Config& config() const { return services.config; }
  db::Connection& db() const { return services.db; }
  SessionStore& sessions() const { return services.sessions; }
  std::time_t now() const { return services.clock(); }
  // The session, for routes whose table entry guarantees one.
  const SessionInfo& require_session() const;
};

}  // namespace t2o
