#pragma once
// Single-use tokens for email verification, password reset and emailed login codes.
// Only their SHA-256 is stored; each is bound to the email it was sent to.
#include <ctime>
#include <optional>
#include <string>

#include "db/connection.hpp"

namespace t2o {

enum class TokenPurpose { VerifyEmail, ResetPassword, LoginCode };

// How long each kind stays valid (API.md: links 1 hour, emailed login codes 10 minutes).
inline constexpr long long kVerifyEmailLifetimeSeconds = 60 * 60;
inline constexpr long long kResetPasswordLifetimeSeconds = 60 * 60;
inline constexpr long long kLoginCodeLifetimeSeconds = 10 * 60;
long long lifetime_seconds(TokenPurpose purpose);

const char* purpose_name(TokenPurpose purpose);

// Stores the hash of `token` (made by the caller: a random URL token or a 6-digit code),
// valid for lifetime_seconds(purpose) from `now`, and drops the user's used and expired
// tokens of that purpose, so the table holds only what can still be used.
void store_one_time_token(db::Transaction& tx, long long user_id, TokenPurpose purpose, const std::string& token,
                          const std::string& email, std::time_t now = std::time(nullptr));

// Marks a link token (VerifyEmail, ResetPassword) used and returns its user id when it
// exists, is unused, unexpired and (when `email` is given) was issued for that email,
// case-insensitively. Link tokens are unique across all users.
std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email = std::nullopt,
                                                std::time_t now = std::time(nullptr));

// Marks the user's live emailed login code used when `code` is it. Codes are six digits,
// so they are only unique per user: the lookup is always by user.
bool consume_login_code(db::Transaction& tx, long long user_id, const std::string& code,
                        std::time_t now = std::time(nullptr));

// Marks every unused token of this purpose for the user as used (a newer one replaces them).
void revoke_one_time_tokens(db::Transaction& tx, long long user_id, TokenPurpose purpose);

}  // namespace t2o
