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

struct Route {
  Method method;
  std::string_view pattern;
  Handler handler;
  Access access = kPublic;
};

using Routes = std::span<const Route>;

}  // namespace t2o
