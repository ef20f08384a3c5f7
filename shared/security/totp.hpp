#pragma once
// TOTP (RFC 6238: HMAC-SHA-1, 30-second steps) through liboath, with base32 secrets.
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace t2o::totp {

inline constexpr unsigned kStepSeconds = 30;
inline constexpr unsigned kDigits = 6;
inline constexpr std::size_t kSecretBytes = 20;  // 160 bits

std::string base32_encode(std::string_view raw);                     // RFC 4648, no padding
std::optional<std::string> base32_decode(std::string_view encoded);  // accepts lower case, padding, spaces

// A new random secret, base32-encoded.
std::string new_secret_base32();

// The code for `now` (digits 6 or 8).
std::string code_at(std::string_view raw_secret, std::time_t now, unsigned digits = kDigits);

// The time step the code belongs to when it is valid within ±1 step of `now`; compared
// in constant time. Callers refuse a step at or before the last one they accepted.
std::optional<std::uint64_t> matching_step(std::string_view raw_secret, std::string_view code, std::time_t now,
                                           unsigned digits = kDigits);

// otpauth://totp/ISSUER:LABEL?secret=...&issuer=ISSUER
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace t2o::totp
