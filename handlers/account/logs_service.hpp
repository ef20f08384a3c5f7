#pragma once
// GET /logs: the request log, newest first, paged. Holders of access_logs see every entry,
// everyone else only their own.
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "util/utc_time.hpp"

namespace t2o::account {

// Up to this many matching rows are counted exactly; beyond it total_pages comes from the
// planner's estimate, so a page never costs a full count of a large table.
inline constexpr long long kExactCountLimit = 10000;
// Above this many estimated rows the exact (capped) count is not even attempted.
inline constexpr long long kTrustedEstimate = 100000;

struct LogQuery {
  long long page = 1;
  long long per_page = 10;
  std::optional<long long> only_user_id;  // set for callers without access_logs
  std::optional<std::string> level;
  std::optional<std::string> user_email;
  std::optional<std::string> text;  // contained in the message
};

// API.md's LOG.
struct LogEntry {
  long long id = 0;
  UtcTime logged_at;
  std::string level;
  std::string message;
  std::string client_ip;
  std::string user_agent;
  std::optional<std::string> user_email;
};

struct LogPage {
  std::vector<LogEntry> logs;  // newest first
  long long total_pages = 0;
  bool total_is_estimate = false;
};

LogPage read_logs(db::Executor& db, const LogQuery& query);

}  // namespace t2o::account
