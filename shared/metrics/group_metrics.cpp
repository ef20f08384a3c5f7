#include "metrics/group_metrics.hpp"

#include <sys/mman.h>

#include <cmath>
#include <cstdio>
#include <new>
#include <stdexcept>

namespace t2o {
namespace {

// A label value with \, " and newlines escaped as the text format wants.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

GroupMetrics::GroupMetrics(std::string group, Routes routes) : group_(std::move(group)), routes_(routes) {
  bytes_ = sizeof(Counters) + sizeof(RouteCounters) * (routes_.size() + 1);
  // Anonymous and shared: the workers forked after this see (and add to) the same pages.
  memory_ = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory_ == MAP_FAILED) {
    memory_ = nullptr;
    throw std::runtime_error("cannot map the metrics' shared memory");
  }
  // Zeroed pages are zero-valued lock-free atomics; placement-new makes them objects.
  counters_ = new (memory_) Counters{};
  routes_counters_ = static_cast<RouteCounters*>(static_cast<void*>(static_cast<char*>(memory_) + sizeof(Counters)));
  for (std::size_t i = 0; i <= routes_.size(); ++i) new (&routes_counters_[i]) RouteCounters{};
}

GroupMetrics::~GroupMetrics() {
  if (memory_) munmap(memory_, bytes_);
}

void GroupMetrics::record(const Route* route, int status, double seconds) {
  std::size_t slot = routes_.size();
  if (route && route >= routes_.data() && route < routes_.data() + routes_.size()) {
    slot = static_cast<std::size_t>(route - routes_.data());
  }
  RouteCounters& counters = routes_counters_[slot];
  counters.requests.fetch_add(1, std::memory_order_relaxed);
  if (status >= 400 && status < 500) counters.client_errors.fetch_add(1, std::memory_order_relaxed);
  if (status >= 500) counters.server_errors.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBucketCount; ++i) {
    if (seconds <= kBuckets[i]) {
      counters.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;  // cumulative counts are summed up when rendering
    }
  }
  counters.duration_micros.fetch_add(static_cast<std::uint64_t>(std::llround(seconds * 1e6)), std::memory_order_relaxed);
}

std::string GroupMetrics::render() const {
  const std::string group = "group=\"" + label(group_) + "\"";
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  auto route_labels = [&](std::size_t slot) {
    if (slot == routes_.size()) return group + ",method=\"\",route=\"(no route)\"";
    const Route& route = routes_[slot];
    return group + ",method=\"" + label(method_name(route.method)) + "\",route=\"" + label(route.pattern) + "\"";
  };

  auto per_route = [&](const char* name, const char* help, std::atomic<std::uint64_t> RouteCounters::*counter) {
    family(name, "counter", help);
    for (std::size_t slot = 0; slot <= routes_.size(); ++slot) {
      out += std::string(name) + "{" + route_labels(slot) + "} " +
             std::to_string((routes_counters_[slot].*counter).load()) + "\n";
    }
  };
  per_route("t2o_http_requests_total", "Requests answered, by route.", &RouteCounters::requests);
  per_route("t2o_http_client_errors_total", "Requests answered with a 4xx status, by route.",
            &RouteCounters::client_errors);
  per_route("t2o_http_server_errors_total", "Requests answered with a 5xx status, by route.",
            &RouteCounters::server_errors);
  family("t2o_http_request_duration_seconds", "histogram", "Time from routing to the answer, by route.");
  for (std::size_t slot = 0; slot <= routes_.size(); ++slot) {
    const RouteCounters& counters = routes_counters_[slot];
    const std::string labels = route_labels(slot);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
      cumulative += counters.buckets[i].load();
      out += "t2o_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    const std::uint64_t total = counters.requests.load();
    out += "t2o_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(total) + "\n";
    out += "t2o_http_request_duration_seconds_sum{" + labels + "} " +
           number(static_cast<double>(counters.duration_micros.load()) / 1e6) + "\n";
    out += "t2o_http_request_duration_seconds_count{" + labels + "} " + std::to_string(total) + "\n";
  }
  auto per_group = [&](const char* name, const char* help, std::atomic<std::uint64_t> Counters::*counter) {
    family(name, "counter", help);
    out += std::string(name) + "{" + group + "} " + std::to_string((counters_->*counter).load()) + "\n";
  };
  per_group("t2o_db_retries_total", "Requests run again after the database connection broke.", &Counters::db_retries);
  per_group("t2o_db_reconnects_total", "Database connections made again after one was lost.",
            &Counters::db_reconnects);
  per_group("t2o_request_log_dropped_total", "Request-log rows dropped because the queue was full.",
            &Counters::log_rows_dropped);
  per_group("t2o_worker_restarts_total", "Workers the supervisor replaced after they died.",
            &Counters::worker_restarts);
  return out;
}

}  // namespace t2o
