#include "auth/password_reset_service.hpp"

#include "auth/email_requests.hpp"
#include "auth/emails.hpp"
#include "auth/lockout.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "errors/http_error.hpp"
#include "mail/outbox.hpp"
#include "security/one_time_tokens.hpp"
#include "users/validation.hpp"

namespace t2o::auth {
namespace {

constexpr const char* kSelectUserByEmail = "SELECT id, email, first_name FROM users WHERE lower(email) = lower($1)";
// Opening the link proves the address, so it also counts as verified.
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = $2, verified = true, updated_at = now() "
    "WHERE id = $1 AND lower(email) = lower($3) RETURNING id";
constexpr const char* kBadResetLink = "The password reset link is invalid or has expired";

}  // namespace

void request_password_reset(db::Transaction& tx, const Config& config, const std::string& email, std::time_t now) {
  // Both paths make a token and write a row, so they cost about the same.
  const std::string token = crypto::random_token(32);
  record_email_request(tx, "reset_password", email);
  auto user = tx.exec(kSelectUserByEmail, {email}).optional_row();
  if (!user) return;
  const long long user_id = user->integer("id");
  revoke_one_time_tokens(tx, user_id, TokenPurpose::ResetPassword);
  store_one_time_token(tx, user_id, TokenPurpose::ResetPassword, token, user->str("email"), now);
  enqueue_mail(tx, password_reset_email(config, user->str("email"), user->str("first_name"), token));
}

void reset_password(db::Transaction& tx, SessionStore& sessions, const std::string& token, const std::string& email,
                    const std::string& new_password, std::time_t now) {
  // Checked first so a weak password does not use up the link.
  users::check_password(new_password);
  const std::string password_hash = crypto::hash_password(new_password);
  auto user_id = consume_one_time_token(tx, TokenPurpose::ResetPassword, token, email, now);
  if (!user_id) throw BadRequest(kBadResetLink);
  if (tx.exec(kSetPassword, {*user_id, password_hash, email}).empty()) throw BadRequest(kBadResetLink);  // email changed
  reset_login_failures(tx, *user_id);
  sessions.delete_user_sessions(tx, *user_id);
}

}  // namespace t2o::auth
