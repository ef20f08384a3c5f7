#pragma once
// The auth group's logic as plain functions over a database connection, so unit tests call
// them directly with a real test database.
#include <ctime>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
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
// welcome email, all in one transaction. Returns the new user's id.
// Throws BadRequest / Conflict with API.md's messages.
long long sign_up(db::Connection& db, const Config& config, const SignupInput& input);

// true when the token was valid: the user is now verified.
bool verify_email_token(db::Connection& db, const std::string& token);

// Queues a new verification email when `email` names an unverified account; silent otherwise.
void resend_verification_email(db::Connection& db, const Config& config, const std::string& email);

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

// Checks the lockout, the credentials and (when enabled) the second factor, then opens a
// session. Throws TooManyRequests, Unauthorized or BadRequest("2FA token required") with
// API.md's messages; the last one also emails a one-time code.
LoginResult log_in(db::Connection& db, SessionStore& sessions, const Config& config, const LoginInput& input);

// Deletes one session of the user and makes every process forget it at once.
void log_out(db::Connection& db, SessionStore& sessions, long long user_id, long long session_id);

}  // namespace t2o::auth
