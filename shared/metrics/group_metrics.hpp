#pragma once
// A handler group's counters for GET /metrics (Prometheus text format). The supervisor
// maps them in memory shared with its workers before it forks them, so the group answers
// with the sum over its workers; each app host's groups are scraped separately, and the
// scrape config (or PromQL's sum by) adds the hosts up.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/route.hpp"

namespace t2o {

class GroupMetrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is implicit).
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr std::size_t kBucketCount = std::size(kBuckets);

  // Shared memory for `routes` (plus one slot for requests no route matched). Throws
  // std::runtime_error when it cannot be mapped.
  GroupMetrics(std::string group, Routes routes);
  ~GroupMetrics();
  GroupMetrics(const GroupMetrics&) = delete;
  GroupMetrics& operator=(const GroupMetrics&) = delete;

  // One answered request: `route` is the matched route, or null for none.
  void record(const Route* route, int status, double seconds);
  void count_db_retry() { counters_->db_retries.fetch_add(1, std::memory_order_relaxed); }
  void count_db_reconnect() { counters_->db_reconnects.fetch_add(1, std::memory_order_relaxed); }
  void count_worker_restart() { counters_->worker_restarts.fetch_add(1, std::memory_order_relaxed); }
  // The request-log writer's drops are counted by each worker; this adds what is new.
  void add_log_rows_dropped(std::uint64_t rows) { counters_->log_rows_dropped.fetch_add(rows, std::memory_order_relaxed); }

  // The counters in Prometheus' text exposition format (version 0.0.4).
  std::string render() const;

 private:
  struct RouteCounters {
    std::atomic<std::uint64_t> requests;
    std::atomic<std::uint64_t> client_errors;  // 4xx
    std::atomic<std::uint64_t> server_errors;  // 5xx
    std::atomic<std::uint64_t> buckets[kBucketCount];
    std::atomic<std::uint64_t> duration_micros;
  };
  struct Counters {
    std::atomic<std::uint64_t> db_retries;
    std::atomic<std::uint64_t> db_reconnects;
    std::atomic<std::uint64_t> log_rows_dropped;
    std::atomic<std::uint64_t> worker_restarts;
  };

  std::string group_;
  Routes routes_;
  std::size_t bytes_ = 0;
  void* memory_ = nullptr;
  Counters* counters_ = nullptr;
  RouteCounters* routes_counters_ = nullptr;  // routes_.size() + 1 (the last: no route)
};

}  // namespace t2o
