#pragma once
// One entry of the request log (API.md's LOG), as handlers produce it.
#include <optional>
#include <string>

#include "util/utc_time.hpp"

namespace t2o {

struct LogRecord {
  std::string level = "INFO";  // INFO, WARNING, ERROR
  std::string message;
  std::string request_id;
  std::string group;
  std::string method;
  std::string path;
  int status = 0;
  double duration_ms = 0;
  std::string client_ip;
  std::string user_agent;
  std::optional<long long> user_id;
  std::optional<std::string> user_email;
  UtcTime logged_at;  // the epoch (0) means "now"
};

// One structured line (key=value, values quoted when needed) for stderr.
std::string format_log_line(const LogRecord& record);
// Writes the line to stderr in one write() so concurrent processes do not interleave.
void write_log_line(const LogRecord& record);

}  // namespace t2o
