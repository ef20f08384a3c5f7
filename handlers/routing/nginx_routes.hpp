#pragma once
// nginx's routing, written from the route tables: one regex location per group (and one
// for the group's rate-limited routes), exact rewrites for path aliases, and a JSON 404
// for everything else. The result is a template: deploy/up fills in @RUN_DIR@ (where the
// sockets are) and @AUTH_BURST@ like in nginx/*.in.
#include <span>
#include <string>
#include <string_view>

#include "server/route.hpp"

namespace t2o::routing {

// A route pattern as the regex nginx matches the path against: literal segments as they
// are (regex characters escaped), <name> as [^/]+ and <int:name> as [0-9]+.
std::string pattern_regex(std::string_view pattern);

std::string nginx_routes_conf(std::span<const GroupTable* const> groups);

}  // namespace t2o::routing
