#pragma once
// The account group's route handlers (API.md "Account group").
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::account {

Response change_password(Context& context, const Request& request);
Response list_sessions(Context& context, const Request& request);
Response delete_session(Context& context, const Request& request);
Response update_profile(Context& context, const Request& request);
Response logs(Context& context, const Request& request);

}  // namespace t2o::account
