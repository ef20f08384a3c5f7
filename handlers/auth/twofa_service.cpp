#include "auth/twofa_service.hpp"

#include "auth/emails.hpp"
#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "errors/http_error.hpp"
#include "mail/outbox.hpp"
#include "security/one_time_tokens.hpp"
#include "security/qr_svg.hpp"
#include "security/totp.hpp"

namespace t2o::auth {
namespace {

// Accepts `code` for `secret_base32` when it is valid now and newer than the last step
// this user had accepted; records the step in the same statement (replay refusal).
bool accept_totp(db::Transaction& tx, long long user_id, const std::string& secret_base32, const std::string& code,
                 std::time_t now) {
  const auto secret = totp::base32_decode(secret_base32);
  if (!secret) return false;
  const auto step = totp::matching_step(*secret, code, now);
  if (!step) return false;
  return !tx.exec(
                "UPDATE users SET twofa_last_step = $2 WHERE id = $1 "
                "AND (twofa_last_step IS NULL OR twofa_last_step < $2) RETURNING id",
                {user_id, static_cast<long long>(*step)})
              .empty();
}

bool accept_recovery_code(db::Transaction& tx, long long user_id, const std::string& code) {
  const std::string normalized = normalize_recovery_code(code);
  if (normalized.size() != 10) return false;
  return !tx.exec(
                "UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL "
                "RETURNING id",
                {user_id, db::bytea(crypto::sha256(normalized))})
              .empty();
}

std::vector<std::string> replace_recovery_codes(db::Transaction& tx, long long user_id) {
  tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    // 10 base32 characters = 50 bits each; shown once, stored hashed.
    const std::string raw = totp::base32_encode(crypto::random_bytes(7)).substr(0, 10);
    std::string normalized = normalize_recovery_code(raw);
    tx.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
            {user_id, db::bytea(crypto::sha256(normalized))});
    codes.push_back(normalized.substr(0, 5) + "-" + normalized.substr(5));
  }
  return codes;
}

}  // namespace

std::string normalize_recovery_code(const std::string& code) {
  std::string normalized;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    normalized += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return normalized;
}

TwofaSetup begin_twofa_setup(db::Connection& db, const Config& config, long long user_id) {
  TwofaSetup setup;
  setup.secret_base32 = totp::new_secret_base32();
  const std::string email =
      db.exec("UPDATE users SET twofa_pending_secret = $2 WHERE id = $1 RETURNING email", {user_id, setup.secret_base32})
          .one_row()
          .str(0);
  setup.uri = totp::otpauth_uri(config.app_name, email, setup.secret_base32);
  setup.qr_svg = qr_svg(setup.uri);
  return setup;
}

std::vector<std::string> enable_twofa(db::Connection& db, long long user_id, const std::string& code, std::time_t now) {
  db::Transaction tx(db);
  auto pending = tx.exec("SELECT twofa_pending_secret FROM users WHERE id = $1 FOR UPDATE", {user_id}).one_row();
  if (pending.is_null(0)) throw BadRequest(kTwofaUpdateFailed);
  const std::string secret = pending.str(0);
  // The pending secret is new, so no step of it was accepted before: start the replay
  // guard afresh, then accept the code (which records its step).
  tx.exec("UPDATE users SET twofa_last_step = NULL WHERE id = $1", {user_id});
  if (!accept_totp(tx, user_id, secret, code, now)) throw BadRequest(kTwofaUpdateFailed);
  tx.exec(
      "UPDATE users SET twofa_secret = twofa_pending_secret, twofa_pending_secret = NULL, twofa_enabled = true, "
      "updated_at = now() WHERE id = $1",
      {user_id});
  std::vector<std::string> codes = replace_recovery_codes(tx, user_id);
  tx.commit();
  return codes;
}

void disable_twofa(db::Connection& db, long long user_id, const std::string& code, std::time_t now) {
  db::Transaction tx(db);
  auto user = tx.exec("SELECT twofa_enabled, twofa_secret FROM users WHERE id = $1 FOR UPDATE", {user_id}).one_row();
  if (!user.boolean(0)) return;  // already off
  const bool accepted = (!user.is_null(1) && accept_totp(tx, user_id, user.str(1), code, now)) ||
                        accept_recovery_code(tx, user_id, code);
  if (!accepted) throw BadRequest(kTwofaUpdateFailed);
  tx.exec(
      "UPDATE users SET twofa_enabled = false, twofa_secret = NULL, twofa_pending_secret = NULL, "
      "updated_at = now() WHERE id = $1",
      {user_id});
  tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id});
  revoke_one_time_tokens(tx, user_id, TokenPurpose::LoginCode);
  tx.commit();
}

bool accept_second_factor(db::Transaction& tx, long long user_id, const std::string& token, std::time_t now) {
  if (token.empty() || token.size() > 64) return false;
  auto user = tx.exec("SELECT twofa_secret, email FROM users WHERE id = $1 FOR UPDATE", {user_id}).one_row();
  if (!user.is_null(0) && accept_totp(tx, user_id, user.str(0), token, now)) return true;
  if (consume_login_code(tx, user_id, token, now)) return true;
  return accept_recovery_code(tx, user_id, token);
}

bool send_login_code(db::Connection& db, const Config& config, long long user_id, std::time_t now) {
  db::Transaction tx(db);
  auto user = tx.exec(
                    "UPDATE users SET login_code_sent_at = to_timestamp($2) WHERE id = $1 "
                    "AND (login_code_sent_at IS NULL OR login_code_sent_at <= to_timestamp($2) - make_interval(secs => $3)) "
                    "RETURNING email, first_name",
                    {user_id, static_cast<long long>(now), kLoginCodeMailIntervalSeconds})
                  .optional_row();
  if (!user) return false;
  const std::string code = crypto::random_digits(6);
  revoke_one_time_tokens(tx, user_id, TokenPurpose::LoginCode);
  store_one_time_token(tx, user_id, TokenPurpose::LoginCode, code, user->str(0), now);
  enqueue_mail(tx, login_code_email(config, user->str(0), user->str(1), code));
  tx.commit();
  return true;
}

}  // namespace t2o::auth
