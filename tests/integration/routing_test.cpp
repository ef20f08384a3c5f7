// Through the real nginx: every route of every group's table reaches a handler (its answer
// carries X-Handler-Pid, which handlers add in APP_ENV=testing), and the routing nginx
// runs with is exactly what the build wrote from the tables.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "routing/nginx_routes.hpp"
#include "routing/registry.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

std::string sample_path(std::string_view pattern) {
  static const std::regex int_segment("<int:[a-z_]+>"), any_segment("<[a-z_]+>");
  return std::regex_replace(std::regex_replace(std::string(pattern), int_segment, "42"), any_segment, "abc");
}

std::string file_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Without a session or a valid body nothing changes: each answer is a refusal from the
// handler (401, 400, 404 ...), which is all this test needs to see.
TEST(Routing, EveryTableRouteReachesAHandlerThroughNginx) {
  ASSERT_TRUE(env_problem().empty()) << env_problem();
  Client client;
  int routes = 0;
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      const std::string method(method_name(route.method));
      const std::string path = sample_path(route.pattern);
      SCOPED_TRACE(method + " " + path + " (" + std::string(group->name) + ")");
      const bool with_body = is_state_changing(route.method);
      const Response r = client.request(method, path, with_body ? "{}" : "", with_body ? "application/json" : "", {});
      ASSERT_TRUE(r) << r.error;
      EXPECT_TRUE(r.has_header("x-handler-pid")) << "nginx answered itself: " << r.describe();
      ++routes;
    }
  }
  EXPECT_GT(routes, 50);
}

TEST(Routing, OldAdminPathsReachTheAdminHandler) {
  Client client;
  for (const GroupTable* group : routing::http_groups()) {
    for (const PathAlias& alias : group->aliases) {
      SCOPED_TRACE(alias.from);
      const Response r = client.get(std::string(alias.from));
      EXPECT_TRUE(r.has_header("x-handler-pid")) << r.describe();
    }
  }
}

// The deployed routes.conf is the build's template with deploy/up's values filled in.
TEST(Routing, NginxRunsTheRoutingTheTablesWrote) {
  ASSERT_FALSE(env().var_dir.empty());
  const std::string deployed = file_text(env().var_dir + "/nginx/routes.conf");
  ASSERT_FALSE(deployed.empty()) << "no " << env().var_dir << "/nginx/routes.conf";
  std::string expected = routing::nginx_routes_conf(routing::http_groups());
  expected = std::regex_replace(expected, std::regex("@RUN_DIR@"), env().var_dir + "/run");
  expected = std::regex_replace(expected, std::regex("@LOG_DIR@"), env().var_dir + "/log");
  std::smatch burst;
  ASSERT_TRUE(std::regex_search(deployed, burst, std::regex("burst=([0-9]+) nodelay")));
  expected = std::regex_replace(expected, std::regex("@AUTH_BURST@"), burst[1].str());
  EXPECT_EQ(deployed, expected);
}

}  // namespace
}  // namespace t2o::it
