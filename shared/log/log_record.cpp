#include "log/log_record.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace t2o {
namespace {

void append_field(std::string& line, const char* key, const std::string& value) {
  line += ' ';
  line += key;
  line += '=';
  const bool needs_quotes = value.empty() || value.find_first_of(" \"=\\\n\r\t") != std::string::npos;
  if (!needs_quotes) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') line += '\\';
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // one record per line, always
    line += c;
  }
  line += '"';
}


}  // namespace


std::string format_log_line(const LogRecord& record) {
  std::string line = iso_utc(utc_now(), 3);
  append_field(line, "level", record.level);
  append_field(line, "request_id", record.request_id);
  append_field(line, "group", record.group);
  append_field(line, "method", record.method);
  append_field(line, "path", record.path);
  line += " status=" + std::to_string(record.status);
  char duration[32];
  std::snprintf(duration, sizeof duration, " duration_ms=%.3f", record.duration_ms);
  line += duration;
  append_field(line, "client_ip", record.client_ip);
  append_field(line, "user", record.user_email.value_or("-"));
  if (!record.message.empty() && (record.level != "INFO" || record.path.empty())) {
    append_field(line, "message", record.message);
  }
  line += '\n';
  return line;
}

void write_log_line(const LogRecord& record) {
  const std::string line = format_log_line(record);
  // A failed write to stderr has nowhere to be reported; ignore it.
  [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace t2o
