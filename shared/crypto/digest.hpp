#pragma once
// Hashes, MACs, encodings and constant-time comparison.
#include <string>
#include <string_view>

namespace t2o::crypto {

std::string sha256(std::string_view data);                           // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data); // 32 raw bytes

std::string to_hex(std::string_view raw);
std::string base64url_encode(std::string_view raw);  // no padding
std::string base64_encode(std::string_view raw);     // standard, padded

// Equal length and equal bytes, in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace t2o::crypto
