// The per-group counters behind GET /metrics/<group>: what a request adds, how they render
// in Prometheus' text format, and that workers forked after they are mapped add to the
// same numbers.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "metrics/group_metrics.hpp"
#include "server/route.hpp"

namespace t2o {
namespace {

Response nothing(Context&, const Request&) { return Response{}; }

const Route kRoutes[] = {
    {Method::Get, "/things", nothing, kPublic},
    {Method::Post, "/things/<int:id>", nothing, kSession},
};

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(GroupMetricsTest, CountsRequestsErrorsAndLatencyPerRoute) {
  GroupMetrics metrics("unit", kRoutes);
  metrics.record(&kRoutes[0], 200, 0.002);
  metrics.record(&kRoutes[0], 404, 0.020);
  metrics.record(&kRoutes[1], 503, 3.0);
  metrics.record(nullptr, 404, 0.0001);
  const std::string text = metrics.render();

  const std::string things = R"m(group="unit",method="GET",route="/things")m";
  const std::string thing = R"m(group="unit",method="POST",route="/things/<int:id>")m";
  EXPECT_TRUE(has_line(text, "t2o_http_requests_total{" + things + "} 2")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_client_errors_total{" + things + "} 1")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_server_errors_total{" + thing + "} 1")) << text;
  EXPECT_TRUE(has_line(text, R"m(t2o_http_requests_total{group="unit",method="",route="(no route)"} 1)m")) << text;
  // Buckets are cumulative: 2 ms is under 2.5 ms, 20 ms under 25 ms, both under +Inf.
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_bucket{" + things + ",le=\"0.001\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_bucket{" + things + ",le=\"0.0025\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_bucket{" + things + ",le=\"0.025\"} 2")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_bucket{" + thing + ",le=\"2.5\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_bucket{" + thing + ",le=\"+Inf\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_sum{" + things + "} 0.022")) << text;
  EXPECT_TRUE(has_line(text, "t2o_http_request_duration_seconds_count{" + thing + "} 1")) << text;
  EXPECT_NE(text.find("# TYPE t2o_http_request_duration_seconds histogram\n"), std::string::npos);
}

TEST(GroupMetricsTest, CountsTheGroupsOwnEvents) {
  GroupMetrics metrics("unit", kRoutes);
  metrics.count_db_retry();
  metrics.count_db_retry();
  metrics.count_db_reconnect();
  metrics.add_log_rows_dropped(7);
  metrics.count_worker_restart();
  const std::string text = metrics.render();
  EXPECT_TRUE(has_line(text, R"m(t2o_db_retries_total{group="unit"} 2)m")) << text;
  EXPECT_TRUE(has_line(text, R"m(t2o_db_reconnects_total{group="unit"} 1)m")) << text;
  EXPECT_TRUE(has_line(text, R"m(t2o_request_log_dropped_total{group="unit"} 7)m")) << text;
  EXPECT_TRUE(has_line(text, R"m(t2o_worker_restarts_total{group="unit"} 1)m")) << text;
}

TEST(GroupMetricsTest, ForkedWorkersAddToTheSameCounters) {
  GroupMetrics metrics("unit", kRoutes);
  for (int worker = 0; worker < 3; ++worker) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int i = 0; i < 1000; ++i) metrics.record(&kRoutes[0], 200, 0.001);
      _exit(0);
    }
  }
  for (int worker = 0; worker < 3; ++worker) wait(nullptr);
  EXPECT_TRUE(has_line(metrics.render(), R"m(t2o_http_requests_total{group="unit",method="GET",route="/things"} 3000)m"));
}

TEST(GroupMetricsTest, LabelValuesAreEscaped) {
  const Route odd[] = {{Method::Get, "/a\"b\\c", nothing, kPublic}};
  GroupMetrics metrics("unit", odd);
  metrics.record(&odd[0], 200, 0.001);
  EXPECT_NE(metrics.render().find(R"m(route="/a\"b\\c")m"), std::string::npos) << metrics.render();
}

}  // namespace
}  // namespace t2o
