#include "auth/auth_routes.hpp"

#include "auth/auth_service.hpp"
#include "auth/token_field.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"
#include "session/csrf.hpp"
#include "session/session_cookies.hpp"
#include "users/user_json.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::auth {

Response signup(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  SignupInput input;
  input.first_name = json::require_string(body, "first_name");
  input.last_name = json::require_string(body, "last_name");
  input.username = json::require_string(body, "username");
  input.email = json::require_string(body, "email");
  input.password = json::optional_string(body, "password").value_or("");
  if (input.password.empty()) throw BadRequest("password is required");
  db::in_transaction(context.db(), [&](db::Transaction& tx) { sign_up(tx, context.config(), input); });
  return success("Please check your email to verify your account", 201);
}

Response verify_email(Context& context, const Request& request) {
  db::in_transaction(context.db(), [&](db::Transaction& tx) {
    // Thrown inside, so a refused token rolls back and stays as it was.
    if (!verify_email_token(tx, request.path_params.at("token"))) {
      throw BadRequest("The verification link is invalid or has expired");
    }
  });
  return success("Your account has been verified");
}

Response resend_verification(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const auto email = json::optional_string(body, "email");
  if (!email || text::trim(*email).empty()) throw BadRequest("Email is required");
  const std::string address(text::trim(*email));
  if (users::plausible_email(address)) {
    db::in_transaction(context.db(),
                       [&](db::Transaction& tx) { resend_verification_email(tx, context.config(), address); });
  }
  return success("If an unverified account uses this email, a new verification link has been sent");
}

Response login(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  LoginInput input;
  input.username_or_email = std::string(text::trim(json::optional_string(body, "username_or_email").value_or("")));
  input.password = json::optional_string(body, "password").value_or("");
  if (input.username_or_email.empty() || input.password.empty()) {
    throw BadRequest("Username or email and password are required");
  }
  input.token = second_factor_token(body);
  input.client_ip = request.client_ip;
  input.user_agent = request.header("user-agent");
  input.now = context.now();

  // Committed whatever the outcome: a refusal counts a failure or mails a code.
  const LoginOutcome outcome = db::in_transaction(context.db(), [&](db::Transaction& tx) {
    return log_in(tx, context.sessions(), context.config(), input);
  });
  if (outcome.refusal) throw_refusal(*outcome.refusal);
  const auto user = users::load_user(context.db(), outcome.success->user_id);
  if (!user) throw Unauthorized("Invalid credentials");

  Json::Value fields;
  fields["user"] = users::user_json(*user);
  Response response;
  fields["csrf_token"] = set_session_cookies(response, request, context.config(), outcome.success->session.token);
  Response answer = success_with(fields, "Login successful");
  answer.headers = std::move(response.headers);
  return answer;
}

Response logout(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  db::in_transaction(context.db(),
                     [&](db::Transaction& tx) { log_out(tx, context.sessions(), session.user_id, session.id); });
  Response response = success("Logout successful");
  expire_session_cookies(response, request);
  return response;
}

Response check_auth_status(Context& context, const Request&) {
  if (context.session) return success("User is currently logged in");
  Json::Value body;
  body["success"] = false;
  body["message"] = "User is not logged in";
  return json_response(200, body);
}

Response csrf_token(Context& context, const Request&) {
  Json::Value fields;
  fields["csrf_token"] = csrf_token_for(context.config().secret_key, context.require_session().token);
  return success_with(fields);
}

Response current_user_details(Context& context, const Request&) {
  const auto user = users::load_user(context.db(), context.require_session().user_id);
  if (!user) throw Unauthorized();
  Json::Value fields;
  fields["user"] = users::user_json(*user);
  fields["message"] = fields["user"];  // the original client reads `message`
  return success_with(fields);
}

Response healthz(Context& context, const Request&) {
  try {
    context.db().exec(db::idempotent("SELECT 1"));
  } catch (const std::exception&) {
    throw ServiceUnavailable("Database unavailable");
  }
  Json::Value fields;
  fields["status"] = "ok";
  return success_with(fields);
}

}  // namespace t2o::auth
