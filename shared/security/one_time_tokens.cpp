#include "security/one_time_tokens.hpp"

#include "crypto/digest.hpp"

namespace t2o {

const char* purpose_name(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::VerifyEmail: return "verify_email";
    case TokenPurpose::ResetPassword: return "reset_password";
    case TokenPurpose::LoginCode: return "login_code";
  }
  return "";
}

void store_one_time_token(db::Transaction& tx, long long user_id, TokenPurpose purpose, const std::string& token,
                          const std::string& email, long long lifetime_seconds) {
  tx.exec(
      "INSERT INTO one_time_tokens (user_id, purpose, token_hash, email, expires_at) "
      "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))",
      {user_id, purpose_name(purpose), db::bytea(crypto::sha256(token)), email, lifetime_seconds});
}

std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  // The lookup is by hash through a unique index, so its timing reveals nothing useful.
  auto row = tx.exec(
                   "UPDATE one_time_tokens SET used_at = now() "
                   "WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > now() "
                   "AND ($3::text IS NULL OR lower(email) = lower($3)) "
                   "RETURNING user_id",
                   {purpose_name(purpose), db::bytea(crypto::sha256(token)), email})
                 .optional_row();
  if (!row) return std::nullopt;
  return row->integer(0);
}

}  // namespace t2o
