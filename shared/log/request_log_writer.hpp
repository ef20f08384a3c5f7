#pragma once
// Writes request-log rows and session last-seen times from a background thread with its
// own connection: rows are batched into one COPY, committed without waiting for the WAL
// flush (synchronous_commit=off), so logging costs a request a queue push. While the
// database is away the rows wait in memory and are written once it is back.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "log/log_record.hpp"

namespace t2o {

class RequestLogWriter {
 public:
  static constexpr std::size_t kBatchRows = 1000;
  // Rows kept while the database is away (about 25 MB at most); beyond this the oldest
  // are dropped and counted.
  static constexpr std::size_t kMaxQueued = 50000;
  static constexpr std::size_t kLineBytes = 64 * 1024;  // written at once beyond this

  explicit RequestLogWriter(std::string database_url);
  ~RequestLogWriter();  // writes what is queued, waiting a few seconds at most
  RequestLogWriter(const RequestLogWriter&) = delete;
  RequestLogWriter& operator=(const RequestLogWriter&) = delete;

  void enqueue(LogRecord record);
  // A finished stderr line (format_log_line), written with the others in one write() by
  // the writer's thread at least every 100 ms: a syscall fewer per request. Lines that
  // must not wait (warnings, errors) are written by their caller at once instead.
  void enqueue_line(std::string line);
  void touch_session(long long session_id);
  // Blocks until everything queued so far is written, or `patience` has passed (the
  // database may be away); true when everything was written.
  bool flush(std::chrono::milliseconds patience = std::chrono::seconds(30));

  // Rows waiting to be written, and rows dropped since the start because the queue was
  // full (the metrics show both).
  std::size_t queued();
  unsigned long long dropped_total() const { return dropped_total_.load(); }

 private:
  void run();
  void requeue(std::vector<LogRecord>& batch, std::vector<long long>& touched);
  void write_pending_lines(std::unique_lock<std::mutex>& lock);

  std::string database_url_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<LogRecord> rows_;
  std::vector<long long> touched_sessions_;
  std::string lines_;  // stderr lines not yet written
  std::size_t in_flight_ = 0;
  std::atomic<unsigned long long> dropped_total_{0};
  bool stopping_ = false;
  bool flush_requested_ = false;
  std::thread thread_;
};

}  // namespace t2o
