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
  sign_up(context.db(), context.config(), input);
  return success("Please check your email to verify your account", 201);
}

Response verify_email(Context& context, const Request& request) {
  if (!verify_email_token(context.db(), request.path_params.at("token"))) {
    throw BadRequest("The verification link is invalid or has expired");
  }
  return success("Your account has been verified");
}

Response resend_verification(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const auto email = json::optional_string(body, "email");
  if (!email || text::trim(*email).empty()) throw BadRequest("Email is required");
  const std::string address(text::trim(*email));
  if (users::plausible_email(address)) resend_verification_email(context.db(), context.config(), address);
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

  const LoginResult result = log_in(context.db(), context.sessions(), context.config(), input);
  auto user = users::load_user_json(context.db(), result.user_id);
  if (!user) throw Unauthorized("Invalid credentials");

  Response response;
  const std::string csrf = set_session_cookies(response, request, context.config(), result.session.token);
  Json::Value answer;
  answer["success"] = true;
  answer["message"] = "Login successful";
  answer["user"] = *user;
  answer["csrf_token"] = csrf;
  Response json = json_response(200, answer);
  json.headers = std::move(response.headers);
  return json;
}

Response logout(Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  log_out(context.db(), context.sessions(), session.user_id, session.id);
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
  Json::Value body;
  body["success"] = true;
  body["csrf_token"] = csrf_token_for(context.config().secret_key, context.require_session().token);
  return json_response(200, body);
}

Response current_user_details(Context& context, const Request&) {
  auto user = users::load_user_json(context.db(), context.require_session().user_id);
  if (!user) throw Unauthorized();
  Json::Value body;
  body["success"] = true;
  body["message"] = *user;  // the original client reads `message`
  body["user"] = *user;
  return json_response(200, body);
}

Response healthz(Context& context, const Request&) {
  try {
    context.db().exec(db::idempotent("SELECT 1"));
  } catch (const std::exception&) {
    throw ServiceUnavailable("Database unavailable");
  }
  Json::Value body;
  body["success"] = true;
  body["status"] = "ok";
  return json_response(200, body);
}

}  // namespace t2o::auth
