#include "session/session_cookies.hpp"

#include "session/csrf.hpp"
#include "session/session_store.hpp"

namespace t2o {

std::string set_session_cookies(Response& response, const Request& request, const Config& config,
                                const std::string& session_token) {
  const std::string csrf = csrf_token_for(config.secret_key, session_token);
  CookieOptions session_options;
  session_options.max_age = config.session_lifetime_seconds;
  session_options.secure = request.https;
  session_options.same_site = "Lax";
  response.set_cookie(kSessionCookie, session_token, session_options);

  CookieOptions csrf_options = session_options;
  csrf_options.same_site = "Strict";
  response.set_cookie(kCsrfCookie, csrf, csrf_options);
  return csrf;
}

void expire_session_cookies(Response& response, const Request& request) {
  CookieOptions options;
  options.max_age = 0;
  options.secure = request.https;
  options.same_site = "Lax";
  response.set_cookie(kSessionCookie, "", options);
  options.same_site = "Strict";
  response.set_cookie(kCsrfCookie, "", options);
}

}  // namespace t2o
