#include "crypto/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <stdexcept>

namespace t2o::crypto {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// OpenSSL wants a non-null pointer even for zero-length input.
const unsigned char* bytes_of(std::string_view s) {
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

std::string encode_base64(std::string_view raw, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((raw.size() + 2) / 3 * 4);
  std::size_t i = 0;
  // Whole 3-byte groups become 4 characters.
  for (; i + 3 <= raw.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(raw[i]) << 16) |
                       (static_cast<unsigned char>(raw[i + 1]) << 8) |
                       static_cast<unsigned char>(raw[i + 2]);
    out += alphabet[(v >> 18) & 0x3F];
    out += alphabet[(v >> 12) & 0x3F];
    out += alphabet[(v >> 6) & 0x3F];
    out += alphabet[v & 0x3F];
  }
  // The 1- or 2-byte tail.
  const std::size_t rest = raw.size() - i;
  if (rest == 0) return out;
  unsigned v = static_cast<unsigned char>(raw[i]) << 16;
  if (rest == 2) v |= static_cast<unsigned>(static_cast<unsigned char>(raw[i + 1])) << 8;
  out += alphabet[(v >> 18) & 0x3F];
  out += alphabet[(v >> 12) & 0x3F];
  if (rest == 2) out += alphabet[(v >> 6) & 0x3F];
  if (pad) out.append(rest == 1 ? 2 : 1, '=');
  return out;
}

// SHA-256 fetched from OpenSSL's provider once per process. EVP_sha256() would make
// OpenSSL 3 look it up (with locks) on every call: a tenth of a cached request's CPU.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!fetched) throw std::runtime_error("OpenSSL has no SHA-256");
    return fetched;
  }();
  return md;
}

}  // namespace

std::string sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes_of(data), data.size(), out, &len, sha256_md(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  if (key.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::invalid_argument("HMAC key too long");
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(sha256_md(), bytes_of(key), static_cast<int>(key.size()), bytes_of(data),
           data.size(), out, &len) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string to_hex(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    out += kHexDigits[b >> 4];
    out += kHexDigits[b & 0x0F];
  }
  return out;
}

std::string base64url_encode(std::string_view raw) {
  return encode_base64(raw, kBase64UrlAlphabet, /*pad=*/false);
}

std::string base64_encode(std::string_view raw) {
  return encode_base64(raw, kBase64Alphabet, /*pad=*/true);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Lengths are not secret (hashes and tokens have fixed sizes); the bytes are.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace t2o::crypto
