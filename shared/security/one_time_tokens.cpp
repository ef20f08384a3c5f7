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
                          const std::string& email, long long lifetime_seconds, std::time_t now) {
  tx.exec(
      "INSERT INTO one_time_tokens (user_id, purpose, token_hash, email, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, to_timestamp($5), to_timestamp($5) + make_interval(secs => $6))",
      {user_id, purpose_name(purpose), db::bytea(crypto::sha256(token)), email, static_cast<long long>(now),
       lifetime_seconds});
}

std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email, std::time_t now) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  // The lookup is by hash through a unique index, so its timing reveals nothing useful.
  auto row = tx.exec(
                   "UPDATE one_time_tokens SET used_at = to_timestamp($4) "
                   "WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > to_timestamp($4) "
                   "AND ($3::text IS NULL OR lower(email) = lower($3)) "
                   "RETURNING user_id",
                   {purpose_name(purpose), db::bytea(crypto::sha256(token)), email, static_cast<long long>(now)})
                 .optional_row();
  if (!row) return std::nullopt;
  return row->integer(0);
}

}  // namespace t2o

namespace t2o {

void revoke_one_time_tokens(db::Transaction& tx, long long user_id, TokenPurpose purpose) {
  tx.exec("UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
          {user_id, purpose_name(purpose)});
}

}  // namespace t2o
