#include "auth/auth_service.hpp"

#include "auth/email_requests.hpp"
#include "auth/emails.hpp"
#include "auth/lockout.hpp"
#include "auth/twofa_service.hpp"
#include "crypto/digest.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "mail/outbox.hpp"
#include "security/one_time_tokens.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::auth {
namespace {

const char* const kUsernameTaken = "Username already exists";
const char* const kEmailTaken = "Email already exists";

void check_signup_input(const SignupInput& input) {
  users::check_name("first_name", input.first_name);
  users::check_name("last_name", input.last_name);
  users::check_username(input.username);
  users::check_email(input.email);
  users::check_password(input.password);
}

constexpr const char* kSelectTakenNames =
    "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)) AS username_taken, "
    "       EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($2)) AS email_taken";
constexpr const char* kInsertUser =
    "INSERT INTO users (first_name, last_name, username, email, password_hash) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kGiveRoleUser =
    "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'User'";

}  // namespace

long long sign_up(db::Transaction& tx, const Config& config, const SignupInput& input) {
  check_signup_input(input);
  // Checked before hashing so a taken name costs no argon2 time; the unique indexes still
  // decide when two signups race.
  const db::Row taken = tx.exec(kSelectTakenNames, {input.username, input.email}).one_row();
  if (taken.boolean("username_taken")) throw Conflict(kUsernameTaken);
  if (taken.boolean("email_taken")) throw Conflict(kEmailTaken);

  const std::string password_hash = crypto::hash_password(input.password);
  const std::string verify_token = crypto::random_token(32);
  long long user_id = 0;
  try {
    user_id = tx.exec(kInsertUser, {input.first_name, input.last_name, input.username, input.email, password_hash})
                  .one_row()
                  .integer("id");
  } catch (const db::UniqueViolation& violation) {
    throw Conflict(violation.constraint.find("username") != std::string::npos ? kUsernameTaken : kEmailTaken);
  }
  tx.exec(kGiveRoleUser, {user_id});
  store_one_time_token(tx, user_id, TokenPurpose::VerifyEmail, verify_token, input.email);
  enqueue_mail(tx, welcome_email(config, input.email, input.first_name, verify_token));
  return user_id;
}

namespace {

// The token only verifies the address it was sent to, not one changed since.
constexpr const char* kVerifyUser =
    "UPDATE users u SET verified = true, updated_at = now() FROM one_time_tokens t "
    "WHERE u.id = $1 AND t.purpose = 'verify_email' AND t.token_hash = $2 "
    "AND lower(t.email) = lower(u.email) RETURNING u.id";

}  // namespace

bool verify_email_token(db::Transaction& tx, const std::string& token) {
  auto user_id = consume_one_time_token(tx, TokenPurpose::VerifyEmail, token);
  if (!user_id) return false;
  return !tx.exec(kVerifyUser, {*user_id, db::bytea(crypto::sha256(token))}).empty();
}

namespace {

constexpr const char* kSelectUnverifiedUser =
    "SELECT id, email, first_name FROM users WHERE lower(email) = lower($1) AND NOT verified";

}  // namespace

void resend_verification_email(db::Transaction& tx, const Config& config, const std::string& email) {
  const std::string verify_token = crypto::random_token(32);
  record_email_request(tx, "verify_email", email);  // written either way: same timing
  auto user = tx.exec(kSelectUnverifiedUser, {email}).optional_row();
  if (!user) return;
  store_one_time_token(tx, user->integer("id"), TokenPurpose::VerifyEmail, verify_token, user->str("email"));
  enqueue_mail(tx, verification_email(config, user->str("email"), user->str("first_name"), verify_token));
}

namespace {

// A username wins over an email that happens to equal it.
constexpr const char* kSelectLoginUser =
    "SELECT id, password_hash, verified, twofa_enabled "
    "FROM users WHERE lower(username) = lower($1) OR lower(email) = lower($1) "
    "ORDER BY (lower(username) = lower($1)) DESC LIMIT 1";
constexpr const char* kUpdatePasswordHash = "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1";

LoginOutcome refused(LoginRefusal refusal) { return LoginOutcome{std::nullopt, refusal}; }

}  // namespace

LoginOutcome log_in(db::Transaction& tx, SessionStore& sessions, const Config& config, const LoginInput& input) {
  auto user = tx.exec(kSelectLoginUser, {input.username_or_email}).optional_row();
  if (!user || user->is_null("password_hash")) {
    crypto::burn_password_check_time(input.password);  // same cost as a wrong password
    return refused(LoginRefusal::InvalidCredentials);
  }
  const long long user_id = user->integer("id");
  if (is_locked(tx, user_id, input.now)) return refused(LoginRefusal::Locked);
  const crypto::PasswordCheck check = crypto::verify_password(input.password, user->view("password_hash"));
  if (!check.matches) {
    record_login_failure(tx, user_id, input.now);
    return refused(LoginRefusal::InvalidCredentials);
  }
  if (!user->boolean("verified")) return refused(LoginRefusal::Unverified);
  // Hashed now, before the second factor locks the user's row.
  const std::optional<std::string> rehashed =
      check.needs_rehash ? std::optional(crypto::hash_password(input.password)) : std::nullopt;

  if (user->boolean("twofa_enabled")) {
    const std::string token = input.token ? std::string(text::trim(*input.token)) : std::string();
    if (!accept_second_factor(tx, config, user_id, token, input.now)) {
      if (!token.empty()) record_login_failure(tx, user_id, input.now);
      send_login_code(tx, config, user_id, input.now);
      return refused(LoginRefusal::SecondFactorRequired);
    }
  }
  if (rehashed) tx.exec(kUpdatePasswordHash, {user_id, *rehashed});
  reset_login_failures(tx, user_id);
  return LoginOutcome{LoginResult{user_id, sessions.create(tx, user_id, input.client_ip, input.user_agent)},
                      std::nullopt};
}

void throw_refusal(LoginRefusal refusal) {
  switch (refusal) {
    case LoginRefusal::Locked: throw TooManyRequests(locked_message());
    case LoginRefusal::InvalidCredentials: throw Unauthorized("Invalid credentials");
    case LoginRefusal::Unverified: throw Unauthorized("Please verify your email address before logging in");
    case LoginRefusal::SecondFactorRequired: throw BadRequest("2FA token required");
  }
  throw Unauthorized("Invalid credentials");
}

void log_out(db::Transaction& tx, SessionStore& sessions, long long user_id, long long session_id) {
  sessions.delete_session(tx, user_id, session_id);
}

}  // namespace t2o::auth
