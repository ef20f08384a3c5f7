#pragma once
// GET /logs: the request log, newest first, paged. Holders of access_logs see every entry,
// everyone else only their own.
#include <json/json.h>

#include <optional>
#include <string>

#include "db/connection.hpp"

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

struct LogPage {
  Json::Value logs;  // [LOG]
  long long total_pages = 0;
  bool total_is_estimate = false;
};

LogPage read_logs(db::Connection& db, const LogQuery& query);

}  // namespace t2o::account
