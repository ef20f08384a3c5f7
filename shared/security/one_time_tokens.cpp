#include "security/one_time_tokens.hpp"

#include "crypto/digest.hpp"

namespace t2o {

namespace {

constexpr const char* kPurgeDeadTokens =
    "DELETE FROM one_time_tokens WHERE user_id = $1 AND purpose = $2 "
    "AND (used_at IS NOT NULL OR expires_at <= to_timestamp($3))";
constexpr const char* kInsertToken =
    "INSERT INTO one_time_tokens (user_id, purpose, token_hash, email, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, to_timestamp($5), to_timestamp($5) + make_interval(secs => $6))";
// The lookup is by hash through a unique index, so its timing reveals nothing useful.
constexpr const char* kConsumeLinkToken =
    "UPDATE one_time_tokens SET used_at = to_timestamp($4) "
    "WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > to_timestamp($4) "
    "AND purpose <> 'login_code' AND ($3::text IS NULL OR lower(email) = lower($3)) "
    "RETURNING user_id";
constexpr const char* kConsumeLoginCode =
    "UPDATE one_time_tokens SET used_at = to_timestamp($3) "
    "WHERE user_id = $1 AND purpose = 'login_code' AND token_hash = $2 AND used_at IS NULL "
    "AND expires_at > to_timestamp($3) RETURNING id";
constexpr const char* kRevokeTokens =
    "UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL";

}  // namespace

long long lifetime_seconds(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::VerifyEmail: return kVerifyEmailLifetimeSeconds;
    case TokenPurpose::ResetPassword: return kResetPasswordLifetimeSeconds;
    case TokenPurpose::LoginCode: return kLoginCodeLifetimeSeconds;
  }
  return 0;
}

const char* purpose_name(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::VerifyEmail: return "verify_email";
    case TokenPurpose::ResetPassword: return "reset_password";
    case TokenPurpose::LoginCode: return "login_code";
  }
  return "";
}

void store_one_time_token(db::Transaction& tx, long long user_id, TokenPurpose purpose, const std::string& token,
                          const std::string& email, std::time_t now) {
  const auto at = static_cast<long long>(now);
  tx.exec(kPurgeDeadTokens, {user_id, purpose_name(purpose), at});
  tx.exec(kInsertToken, {user_id, purpose_name(purpose), db::bytea(crypto::sha256(token)), email, at,
                         lifetime_seconds(purpose)});
}

std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email, std::time_t now) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  auto row = tx.exec(kConsumeLinkToken, {purpose_name(purpose), db::bytea(crypto::sha256(token)), email,
                                         static_cast<long long>(now)})
                 .optional_row();
  if (!row) return std::nullopt;
  return row->integer(0);
}

bool consume_login_code(db::Transaction& tx, long long user_id, const std::string& code, std::time_t now) {
  if (code.empty() || code.size() > 256) return false;
  return !tx.exec(kConsumeLoginCode, {user_id, db::bytea(crypto::sha256(code)), static_cast<long long>(now)}).empty();
}

void revoke_one_time_tokens(db::Transaction& tx, long long user_id, TokenPurpose purpose) {
  tx.exec(kRevokeTokens, {user_id, purpose_name(purpose)});
}

}  // namespace t2o
