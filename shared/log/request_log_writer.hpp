#pragma once
// Writes request-log rows and session last-seen times from a background thread with its
// own connection: rows are batched into one COPY, committed without waiting for the WAL
// flush (synchronous_commit=off), so logging costs a request a queue push.
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
  static constexpr std::size_t kMaxQueued = 50000;  // beyond this, drop and count

  explicit RequestLogWriter(std::string database_url);
  ~RequestLogWriter();  // flushes what is queued
  RequestLogWriter(const RequestLogWriter&) = delete;
  RequestLogWriter& operator=(const RequestLogWriter&) = delete;

  void enqueue(LogRecord record);
  void touch_session(long long session_id);
  // Blocks until everything queued so far is written (tests, shutdown).
  void flush();

 private:
  void run();

  std::string database_url_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<LogRecord> rows_;
  std::vector<long long> touched_sessions_;
  std::size_t in_flight_ = 0;
  std::size_t dropped_ = 0;
  bool stopping_ = false;
  bool flush_requested_ = false;
  std::thread thread_;
};

}  // namespace t2o
