#pragma once
// Cryptographically secure randomness (OpenSSL RAND_bytes).
#include <cstddef>
#include <string>

namespace t2o::crypto {

// `byte_count` random bytes, raw.
std::string random_bytes(std::size_t byte_count);
// `byte_count` random bytes, base64url without padding (cookie- and URL-safe).
std::string random_token(std::size_t byte_count = 32);
// A uniformly random string of `digits` decimal digits (no modulo bias).
std::string random_digits(std::size_t digits);

}  // namespace t2o::crypto
