// nginx's routing is written from the route tables (t2o-routes, at build time). These
// tests read what the build wrote (build/bin/routes.conf.in, next to the test binary) the
// way nginx will: every table path must reach exactly its own group's socket, and every
// path nginx routes to a handler must be a path of that group's table.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "routing/nginx_routes.hpp"
#include "routing/registry.hpp"

namespace t2o {
namespace {

struct Location {
  std::string regex;  // as written after "location ~"
  std::string group;  // from fastcgi_pass t2o_<group>;
};

std::string generated_conf() {
  char self[PATH_MAX] = {};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string();
  dir = dir.substr(0, dir.rfind('/'));
  std::ifstream file(dir + "/routes.conf.in");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<Location> handler_locations(const std::string& conf) {
  static const std::regex block(R"(location ~ (\S+) \{[^}]*fastcgi_pass t2o_([a-z]+);)");
  std::vector<Location> found;
  for (auto it = std::sregex_iterator(conf.begin(), conf.end(), block); it != std::sregex_iterator(); ++it) {
    found.push_back({(*it)[1].str(), (*it)[2].str()});
  }
  return found;
}

// A concrete path for a pattern: <int:x> -> 42, <x> -> abc.
std::string sample_path(std::string_view pattern) {
  static const std::regex int_segment("<int:[a-z_]+>"), any_segment("<[a-z_]+>");
  return std::regex_replace(std::regex_replace(std::string(pattern), int_segment, "42"), any_segment, "abc");
}

// The alternatives of "^/(a|b/[^/]+)$" as "/a", "/b/[^/]+".
std::vector<std::string> alternatives(const std::string& regex) {
  std::vector<std::string> out;
  if (regex.size() < 6 || regex.rfind("^/(", 0) != 0 || regex.substr(regex.size() - 2) != ")$") return out;
  std::stringstream inner(regex.substr(3, regex.size() - 5));
  for (std::string part; std::getline(inner, part, '|');) out.push_back("/" + part);
  return out;
}

TEST(NginxRouting, PatternsBecomeAnchoredSegmentRegexes) {
  EXPECT_EQ(routing::pattern_regex("/login"), "/login");
  EXPECT_EQ(routing::pattern_regex("/reset_password/<token>"), "/reset_password/[^/]+");
  EXPECT_EQ(routing::pattern_regex("/boards/<int:board_id>/columns"), "/boards/[0-9]+/columns");
  EXPECT_EQ(routing::pattern_regex("/a.b"), "/a\\.b");
}

TEST(NginxRouting, TheBuildWroteTheRoutingOfTheTablesAsTheyAreNow) {
  const std::string conf = generated_conf();
  ASSERT_FALSE(conf.empty()) << "no routes.conf.in beside the test binary: the build writes it";
  EXPECT_EQ(conf, routing::nginx_routes_conf(routing::http_groups())) << "a stale routes.conf.in: rebuild";
}

TEST(NginxRouting, EveryTablePathReachesItsOwnGroupAndNoOther) {
  const std::vector<Location> locations = handler_locations(generated_conf());
  ASSERT_FALSE(locations.empty());
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      const std::string path = sample_path(route.pattern);
      std::set<std::string> reached;
      for (const Location& location : locations) {
        if (std::regex_match(path, std::regex(location.regex))) reached.insert(location.group);
      }
      EXPECT_EQ(reached, std::set<std::string>{std::string(group->name)})
          << route.pattern << " (as " << path << ") is not routed to exactly its group";
    }
  }
}

TEST(NginxRouting, NginxRoutesNoPathThatNoTableServes) {
  std::map<std::string, std::set<std::string>> table_regexes;  // group -> regexes of its patterns
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) table_regexes[std::string(group->name)].insert(routing::pattern_regex(route.pattern));
  }
  for (const Location& location : handler_locations(generated_conf())) {
    const std::vector<std::string> paths = alternatives(location.regex);
    EXPECT_FALSE(paths.empty()) << "a location not of the form ^/(...)$: " << location.regex;
    for (const std::string& path : paths) {
      EXPECT_TRUE(table_regexes[location.group].count(path))
          << "nginx sends " << path << " to " << location.group << ", whose table has no such path";
    }
  }
}

TEST(NginxRouting, AliasesRewriteOntoPathsOfTheirOwnGroup) {
  const std::string conf = generated_conf();
  for (const GroupTable* group : routing::http_groups()) {
    for (const PathAlias& alias : group->aliases) {
      bool target_exists = false;
      for (const Route& route : group->routes) target_exists = target_exists || route.pattern == alias.to;
      EXPECT_TRUE(target_exists) << alias.from << " -> " << alias.to << ": no such route in " << group->name;
      EXPECT_NE(conf.find("location = " + std::string(alias.from) + " { rewrite ^ " + std::string(alias.to) + " last; }"),
                std::string::npos)
          << alias.from;
    }
  }
}

}  // namespace
}  // namespace t2o
