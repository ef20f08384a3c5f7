#pragma once
// Single-use tokens for email verification, password reset and emailed login codes.
// Only their SHA-256 is stored; each is bound to the email it was sent to.
#include <ctime>
#include <optional>
#include <string>

#include "db/connection.hpp"

namespace t2o {

enum class TokenPurpose { VerifyEmail, ResetPassword, LoginCode };

const char* purpose_name(TokenPurpose purpose);

// Stores the hash of `token` (made by the caller: a random URL token or a 6-digit code).
void store_one_time_token(db::Transaction& tx, long long user_id, TokenPurpose purpose, const std::string& token,
                          const std::string& email, long long lifetime_seconds, std::time_t now = std::time(nullptr));

// Marks the token used and returns its user id when it exists, is unused, unexpired and
// (when `email` is given) was issued for that email, case-insensitively.
std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email = std::nullopt,
                                                std::time_t now = std::time(nullptr));

// Marks every unused token of this purpose for the user as used (a newer one replaces them).
void revoke_one_time_tokens(db::Transaction& tx, long long user_id, TokenPurpose purpose);

}  // namespace t2o
