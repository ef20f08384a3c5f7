#pragma once
// Declarative routes: method, path pattern, handler, and who may call it.
// Patterns are literal segments plus `<name>` (any segment) or `<int:name>` (digits).
#include <span>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o {

using Handler = Response (*)(Context&, const Request&);

struct Access {
  bool needs_session = false;
  bool csrf_exempt = false;        // API.md's list of routes that skip the CSRF check
  std::string_view permission;     // empty: none beyond the session
};

inline constexpr Access kPublic{};
inline constexpr Access kPublicCsrfExempt{.needs_session = false, .csrf_exempt = true, .permission = {}};
inline constexpr Access kSession{.needs_session = true, .csrf_exempt = false, .permission = {}};
inline constexpr Access kSessionCsrfExempt{.needs_session = true, .csrf_exempt = true, .permission = {}};
constexpr Access needs(std::string_view permission) {
  return Access{.needs_session = true, .csrf_exempt = false, .permission = permission};
}

// What nginx does before a request reaches the handler, beyond routing it.
enum class EdgeLimit {
  None,
  Credentials,  // the per-address brake on routes that take credentials (T2O_AUTH_RATE)
};

// Whether the dispatcher may answer a GET from the process's AnswerCache (kept while no
// table it copies changes: cache/answer_cache.hpp). Only for answers built from the
// database alone: no clock, no request log, no other service.
enum class Caching {
  None,
  Shared,     // the same answer for every caller the route's access lets in
  PerCaller,  // an answer per session's user
};

struct Route {
  Method method;
  std::string_view pattern;
  Handler handler;
  Access access = kPublic;
  EdgeLimit edge_limit = EdgeLimit::None;
  Caching caching = Caching::None;
};

using Routes = std::span<const Route>;

// Whether a request to `route` must carry the session's CSRF header: a state-changing
// method on a route API.md does not exempt. The dispatcher enforces it; the OpenAPI
// document describes it.
inline bool checks_csrf(const Route& route) { return is_state_changing(route.method) && !route.access.csrf_exempt; }

// A path segment named <token> carries a secret (a verification or reset link's token):
// the handlers' logs show it as [redacted], and nginx gives such paths a location whose
// error log cannot print their request line.
inline bool carries_secret(std::string_view pattern) { return pattern.find("<token>") != std::string_view::npos; }

// An old path nginx rewrites onto a route's path (the original client's unprefixed
// admin paths, e.g. /roles -> /admin/roles).
struct PathAlias {
  std::string_view from;
  std::string_view to;
};

// One endpoint group as data: its name (executable t2o-<name>, socket <name>.sock), its
// routes and its aliases. The handler serves it; nginx's routing is generated from it.
struct GroupTable {
  std::string_view name;
  Routes routes;
  std::span<const PathAlias> aliases = {};
};

}  // namespace t2o
