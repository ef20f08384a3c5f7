#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/route.hpp"

namespace t2o {

struct RouteMatch {
  const Route* route = nullptr;             // null: no route for this method
  std::map<std::string, std::string> params;
  std::vector<std::string_view> allowed;    // methods that do match the path (for 405)
  std::string_view pattern;                 // first pattern matching the path, any method
};

// The path as logs may show it: segments matched by a `<token>` parameter (verification
// and reset links) become "[redacted]".
std::string loggable_path(std::string_view pattern, std::string_view path);

// Matches `path` against one pattern; fills `params` on success.
bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);

// route set and allowed empty: 404. route null, allowed non-empty: 405.
RouteMatch find_route(Routes routes, Method method, std::string_view path);

}  // namespace t2o
