#pragma once
// Who may call a route, in OpenAPI's terms, from the route's Access and EdgeLimit alone:
// the security schemes (the session cookie, the CSRF header), each operation's security
// requirement and x-permission, the answers the dispatcher and nginx give before the
// handler runs, and a sentence saying all that in the operation's description.
#include <json/json.h>

#include <string>

#include "server/route.hpp"

namespace t2o::routing {

// The schemes' names in components.securitySchemes.
inline constexpr const char* kSessionScheme = "sessionCookie";
inline constexpr const char* kCsrfScheme = "csrfHeader";

Json::Value security_schemes();

// [] for a public route, else one requirement holding every scheme the route needs.
Json::Value security_requirements(const Route& route);

// Adds 401 (session), 403 (permission, CSRF), 429 (nginx's brake) and 413 (nginx's body
// limit) as they apply; to an answer the description already documents at that status,
// the text is appended.
void add_access_responses(const Route& route, Json::Value& responses);

// "Needs a session and the `edit` permission. Send the CSRF token ..."
std::string access_description(const Route& route);

}  // namespace t2o::routing
