// Route matching: find_route over every group's route table (routing/registry.hpp), and
// loggable_path on what matched. Input: "METHOD /path", as a request line starts. Also
// match_pattern and loggable_path with the input's first word as the pattern, since
// patterns are only ever tested with the tables' own.
#include <algorithm>
#include <map>
#include <string>

#include "fuzz_input.hpp"
#include "routing/registry.hpp"
#include "server/router.hpp"
#include "util/text.hpp"

namespace {

using t2o::fuzz::require;

bool allows(const t2o::RouteMatch& match, std::string_view method) {
  return std::find(match.allowed.begin(), match.allowed.end(), method) != match.allowed.end();
}

// Segments the pattern names `<token>` are redacted, all others are kept as they are.
void check_loggable(std::string_view pattern, std::string_view path) {
  const std::string logged = t2o::loggable_path(pattern, path);
  if (pattern.find("<token>") == std::string_view::npos) {
    require(logged == path, "paths without a token are logged as they are");
    return;
  }
  const auto pattern_parts = t2o::text::split(pattern, '/');
  const auto path_parts = t2o::text::split(path, '/');
  const auto logged_parts = t2o::text::split(logged, '/');
  require(logged_parts.size() == path_parts.size(), "the logged path keeps its segments");
  for (std::size_t i = 0; i < logged_parts.size(); ++i) {
    const bool secret = i < pattern_parts.size() && pattern_parts[i] == "<token>";
    require(logged_parts[i] == (secret ? std::string_view("[redacted]") : path_parts[i]),
            "only token segments are redacted");
  }
}

void check_group(const t2o::GroupTable& group, t2o::Method method, std::string_view path) {
  const t2o::RouteMatch match = t2o::find_route(group.routes, method, path);
  if (match.route) {
    std::map<std::string, std::string> params;
    require(t2o::match_pattern(match.route->pattern, path, params), "the route found matches the path");
    require(params == match.params, "the route's parameters are the pattern's");
    require(allows(match, t2o::method_name(method)), "the method found is an allowed one");
    check_loggable(match.route->pattern, path);
  }
  require(match.pattern.empty() == match.allowed.empty(), "a matched path has allowed methods (405)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = t2o::fuzz::as_text(data, size);
  const auto space = line.find(' ');
  const std::string_view method_word = line.substr(0, space);
  const std::string_view path = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);

  const t2o::Method method = t2o::parse_method(method_word);
  for (const t2o::GroupTable* group : t2o::routing::http_groups()) check_group(*group, method, path);

  // The first word as a pattern of its own.
  std::map<std::string, std::string> params;
  static_cast<void>(t2o::match_pattern(method_word, path, params));
  check_loggable(method_word, path);
  return 0;
}
