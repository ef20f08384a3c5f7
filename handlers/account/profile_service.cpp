#include "account/profile_service.hpp"

#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "errors/http_error.hpp"
#include "mail/link_email.hpp"
#include "mail/outbox.hpp"
#include "security/guard.hpp"
#include "security/one_time_tokens.hpp"
#include "security/rbac_rules.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::account {
namespace {

const char* const kEmailInUse = "Email already in use.";
const char* const kUsernameTaken = "Username already exists.";

void check_fields(const ProfileUpdate& update) {
  users::check_name("first_name", update.first_name);
  users::check_name("last_name", update.last_name);
  users::check_username(update.username);
  users::check_email(update.email);
  if (update.password) users::check_password(*update.password);
}

Email reverify_email(const Config& config, const std::string& to, const std::string& first_name,
                     const std::string& token) {
  return link_email(config, to, config.app_name + " - verify your new email address", "Hello " + first_name + ",",
                    "The email address of your " + config.app_name +
                        " account was changed to this one. Please verify it by opening this link:",
                    verify_email_link(config, token),
                    "The link is valid for " + text::duration_words(kVerifyEmailLifetimeSeconds) + ".");
}

constexpr const char* kLockProfile =
    "SELECT first_name, last_name, username, email FROM users WHERE id = $1 FOR UPDATE";
constexpr const char* kSelectTakenByOthers =
    "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($2) AND id <> $1) AS username_taken, "
    "       EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($3) AND id <> $1) AS email_taken";
constexpr const char* kUpdateProfile =
    "UPDATE users SET first_name = $2, last_name = $3, username = $4, email = $5, "
    "verified = CASE WHEN $6 THEN false ELSE verified END, "
    "password_hash = COALESCE($7, password_hash), updated_at = now() WHERE id = $1";

Json::Value audited_profile(const std::string& first_name, const std::string& last_name, const std::string& username,
                            const std::string& email) {
  Json::Value profile;
  profile["first_name"] = first_name;
  profile["last_name"] = last_name;
  profile["username"] = username;
  profile["email"] = email;
  return profile;
}

}  // namespace

void update_profile(db::Transaction& tx, SessionStore& sessions, const Config& config, const AuditActor& actor,
                    long long actor_session_id, const ProfileUpdate& update) {
  check_fields(update);
  const std::optional<std::string> password_hash =
      update.password ? std::optional(crypto::hash_password(*update.password)) : std::nullopt;

  if (update.user_id != actor.user_id) {
    // Under the RBAC lock, so a role given to the target meanwhile cannot slip past.
    rbac::lock_rbac_changes(tx);
    if (!rbac::holds_permission(tx, actor.user_id, "manage_users")) throw Forbidden();
    if (!rbac::holds_every_permission_of_user(tx, actor.user_id, update.user_id)) throw Forbidden();
  }
  auto before = tx.exec(kLockProfile, {update.user_id}).optional_row();
  if (!before) throw NotFound("User not found");
  const db::Row taken = tx.exec(kSelectTakenByOthers, {update.user_id, update.username, update.email}).one_row();
  if (taken.boolean("email_taken")) throw BadRequest(kEmailInUse);
  if (taken.boolean("username_taken")) throw BadRequest(kUsernameTaken);

  const bool email_changed = text::to_lower(before->str("email")) != text::to_lower(update.email);
  try {
    tx.exec(kUpdateProfile, {update.user_id, update.first_name, update.last_name, update.username, update.email,
                             email_changed, password_hash});
  } catch (const db::UniqueViolation& violation) {  // a concurrent signup took it
    throw BadRequest(violation.constraint.find("username") != std::string::npos ? kUsernameTaken : kEmailInUse);
  }
  if (email_changed) {
    revoke_one_time_tokens(tx, update.user_id, TokenPurpose::VerifyEmail);
    const std::string token = crypto::random_token(32);
    store_one_time_token(tx, update.user_id, TokenPurpose::VerifyEmail, token, update.email);
    enqueue_mail(tx, reverify_email(config, update.email, update.first_name, token));
  }

  const Json::Value old_profile =
      audited_profile(before->str("first_name"), before->str("last_name"), before->str("username"), before->str("email"));
  Json::Value new_profile = audited_profile(update.first_name, update.last_name, update.username, update.email);
  new_profile["password_changed"] = update.password.has_value();
  write_audit(tx, actor, "user.profile.update", "user " + std::to_string(update.user_id), old_profile, new_profile);

  if (update.password) {
    // A new password ends the user's other sessions (the editor's own stays).
    sessions.delete_user_sessions(tx, update.user_id,
                                  update.user_id == actor.user_id ? std::optional(actor_session_id) : std::nullopt);
  }
}

}  // namespace t2o::account
