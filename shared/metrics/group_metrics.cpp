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

  family("t2o_http_requests_total", "counter", "Requests answered, by route.");
  for (std::size_t slot = 0; slot <= routes_.size(); ++slot) {
    out += "t2o_http_requests_total{" + route_labels(slot) + "} " +
           std::to_string(routes_counters_[slot].requests.load()) + "\n";
  }
  family("t2o_http_client_errors_total", "counter", "Requests answered with a 4xx status, by route.");
  for (std::size_t slot = 0; slot <= routes_.size(); ++slot) {
    out += "t2o_http_client_errors_total{" + route_labels(slot) + "} " +
           std::to_string(routes_counters_[slot].client_errors.load()) + "\n";
  }
  family("t2o_http_server_errors_total", "counter", "Requests answered with a 5xx status, by route.");
  for (std::size_t slot = 0; slot <= routes_.size(); ++slot) {
    out += "t2o_http_server_errors_total{" + route_labels(slot) + "} " +
           std::to_string(routes_counters_[slot].server_errors.load()) + "\n";
  }
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
  family("t2o_db_retries_total", "counter", "Requests run again after the database connection broke.");
  out += "t2o_db_retries_total{" + group + "} " + std::to_string(counters_->db_retries.load()) + "\n";
  family("t2o_db_reconnects_total", "counter", "Database connections made again after one was lost.");
  out += "t2o_db_reconnects_total{" + group + "} " + std::to_string(counters_->db_reconnects.load()) + "\n";
  family("t2o_request_log_dropped_total", "counter", "Request-log rows dropped because the queue was full.");
  out += "t2o_request_log_dropped_total{" + group + "} " + std::to_string(counters_->log_rows_dropped.load()) + "\n";
  family("t2o_worker_restarts_total", "counter", "Workers the supervisor replaced after they died.");
  out += "t2o_worker_restarts_total{" + group + "} " + std::to_string(counters_->worker_restarts.load()) + "\n";
  return out;
}

}  // namespace t2o
