#include "log/request_log_writer.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

#include "db/connection.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

constexpr auto kFlushInterval = std::chrono::milliseconds(100);

const char* const kCopyRequestLog =
    "COPY request_log (log_level, message, request_id, handler_group, method, path, status, duration_ms, "
    "client_ip, user_agent, user_id, user_email, logged_at) FROM STDIN";
// Setting the same time twice changes nothing.
constexpr db::Query kTouchSessions =
    db::idempotent("UPDATE sessions SET last_seen_at = now() WHERE id = ANY($1::bigint[])");


// One COPY per batch: far cheaper for the server than a many-parameter INSERT, so logging
// every request costs little throughput. Every text is made valid UTF-8 and cut to its
// column, so one odd request (a bad byte in its path, an unknown method) can never make
// the whole batch fail.
void write_rows(db::Connection& connection, const std::vector<LogRecord>& rows) {
  if (rows.empty()) return;
  using text::clean_utf8;
  std::string data;
  data.reserve(rows.size() * 256);
  for (const LogRecord& row : rows) {
    const std::optional<std::string> fields[] = {
        clean_utf8(row.level, 10),
        clean_utf8(row.message, 4096),
        clean_utf8(row.request_id, 40),
        clean_utf8(row.group, 20),
        clean_utf8(row.method, 10),
        clean_utf8(row.path, 2048),
        std::to_string(row.status),
        std::to_string(row.duration_ms),
        clean_utf8(row.client_ip, 64),
        clean_utf8(row.user_agent, 512),
        row.user_id ? std::optional(std::to_string(*row.user_id)) : std::nullopt,
        row.user_email ? std::optional(clean_utf8(*row.user_email, 120)) : std::nullopt,
        iso_utc(row.logged_at.micros ? row.logged_at : utc_now(), 6),
    };
    bool first = true;
    for (const auto& field : fields) {
      if (!first) data += '\t';
      first = false;
      db::append_copy_field(data, field);
    }
    data += '\n';
  }
  connection.copy_in(kCopyRequestLog, data);
}

void write_touches(db::Connection& connection, const std::vector<long long>& session_ids) {
  if (session_ids.empty()) return;
  std::string id_array = "{";
  for (std::size_t i = 0; i < session_ids.size(); ++i) {
    if (i) id_array += ',';
    id_array += std::to_string(session_ids[i]);
  }
  id_array += '}';
  connection.exec(kTouchSessions, {id_array});
}

}  // namespace

RequestLogWriter::RequestLogWriter(std::string database_url)
    : database_url_(std::move(database_url)), thread_([this] { run(); }) {}

RequestLogWriter::~RequestLogWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void RequestLogWriter::enqueue(LogRecord record) {
  if (record.logged_at.micros == 0) record.logged_at = utc_now();
  {
    std::lock_guard lock(mutex_);
    if (rows_.size() >= kMaxQueued) {
      ++dropped_;
      return;
    }
    rows_.push_back(std::move(record));
    if (rows_.size() < kBatchRows) return;
  }
  wake_.notify_one();
}

void RequestLogWriter::touch_session(long long session_id) {
  std::lock_guard lock(mutex_);
  touched_sessions_.push_back(session_id);
}

void RequestLogWriter::flush() {
  std::unique_lock lock(mutex_);
  flush_requested_ = true;
  wake_.notify_one();
  drained_.wait(lock, [this] { return rows_.empty() && touched_sessions_.empty() && in_flight_ == 0; });
}

void RequestLogWriter::run() {
  std::optional<db::Connection> connection;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, kFlushInterval,
                   [this] { return stopping_ || flush_requested_ || rows_.size() >= kBatchRows; });
    flush_requested_ = false;
    if (rows_.empty() && touched_sessions_.empty()) {
      drained_.notify_all();
      if (stopping_) return;
      continue;
    }
    std::vector<LogRecord> batch;
    while (!rows_.empty() && batch.size() < kBatchRows) {
      batch.push_back(std::move(rows_.front()));
      rows_.pop_front();
    }
    std::vector<long long> touched;
    touched.swap(touched_sessions_);
    const std::size_t dropped = dropped_;
    dropped_ = 0;
    in_flight_ = batch.size() + touched.size();
    lock.unlock();

    try {
      if (!connection) {
        connection.emplace(database_url_);
        connection->run("SET synchronous_commit = off");
      }
      write_rows(*connection, batch);
      write_touches(*connection, touched);
    } catch (const std::exception& error) {
      // The database is away: say so on stderr (which has every request too) and go on.
      LogRecord problem;
      problem.level = "ERROR";
      problem.message = "request log: " + std::to_string(batch.size()) + " rows not written: " + error.what();
      write_log_line(problem);
      connection.reset();
    }
    if (dropped) {
      LogRecord problem;
      problem.level = "WARNING";
      problem.message = "request log: queue full, " + std::to_string(dropped) + " rows dropped";
      write_log_line(problem);
    }

    lock.lock();
    in_flight_ = 0;
    if (rows_.size() >= kBatchRows || flush_requested_) continue;
    if (rows_.empty() && touched_sessions_.empty()) drained_.notify_all();
    else flush_requested_ = true;  // more already queued: write it without waiting
  }
}

}  // namespace t2o
