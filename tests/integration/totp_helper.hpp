#pragma once
// Test-side TOTP (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits) and RFC 4648 base32,
// written independently of the handlers' shared/security/totp so the integration tests
// check the server against the RFC rather than against itself. Also parses otpauth:// URIs.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace t2o::it::totp {

inline constexpr std::time_t kStepSeconds = 30;

// RFC 4648 base32 (upper or lower case, optional '=' padding). nullopt on any other
// character or on non-zero trailing bits.
inline std::optional<std::string> base32_decode(std::string_view encoded) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : encoded) {
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;  // data after padding
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a';
    } else if (c >= '2' && c <= '7') {
      value = c - '2' + 26;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xffu));
    }
    buffer &= (1u << bits) - 1u;
  }
  if (buffer != 0) return std::nullopt;  // leftover bits must be zero
  return out;
}

// RFC 4226 HOTP with HMAC-SHA-1.
inline std::string hotp(const std::string& key, std::uint64_t counter, int digits = 6) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xffu);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message, sizeof message, mac, &mac_length) ==
          nullptr ||
      mac_length < 20) {
    return {};
  }
  const unsigned offset = mac[mac_length - 1] & 0x0fu;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7fu) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  char text[16];
  std::snprintf(text, sizeof text, "%0*u", digits, static_cast<unsigned>(binary % modulus));
  return text;
}

inline std::uint64_t step_of(std::time_t t) { return static_cast<std::uint64_t>(t / kStepSeconds); }

// The TOTP code of raw key `key` for time step `step`.
inline std::string code_for_step(const std::string& key, std::uint64_t step, int digits = 6) {
  return hotp(key, step, digits);
}

// The TOTP code of raw key `key` at Unix time `t`.
inline std::string code_at(const std::string& key, std::time_t t, int digits = 6) {
  return hotp(key, step_of(t), digits);
}

// A 6-digit code that is NOT valid for `key` at any step within ±2 of `t`.
inline std::string wrong_code(const std::string& key, std::time_t t) {
  for (unsigned candidate = 0; candidate < 1000000; candidate += 111111) {
    char text[8];
    std::snprintf(text, sizeof text, "%06u", candidate);
    bool valid = false;
    for (int delta = -2; delta <= 2; ++delta) valid = valid || code_at(key, t + delta * kStepSeconds) == text;
    if (!valid) return text;
  }
  return "999999";  // unreachable in practice: 10 candidates vs 5 codes
}

inline std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(s[i + 1]);
      const int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// otpauth://TYPE/LABEL?k=v&k=v (Google Authenticator key URI format), decoded.
struct OtpauthUri {
  std::string type;    // "totp"
  std::string label;   // percent-decoded, e.g. "T2Overse:ada@example.com"
  std::map<std::string, std::string> params;  // percent-decoded values
};

inline std::optional<OtpauthUri> parse_otpauth_uri(std::string_view uri) {
  constexpr std::string_view kScheme = "otpauth://";
  if (uri.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  uri.remove_prefix(kScheme.size());
  const auto slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  OtpauthUri parsed;
  parsed.type = std::string(uri.substr(0, slash));
  uri.remove_prefix(slash + 1);
  const auto question = uri.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  parsed.label = percent_decode(uri.substr(0, question));
  std::string_view query = uri.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    if (!parsed.params.emplace(std::string(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1))).second) {
      return std::nullopt;  // duplicate parameter
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return parsed;
}

}  // namespace t2o::it::totp
