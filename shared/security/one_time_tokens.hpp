#pragma once
// Single-use tokens for email verification, password reset and emailed login codes.
// Only their SHA-256 is stored; each is bound to the email it was sent to.
#include <optional>
#include <string>

#include "db/connection.hpp"

namespace t2o {

enum class TokenPurpose { VerifyEmail, ResetPassword, LoginCode };

const char* purpose_name(TokenPurpose purpose);

// Stores the hash of `token` (made by the caller: a random URL token or a 6-digit code).
void store_one_time_token(db::Transaction& tx, long long user_id, TokenPurpose purpose, const std::string& token,
                          const std::string& email, long long lifetime_seconds);

// Marks the token used and returns its user id when it exists, is unused, unexpired and
// (when `email` is given) was issued for that email, case-insensitively.
std::optional<long long> consume_one_time_token(db::Transaction& tx, TokenPurpose purpose, const std::string& token,
                                                const std::optional<std::string>& email = std::nullopt);

}  // namespace t2o
