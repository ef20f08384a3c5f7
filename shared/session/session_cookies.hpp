#pragma once
// The two cookies of a login (API.md "Sessions, cookies and CSRF").
#include <string>

#include "config/config.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace t2o {

// session (HttpOnly, SameSite=Lax) and X-CSRFToken (HttpOnly, SameSite=Strict), both
// Secure when the request came over HTTPS. Returns the CSRF token.
std::string set_session_cookies(Response& response, const Request& request, const Config& config,
                                const std::string& session_token);
void expire_session_cookies(Response& response, const Request& request);

}  // namespace t2o
