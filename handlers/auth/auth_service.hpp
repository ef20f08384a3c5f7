#pragma once
// The auth group's logic as plain functions over the transaction their caller opened, so
// they nest inside larger work and unit tests call them with a real test database.
#include <ctime>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "errors/http_error.hpp"
#include "session/session_store.hpp"

namespace t2o::auth {

struct SignupInput {
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string email;
  std::string password;
};

// Validates, creates the user with role User, stores a verification token and queues the
// welcome email. Returns the new user's id. Throws BadRequest / Conflict with API.md's
// messages.
long long sign_up(db::Transaction& tx, const Config& config, const SignupInput& input);

// true when the token was valid: the user is now verified. On false the caller rolls back,
// which leaves the token as it was.
bool verify_email_token(db::Transaction& tx, const std::string& token);

// Queues a new verification email when `email` names an unverified account. Writes a row
// either way, so both cost the same (no account enumeration).
void resend_verification_email(db::Transaction& tx, const Config& config, const std::string& email);

struct LoginInput {
  std::string username_or_email;
  std::string password;
  std::optional<std::string> token;  // 2FA code
  std::string client_ip;
  std::string user_agent;
  std::time_t now = std::time(nullptr);
};

struct LoginResult {
  long long user_id = 0;
  NewSession session;
};

// Why a login was refused. What the refusal wrote (a counted failure, an emailed code)
// must be committed, so it is an answer rather than an exception.
enum class LoginRefusal { Locked, InvalidCredentials, Unverified, SecondFactorRequired };

struct LoginOutcome {
  std::optional<LoginResult> success;
  std::optional<LoginRefusal> refusal;
};

// Checks the lockout, the credentials and (when enabled) the second factor, then opens a
// session; or counts a failure (and, when the second factor is missing or wrong, emails a
// one-time code). The caller commits either way.
LoginOutcome log_in(db::Transaction& tx, SessionStore& sessions, const Config& config, const LoginInput& input);

// Throws API.md's answer to a refusal: TooManyRequests (429), Unauthorized("Invalid
// credentials"), Unauthorized("Please verify ..."), BadRequest("2FA token required").
[[noreturn]] void throw_refusal(LoginRefusal refusal);

// Deletes one session of the user; every process forgets it when `tx` commits.
void log_out(db::Transaction& tx, SessionStore& sessions, long long user_id, long long session_id);

}  // namespace t2o::auth
