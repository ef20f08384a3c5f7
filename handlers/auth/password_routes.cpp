// POST /forgot_password and POST /reset_password/<token> (API.md "Auth group").
#include "auth/auth_routes.hpp"
#include "auth/password_reset_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::auth {

Response forgot_password(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string email(text::trim(json::optional_string(body, "email").value_or("")));
  if (email.empty()) throw BadRequest("Email is required");
  if (!users::plausible_email(email)) throw BadRequest("Invalid email address");
  db::in_transaction(context.db(),
                     [&](db::Transaction& tx) { request_password_reset(tx, context.config(), email, context.now()); });
  return success("Password reset email sent");
}

Response reset_password(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string email(text::trim(json::optional_string(body, "email").value_or("")));
  const std::string password = json::optional_string(body, "password").value_or("");
  if (email.empty() || password.empty()) throw BadRequest("Email and password are required");
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    auth::reset_password(tx, context.sessions(), request.path_params.at("token"), email, password, context.now());
  });
  return success("Password has been reset");
}

}  // namespace t2o::auth
