#pragma once
// A load generator for the fault tests: N requests, C at a time, through nginx over HTTPS
// (libcurl's multi interface, one thread), each with its own User-Agent so its row in
// request_log can be found afterwards.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace t2o::faults {

struct LoadPlan {
  std::string url;             // the whole URL, e.g. https://localhost:18443/current_user_details
  int requests = 0;
  int concurrency = 16;
  std::string cookie;          // the Cookie header's value, "" for none
  std::string agent_prefix;    // request i sends User-Agent: <agent_prefix><i>
  std::string ca_file;         // the stack's certificate; "" skips verification
  // Started once, in a thread of its own, when `fault_at` requests have finished; the
  // load goes on meanwhile and waits for it at the end.
  int fault_at = -1;
  std::function<void()> fault;
};

struct LoadResult {
  std::map<long, int> statuses;           // HTTP status -> count (0: no answer at all)
  std::vector<std::string> failures;      // the first few non-2xx answers, described
  std::vector<double> latencies_ms;       // per request, in completion order
  double seconds = 0;                     // from the first request to the last answer
  std::chrono::steady_clock::time_point last_answer;  // (the fault may still run after it)

  int count_2xx() const;
  int count_other() const;
  double percentile_ms(double p) const;
  std::string summary() const;  // "2400 requests in 3.1 s: 200 x2400; p50 2.1 ms, p99 310 ms, max 900 ms"
};

LoadResult run_load(const LoadPlan& plan);

}  // namespace t2o::faults
