#include "auth/auth_service.hpp"

#include "auth/email_requests.hpp"
#include "auth/emails.hpp"
#include "auth/lockout.hpp"
#include "auth/twofa_service.hpp"
#include "crypto/digest.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "errors/http_error.hpp"
#include "mail/outbox.hpp"
#include "security/one_time_tokens.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::auth {
namespace {

const char* const kUsernameTaken = "Username already exists";
const char* const kEmailTaken = "Email already exists";
const char* const kInvalidCredentials = "Invalid credentials";
const char* const kUnverified = "Please verify your email address before logging in";
const char* const kTwofaRequired = "2FA token required";

void check_signup_input(const SignupInput& input) {
  users::check_name("first_name", input.first_name);
  users::check_name("last_name", input.last_name);
  users::check_username(input.username);
  users::check_email(input.email);
  users::check_password(input.password);
}

}  // namespace

long long sign_up(db::Connection& db, const Config& config, const SignupInput& input) {
  check_signup_input(input);
  // Checked before hashing so a taken name costs no argon2 time; the unique indexes still
  // decide when two signups race.
  auto taken = db.exec(
                     "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)), "
                     "       EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($2))",
                     {input.username, input.email})
                   .one_row();
  if (taken.boolean(0)) throw Conflict(kUsernameTaken);
  if (taken.boolean(1)) throw Conflict(kEmailTaken);

  const std::string password_hash = crypto::hash_password(input.password);
  const std::string verify_token = crypto::random_token(32);
  db::Transaction tx(db);
  long long user_id = 0;
  try {
    user_id = tx.exec(
                    "INSERT INTO users (first_name, last_name, username, email, password_hash) "
                    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    {input.first_name, input.last_name, input.username, input.email, password_hash})
                  .one_row()
                  .integer(0);
  } catch (const db::UniqueViolation& violation) {
    throw Conflict(violation.constraint.find("username") != std::string::npos ? kUsernameTaken : kEmailTaken);
  }
  tx.exec("INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'User'", {user_id});
  store_one_time_token(tx, user_id, TokenPurpose::VerifyEmail, verify_token, input.email);
  enqueue_mail(tx, welcome_email(config, input.email, input.first_name, verify_token));
  tx.commit();
  return user_id;
}

bool verify_email_token(db::Connection& db, const std::string& token) {
  db::Transaction tx(db);
  auto user_id = consume_one_time_token(tx, TokenPurpose::VerifyEmail, token);
  if (!user_id) return false;
  // The token only verifies the address it was sent to, not one changed since.
  auto verified = tx.exec(
                        "UPDATE users u SET verified = true, updated_at = now() FROM one_time_tokens t "
                        "WHERE u.id = $1 AND t.purpose = 'verify_email' AND t.token_hash = $2 "
                        "AND lower(t.email) = lower(u.email) RETURNING u.id",
                        {*user_id, db::bytea(crypto::sha256(token))})
                      .optional_row();
  if (!verified) return false;  // rolls back, leaving the token unused
  tx.commit();
  return true;
}

void resend_verification_email(db::Connection& db, const Config& config, const std::string& email) {
  const std::string verify_token = crypto::random_token(32);
  db::Transaction tx(db);
  record_email_request(tx, "verify_email", email);  // committed either way: same timing
  auto user = tx.exec("SELECT id, email, first_name FROM users WHERE lower(email) = lower($1) AND NOT verified",
                      {email})
                  .optional_row();
  if (!user) {
    tx.commit();
    return;
  }
  store_one_time_token(tx, user->integer(0), TokenPurpose::VerifyEmail, verify_token, user->str(1));
  enqueue_mail(tx, verification_email(config, user->str(1), user->str(2), verify_token));
  tx.commit();
}

LoginResult log_in(db::Connection& db, SessionStore& sessions, const Config& config, const LoginInput& input) {
  auto user = db.exec(
                    "SELECT id, password_hash, verified, twofa_enabled "
                    "FROM users WHERE lower(username) = lower($1) OR lower(email) = lower($1) "
                    "ORDER BY (lower(username) = lower($1)) DESC LIMIT 1",
                    {input.username_or_email})
                  .optional_row();
  if (!user || user->is_null(1)) {
    crypto::burn_password_check_time(input.password);  // same cost as a wrong password
    throw Unauthorized(kInvalidCredentials);
  }
  const long long user_id = user->integer(0);
  if (is_locked(db, user_id, input.now)) throw TooManyRequests(locked_message());
  const crypto::PasswordCheck check = crypto::verify_password(input.password, user->view(1));
  if (!check.matches) {
    record_login_failure(db, user_id, input.now);
    throw Unauthorized(kInvalidCredentials);
  }
  if (!user->boolean(2)) throw Unauthorized(kUnverified);

  if (user->boolean(3)) {
    const std::string token = input.token ? std::string(text::trim(*input.token)) : std::string();
    bool accepted = false;
    {
      db::Transaction second_factor(db);
      accepted = accept_second_factor(second_factor, user_id, token, input.now);
      if (accepted) second_factor.commit();  // the code is used up
    }
    if (!accepted) {
      if (!token.empty()) record_login_failure(db, user_id, input.now);
      send_login_code(db, config, user_id, input.now);
      throw BadRequest(kTwofaRequired);
    }
  }

  db::Transaction tx(db);
  if (check.needs_rehash) {
    tx.exec("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1",
            {user_id, crypto::hash_password(input.password)});
  }
  reset_login_failures(tx, user_id);
  LoginResult result{user_id, sessions.create(tx, user_id, input.client_ip, input.user_agent)};
  tx.commit();
  return result;
}

void log_out(db::Connection& db, SessionStore& sessions, long long user_id, long long session_id) {
  db::Transaction tx(db);
  sessions.delete_session(tx, user_id, session_id);
  sessions.commit_revocation(tx);
}

}  // namespace t2o::auth
