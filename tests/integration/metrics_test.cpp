// GET /metrics/<group> through the real nginx: each group's counters in Prometheus' text
// format, for localhost only, counting what the requests before it did.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "test_support.hpp"

namespace t2o::it {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }
  Client client;
};

TEST_F(MetricsTest, EachGroupServesItsCountersInPrometheusTextFormat) {
  for (const char* group : {"auth", "account", "admin", "board", "billing"}) {
    const Response r = client.get(std::string("/metrics/") + group);
    ASSERT_TRUE(HasStatus(r, 200)) << group;
    EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8") << group;
    EXPECT_NE(r.body.find("# TYPE t2o_http_requests_total counter\n"), std::string::npos) << group;
    EXPECT_NE(r.body.find("# TYPE t2o_http_request_duration_seconds histogram\n"), std::string::npos) << group;
    EXPECT_GE(metric_sample(r.body, std::string("t2o_db_reconnects_total{group=\"") + group + "\"}"), 0) << r.body;
    EXPECT_GE(metric_sample(r.body, std::string("t2o_request_log_dropped_total{group=\"") + group + "\"}"), 0) << r.body;
    EXPECT_GE(metric_sample(r.body, std::string("t2o_worker_restarts_total{group=\"") + group + "\"}"), 0) << r.body;
    EXPECT_EQ(metric_sample(r.body, "t2o_database_up"), 1) << group;
    EXPECT_GE(metric_sample(r.body, "t2o_mail_outbox_pending"), 0) << group;
    EXPECT_GE(metric_sample(r.body, "t2o_mail_failed"), 0) << group;
  }
}

TEST_F(MetricsTest, RequestsErrorsAndLatencyAreCountedPerRoute) {
  const std::string labels = R"({group="auth",method="GET",route="/current_user_details"})";
  const std::string before = client.get("/metrics/auth").body;
  const long long requests = metric_sample(before, "t2o_http_requests_total" + labels);
  const long long refused = metric_sample(before, "t2o_http_client_errors_total" + labels);
  ASSERT_GE(requests, 0) << before;
  // Workers share the group's counters, so every one of these counts whichever answers it.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(HasStatus(client.get("/current_user_details"), 401));
  const std::string after = client.get("/metrics/auth").body;
  EXPECT_EQ(metric_sample(after, "t2o_http_requests_total" + labels), requests + 5) << after;
  EXPECT_EQ(metric_sample(after, "t2o_http_client_errors_total" + labels), refused + 5) << after;
  const std::string count_labels = labels.substr(0, labels.size() - 1) + R"(,le="+Inf"})";
  EXPECT_EQ(metric_sample(after, "t2o_http_request_duration_seconds_bucket" + count_labels), requests + 5) << after;
}

TEST_F(MetricsTest, OnlyTheMetricsLocationsAnswerWithMetrics) {
  EXPECT_TRUE(IsError(client.get("/metrics"), 404));
  EXPECT_TRUE(IsError(client.get("/metrics/nosuchgroup"), 404));
  // A client cannot ask an API route for the metrics: T2O_METRICS is nginx's parameter.
  const Response r = client.get("/current_user_details", {{"T2O-Metrics", "1"}, {"X-T2O-Metrics", "1"}});
  EXPECT_TRUE(IsError(r, 401));
  EXPECT_EQ(r.body.find("t2o_http_requests_total"), std::string::npos);
}

}  // namespace
}  // namespace t2o::it
