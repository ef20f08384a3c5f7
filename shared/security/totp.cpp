#include "security/totp.hpp"

#include <liboath/oath.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "util/text.hpp"

namespace t2o::totp {
namespace {

void ensure_oath() {
  static const bool ready = oath_init() == OATH_OK;
  if (!ready) throw std::runtime_error("liboath initialisation failed");
}

// liboath calls this for each candidate code; 0 means "match".
int constant_time_compare(void* presented, const char* candidate) {
  return crypto::constant_time_equal(static_cast<const char*>(presented), candidate) ? 0 : 1;
}

}  // namespace

std::string base32_encode(std::string_view raw) {
  ensure_oath();
  char* out = nullptr;
  size_t out_length = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &out_length) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string encoded(out, out_length);
  std::free(out);
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  return encoded;
}

std::optional<std::string> base32_decode(std::string_view encoded) {
  ensure_oath();
  std::string clean;
  for (char c : encoded) {
    if (c == ' ' || c == '=' || c == '-') continue;
    clean += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  while (clean.size() % 8 != 0) clean += '=';
  char* out = nullptr;
  size_t out_length = 0;
  if (clean.empty() || oath_base32_decode(clean.data(), clean.size(), &out, &out_length) != OATH_OK) {
    return std::nullopt;
  }
  std::string raw(out, out_length);
  std::free(out);
  return raw;
}

std::string new_secret_base32() { return base32_encode(crypto::random_bytes(kSecretBytes)); }

std::string code_at(std::string_view raw_secret, std::time_t now, unsigned digits) {
  ensure_oath();
  char output[16] = {};
  if (oath_totp_generate(raw_secret.data(), raw_secret.size(), now, kStepSeconds, 0, digits, output) != OATH_OK) {
    throw std::runtime_error("TOTP generation failed");
  }
  return output;
}

std::optional<std::uint64_t> matching_step(std::string_view raw_secret, std::string_view code, std::time_t now,
                                           unsigned digits) {
  ensure_oath();
  if (code.size() != digits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::string presented(code);
  int position = 0;
  uint64_t step = 0;
  const int result = oath_totp_validate3_callback(raw_secret.data(), raw_secret.size(), now, kStepSeconds, 0, digits,
                                                  1, &position, &step, constant_time_compare,
                                                  const_cast<char*>(presented.c_str()));
  if (result < 0) return std::nullopt;
  return step;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  const std::string encoded_issuer = text::url_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + text::url_encode(account) + "?secret=" +
         std::string(secret_base32) + "&issuer=" + encoded_issuer;
}

}  // namespace t2o::totp
