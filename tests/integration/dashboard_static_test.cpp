// The dashboard's files as nginx serves them (nginx/app.conf.in): / redirects to /app/,
// index.html is never cached and carries the strict Content-Security-Policy, every other
// /app/... path is the single-page app's index.html, hashed assets are cached for good,
// and a secret token in a dashboard link never reaches the access log.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "test_support.hpp"

namespace t2o::it {
namespace {

class DashboardStaticTest : public ::testing::Test {
 protected:
  Client client;

  // The index.html nginx serves at /app/, checked as a page of the dashboard.
  Response index_page(const std::string& path) {
    Response r = client.get(path);
    EXPECT_TRUE(HasStatus(r, 200)) << path;
    EXPECT_EQ(r.header("content-type").rfind("text/html", 0), 0u) << path << ": " << r.header("content-type");
    EXPECT_NE(r.body.find("<div id=\"root\"></div>"), std::string::npos) << path << " is not the dashboard: " << r.body;
    EXPECT_EQ(r.header("cache-control"), "no-store") << path;
    return r;
  }
};

TEST_F(DashboardStaticTest, RootRedirectsToTheDashboard) {
  const Response root = client.get("/");
  ASSERT_TRUE(HasStatus(root, 302));
  EXPECT_EQ(root.header("location").substr(root.header("location").size() - 5), "/app/") << root.header("location");
  const Response bare = client.get("/app");
  ASSERT_TRUE(HasStatus(bare, 301));
  EXPECT_NE(bare.header("location").find("/app/"), std::string::npos) << bare.header("location");
}

TEST_F(DashboardStaticTest, IndexIsNeverCachedAndAllowsOnlyItsOwnScripts) {
  const Response r = index_page("/app/");
  const std::string csp = r.header("content-security-policy");
  for (const char* directive : {"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                                "frame-ancestors 'none'", "base-uri 'none'"}) {
    EXPECT_NE(csp.find(directive), std::string::npos) << "CSP lacks " << directive << ": " << csp;
  }
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000");
  // No inline script for the policy to refuse: every <script> has a src.
  static const std::regex script_tag("<script\\b[^>]*>");
  for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), script_tag); it != std::sregex_iterator(); ++it) {
    EXPECT_NE(it->str().find("src=\"/app/assets/"), std::string::npos) << "inline or foreign script: " << it->str();
  }
}

TEST_F(DashboardStaticTest, EveryAppPathFallsBackToIndex) {
  for (const char* path : {"/app/login", "/app/kanban/12", "/app/verify-email/some-token", "/app/reset-password/t",
                           "/app/no/such/page"}) {
    SCOPED_TRACE(path);
    index_page(path);
  }
}

TEST_F(DashboardStaticTest, HashedAssetsAreImmutableAndMissingOnes404) {
  const Response index = index_page("/app/");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(index.body, match, std::regex("/app/assets/[A-Za-z0-9_.-]+\\.js"))) << index.body;
  const Response script = client.get(match.str());
  ASSERT_TRUE(HasStatus(script, 200)) << match.str();
  EXPECT_EQ(script.header("content-type"), "application/javascript");
  EXPECT_EQ(script.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_NE(script.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  // A stale page asking for an asset of an older build gets a 404, not index.html as JS.
  EXPECT_TRUE(IsError(client.get("/app/assets/index-0000000000.js"), 404));
}

TEST_F(DashboardStaticTest, TokensInDashboardLinksNeverReachTheAccessLog) {
  const std::string path = env().var_dir + "/log/nginx-access.log";
  auto written_since = [&path](std::streamoff offset) {
    std::ifstream log(path);
    log.seekg(offset);
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  };
  const std::streamoff start = static_cast<std::streamoff>(written_since(0).size());
  const std::string token = "dashboardSecret" + unique_identity("t").username;
  index_page("/app/verify-email/" + token);
  index_page("/app/reset-password/" + token);
  // nginx buffers its access log (flush=1s): wait until these two requests' lines are in.
  std::string lines;
  for (int i = 0; i < 50; ++i) {
    lines = written_since(start);
    if (lines.find("/app/reset-password/") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(lines.find("/app/verify-email/[redacted]"), std::string::npos) << lines;
  EXPECT_NE(lines.find("/app/reset-password/[redacted]"), std::string::npos) << lines;
  EXPECT_EQ(lines.find(token), std::string::npos) << "the token is in the access log";
}

}  // namespace
}  // namespace t2o::it
