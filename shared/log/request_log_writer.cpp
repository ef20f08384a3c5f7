#include "log/request_log_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

#include "db/connection.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

constexpr auto kFlushInterval = std::chrono::milliseconds(100);
// While the database is away: the first pause before trying again, and the longest.
constexpr auto kFirstRetryPause = std::chrono::milliseconds(50);
constexpr auto kLongestRetryPause = std::chrono::milliseconds(1000);
// One round trip: the transaction and its setting (SET LOCAL lasts until COMMIT).
constexpr const char* kBeginUnsynchronised = "BEGIN; SET LOCAL synchronous_commit = off";
// How long a stopping process keeps trying to write what it still holds.
constexpr auto kPatienceAtStop = std::chrono::seconds(3);

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

void write_touches(db::Executor& connection, const std::vector<long long>& session_ids) {
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
      ++dropped_total_;
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

bool RequestLogWriter::flush(std::chrono::milliseconds patience) {
  std::unique_lock lock(mutex_);
  flush_requested_ = true;
  wake_.notify_one();
  return drained_.wait_for(lock, patience, [this] {
    return rows_.empty() && touched_sessions_.empty() && lines_.empty() && in_flight_ == 0;
  });
}

std::size_t RequestLogWriter::queued() {
  std::lock_guard lock(mutex_);
  return rows_.size() + in_flight_;
}

void RequestLogWriter::enqueue_line(std::string line) {
  {
    std::lock_guard lock(mutex_);
    lines_ += line;
    if (lines_.size() < kLineBytes) return;
  }
  wake_.notify_one();
}

// Takes the waiting stderr lines and writes them in one write(), without the lock.
void RequestLogWriter::write_pending_lines(std::unique_lock<std::mutex>& lock) {
  if (lines_.empty()) return;
  std::string lines;
  lines.swap(lines_);
  lock.unlock();
  std::size_t at = 0;
  while (at < lines.size()) {
    const ssize_t written = ::write(STDERR_FILENO, lines.data() + at, lines.size() - at);
    if (written <= 0) break;  // stderr is gone: nowhere to say so
    at += static_cast<std::size_t>(written);
  }
  lock.lock();
}

// A batch that could not be written goes back to the front of the queue, in its order.
void RequestLogWriter::requeue(std::vector<LogRecord>& batch, std::vector<long long>& touched) {
  for (auto row = batch.rbegin(); row != batch.rend(); ++row) rows_.push_front(std::move(*row));
  touched_sessions_.insert(touched_sessions_.end(), touched.begin(), touched.end());
}

void RequestLogWriter::run() {
  using std::chrono::milliseconds;
  std::optional<db::Connection> connection;
  milliseconds retry_pause{0};  // non-zero while the database is away
  std::optional<std::chrono::steady_clock::time_point> give_up_at;
  unsigned long long dropped_reported = 0;
  std::unique_lock lock(mutex_);
  while (true) {
    if (retry_pause.count()) {
      wake_.wait_for(lock, retry_pause);
    } else {
      wake_.wait_for(lock, kFlushInterval,
                     [this] {
                       return stopping_ || flush_requested_ || rows_.size() >= kBatchRows ||
                              lines_.size() >= kLineBytes;
                     });
    }
    write_pending_lines(lock);  // stderr first: it does not wait for the database
    const auto now = std::chrono::steady_clock::now();
    if (stopping_ && !give_up_at) give_up_at = now + kPatienceAtStop;
    if (rows_.empty() && touched_sessions_.empty() && lines_.empty()) {
      flush_requested_ = false;  // a flush lasts until everything is written
      drained_.notify_all();
      if (stopping_) return;
      continue;
    }
    if (give_up_at && retry_pause.count() && now >= *give_up_at) {
      LogRecord problem;
      problem.level = "ERROR";
      problem.message = "request log: the database is still unavailable at shutdown; " +
                        std::to_string(rows_.size()) + " rows not written";
      write_log_line(problem);
      dropped_total_ += rows_.size();
      return;
    }
    if (rows_.empty() && touched_sessions_.empty()) continue;  // only lines came in

    std::vector<LogRecord> batch;
    while (!rows_.empty() && batch.size() < kBatchRows) {
      batch.push_back(std::move(rows_.front()));
      rows_.pop_front();
    }
    std::vector<long long> touched;
    touched.swap(touched_sessions_);
    // Drops since the last warning: the total's growth since then.
    const unsigned long long dropped = dropped_total_.load() - dropped_reported;
    dropped_reported += dropped;
    in_flight_ = batch.size() + touched.size();
    lock.unlock();

    bool written = false;
    std::string failure;
    try {
      if (!connection) connection.emplace(database_url_);
      // Rows and touches in one transaction, so a failure leaves both to write again. A
      // COMMIT whose answer is lost may be written twice; a row is never lost. SET LOCAL,
      // not SET: through a pooler in transaction mode the session is not ours to change.
      db::in_transaction(*connection, kBeginUnsynchronised, [&](db::Transaction& tx) {
        write_rows(*connection, batch);
        write_touches(tx, touched);
      });
      written = true;
    } catch (const std::exception& error) {
      failure = error.what();
      connection.reset();
    }
    if (written && retry_pause.count()) {
      LogRecord back;
      back.level = "WARNING";
      back.message = "request log: the database is back; writing the rows kept meanwhile";
      write_log_line(back);
      retry_pause = milliseconds(0);
    } else if (!written) {
      // Said once per outage, not once per attempt.
      if (!retry_pause.count()) {
        LogRecord problem;
        problem.level = "ERROR";
        problem.message = "request log: cannot write (" + failure + "); rows are kept and written when it is back";
        write_log_line(problem);
      }
      retry_pause = retry_pause.count() ? std::min(retry_pause * 2, kLongestRetryPause) : kFirstRetryPause;
    }
    if (dropped) {
      LogRecord problem;
      problem.level = "WARNING";
      problem.message = "request log: queue full, " + std::to_string(dropped) + " rows dropped";
      write_log_line(problem);
    }

    lock.lock();
    in_flight_ = 0;
    if (!written) {
      requeue(batch, touched);
      continue;
    }
    // Rows that came in meanwhile wait for the next interval (or a full batch): writing
    // them at once would send a few rows per COPY and cost the database more than the
    // requests themselves.
    if (rows_.empty() && touched_sessions_.empty()) drained_.notify_all();
  }
}

}  // namespace t2o
