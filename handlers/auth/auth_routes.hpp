#pragma once
// The auth group's route handlers (API.md "Auth group"). Each is a thin HTTP wrapper over
// the service functions in auth_service.hpp.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::auth {

Response signup(Context& context, const Request& request);
Response verify_email(Context& context, const Request& request);
Response resend_verification(Context& context, const Request& request);
Response login(Context& context, const Request& request);
Response logout(Context& context, const Request& request);
Response check_auth_status(Context& context, const Request& request);
Response csrf_token(Context& context, const Request& request);
Response current_user_details(Context& context, const Request& request);
Response twofa_uri(Context& context, const Request& request);
Response update_twofa(Context& context, const Request& request);
Response forgot_password(Context& context, const Request& request);
Response reset_password(Context& context, const Request& request);
Response healthz(Context& context, const Request& request);

}  // namespace t2o::auth
