#include "server/router.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace t2o {

namespace {

// The next '/'-separated segment of `rest`, which it then no longer holds.
std::string_view next_segment(std::string_view& rest) {
  const std::size_t slash = rest.find('/');
  const std::string_view segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  return segment;
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  // Every request is tried against every route, and most differ in their number of
  // segments: tell so before looking at any. Segments are compared in place; only a match
  // allocates (its parameters).
  if (std::count(pattern.begin(), pattern.end(), '/') != std::count(path.begin(), path.end(), '/')) return false;
  std::map<std::string, std::string> found;
  std::string_view pattern_rest = pattern, path_rest = path;
  for (bool more = true; more;) {
    more = pattern_rest.find('/') != std::string_view::npos;
    const std::string_view expected = next_segment(pattern_rest);
    const std::string_view actual = next_segment(path_rest);
    if (expected.size() > 2 && expected.front() == '<' && expected.back() == '>') {
      std::string_view name = expected.substr(1, expected.size() - 2);
      if (actual.empty()) return false;
      if (name.starts_with("int:")) {
        name.remove_prefix(4);
        const bool digits = actual.size() <= 18 && std::all_of(actual.begin(), actual.end(),
                                                               [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) return false;
      }
      found.emplace(std::string(name), std::string(actual));
    } else if (expected != actual) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

std::string loggable_path(std::string_view pattern, std::string_view path) {
  if (!carries_secret(pattern)) return std::string(path);
  const auto pattern_parts = text::split(pattern, '/');
  const auto path_parts = text::split(path, '/');
  std::string logged;
  for (std::size_t i = 0; i < path_parts.size(); ++i) {
    if (i) logged += '/';
    const bool secret = i < pattern_parts.size() && pattern_parts[i] == "<token>";
    logged += secret ? std::string_view("[redacted]") : path_parts[i];
  }
  return logged;
}

RouteMatch find_route(Routes routes, Method method, std::string_view path) {
  RouteMatch match;
  for (const Route& route : routes) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, path, params)) continue;
    if (match.pattern.empty()) match.pattern = route.pattern;
    if (route.method == method || (method == Method::Head && route.method == Method::Get)) {
      if (!match.route) {
        match.route = &route;
        match.params = std::move(params);
      }
    }
    for (const std::string_view name : {method_name(route.method), std::string_view(route.method == Method::Get ? "HEAD" : "")}) {
      if (!name.empty() && std::find(match.allowed.begin(), match.allowed.end(), name) == match.allowed.end()) {
        match.allowed.push_back(name);
      }
    }
  }
  return match;
}

}  // namespace t2o
