#include "auth/twofa_service.hpp"

#include "auth/emails.hpp"
#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "errors/http_error.hpp"
#include "mail/outbox.hpp"
#include "security/one_time_tokens.hpp"
#include "security/qr_svg.hpp"
#include "security/totp.hpp"
#include "security/totp_secrets.hpp"

namespace t2o::auth {
namespace {

// Records the step only when it is newer than the last one accepted: replay refusal.
constexpr const char* kRecordTotpStep =
    "UPDATE users SET twofa_last_step = $2 WHERE id = $1 "
    "AND (twofa_last_step IS NULL OR twofa_last_step < $2) RETURNING id";
constexpr const char* kUseRecoveryCode =
    "UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL "
    "RETURNING id";
constexpr const char* kDeleteRecoveryCodes = "DELETE FROM recovery_codes WHERE user_id = $1";
constexpr const char* kInsertRecoveryCode = "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)";

// Accepts `code` for `secret_base32` when it is valid now and newer than the last step
// this user had accepted; records the step in the same statement.
bool accept_totp(db::Transaction& tx, long long user_id, const std::string& secret_base32, const std::string& code,
                 std::time_t now) {
  const auto secret = totp::base32_decode(secret_base32);
  if (!secret) return false;
  const auto step = totp::matching_step(*secret, code, now);
  if (!step) return false;
  return !tx.exec(kRecordTotpStep, {user_id, static_cast<long long>(*step)}).empty();
}

bool accept_recovery_code(db::Transaction& tx, long long user_id, const std::string& code) {
  const std::string normalized = normalize_recovery_code(code);
  if (normalized.size() != 10) return false;
  return !tx.exec(kUseRecoveryCode, {user_id, db::bytea(crypto::sha256(normalized))}).empty();
}

std::vector<std::string> replace_recovery_codes(db::Transaction& tx, long long user_id) {
  tx.exec(kDeleteRecoveryCodes, {user_id});
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    // 10 base32 characters = 50 bits each; shown once, stored hashed.
    const std::string raw = totp::base32_encode(crypto::random_bytes(7)).substr(0, 10);
    std::string normalized = normalize_recovery_code(raw);
    tx.exec(kInsertRecoveryCode, {user_id, db::bytea(crypto::sha256(normalized))});
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

namespace {

constexpr const char* kStorePendingSecret = "UPDATE users SET twofa_pending_secret = $2 WHERE id = $1 RETURNING email";

}  // namespace

TwofaSetup begin_twofa_setup(db::Executor& db, const Config& config, long long user_id) {
  TwofaSetup setup;
  setup.secret_base32 = totp::new_secret_base32();
  const std::string email =
      db.exec(kStorePendingSecret, {user_id, totp::seal_secret(config, user_id, setup.secret_base32)}).one_row().str("email");
  setup.uri = totp::otpauth_uri(config.app_name, email, setup.secret_base32);
  setup.qr_svg = qr_svg(setup.uri);
  return setup;
}

namespace {

constexpr const char* kLockPendingSecret = "SELECT twofa_pending_secret FROM users WHERE id = $1 FOR UPDATE";
constexpr const char* kForgetLastStep = "UPDATE users SET twofa_last_step = NULL WHERE id = $1";
constexpr const char* kMakePendingSecretLive =
    "UPDATE users SET twofa_secret = twofa_pending_secret, twofa_pending_secret = NULL, twofa_enabled = true, "
    "updated_at = now() WHERE id = $1";

}  // namespace

std::vector<std::string> enable_twofa(db::Transaction& tx, const Config& config, long long user_id,
                                      const std::string& code, std::time_t now) {
  const db::Row pending = tx.exec(kLockPendingSecret, {user_id}).one_row();
  if (pending.is_null("twofa_pending_secret")) throw BadRequest(kTwofaUpdateFailed);
  const auto opened = totp::open_secret(config, user_id, pending.view("twofa_pending_secret"));
  if (!opened) throw BadRequest(kTwofaUpdateFailed);
  const std::string& secret = *opened;
  // The pending secret is new, so no step of it was accepted before: start the replay
  // guard afresh, then accept the code (which records its step).
  tx.exec(kForgetLastStep, {user_id});
  if (!accept_totp(tx, user_id, secret, code, now)) throw BadRequest(kTwofaUpdateFailed);
  tx.exec(kMakePendingSecretLive, {user_id});
  return replace_recovery_codes(tx, user_id);
}

namespace {

constexpr const char* kLockTwofaState = "SELECT twofa_enabled, twofa_secret FROM users WHERE id = $1 FOR UPDATE";
constexpr const char* kTurnTwofaOff =
    "UPDATE users SET twofa_enabled = false, twofa_secret = NULL, twofa_pending_secret = NULL, "
    "updated_at = now() WHERE id = $1";

}  // namespace

namespace {

// The live secret's TOTP check, when it has one that opens.
bool accept_live_totp(db::Transaction& tx, const Config& config, const db::Row& user, long long user_id,
                      const std::string& code, std::time_t now) {
  if (user.is_null("twofa_secret")) return false;
  const auto secret = totp::open_secret(config, user_id, user.view("twofa_secret"));
  return secret && accept_totp(tx, user_id, *secret, code, now);
}

}  // namespace

void disable_twofa(db::Transaction& tx, const Config& config, long long user_id, const std::string& code,
                   std::time_t now) {
  const db::Row user = tx.exec(kLockTwofaState, {user_id}).one_row();
  if (!user.boolean("twofa_enabled")) return;  // already off
  const bool accepted =
      accept_live_totp(tx, config, user, user_id, code, now) || accept_recovery_code(tx, user_id, code);
  if (!accepted) throw BadRequest(kTwofaUpdateFailed);
  tx.exec(kTurnTwofaOff, {user_id});
  tx.exec(kDeleteRecoveryCodes, {user_id});
  revoke_one_time_tokens(tx, user_id, TokenPurpose::LoginCode);
}

namespace {

constexpr const char* kLockLiveSecret = "SELECT twofa_secret FROM users WHERE id = $1 FOR UPDATE";
// Claims the right to mail a code: at most one per kLoginCodeMailIntervalSeconds.
constexpr const char* kClaimCodeMail =
    "UPDATE users SET login_code_sent_at = to_timestamp($2) WHERE id = $1 "
    "AND (login_code_sent_at IS NULL OR login_code_sent_at <= to_timestamp($2) - make_interval(secs => $3)) "
    "RETURNING email, first_name";

}  // namespace

bool accept_second_factor(db::Transaction& tx, const Config& config, long long user_id, const std::string& token,
                          std::time_t now) {
  if (token.empty() || token.size() > 64) return false;
  const db::Row user = tx.exec(kLockLiveSecret, {user_id}).one_row();
  if (accept_live_totp(tx, config, user, user_id, token, now)) return true;
  if (consume_login_code(tx, user_id, token, now)) return true;
  return accept_recovery_code(tx, user_id, token);
}

bool send_login_code(db::Transaction& tx, const Config& config, long long user_id, std::time_t now) {
  auto user = tx.exec(kClaimCodeMail, {user_id, static_cast<long long>(now), kLoginCodeMailIntervalSeconds})
                  .optional_row();
  if (!user) return false;
  const std::string code = crypto::random_digits(6);
  revoke_one_time_tokens(tx, user_id, TokenPurpose::LoginCode);
  store_one_time_token(tx, user_id, TokenPurpose::LoginCode, code, user->str("email"), now);
  enqueue_mail(tx, login_code_email(config, user->str("email"), user->str("first_name"), code));
  return true;
}

}  // namespace t2o::auth
