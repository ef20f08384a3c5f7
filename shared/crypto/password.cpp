#include "crypto/password.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <charconv>
#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>

#include "crypto/digest.hpp"
#include "crypto/random.hpp"

namespace t2o::crypto {
namespace {

static_assert(crypto_pwhash_ALG_DEFAULT == crypto_pwhash_ALG_ARGON2ID13,
              "crypto_pwhash_str must produce argon2id hashes");

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// Bounds on single parameters read from a stored hash, whatever the cost limits say: they
// keep the products computed from them far from overflow. The cost itself is bounded by
// HashCostLimits (password.hpp).
constexpr std::uint64_t kArgon2MaxLanes = 16;
constexpr std::uint64_t kScryptMaxN = std::uint64_t{1} << 20;
constexpr std::uint64_t kScryptMaxR = 32;
constexpr std::uint64_t kScryptMaxP = 16;

// Werkzeug 3 reads a bare "scrypt$salt$hash" as these parameters.
constexpr std::uint64_t kScryptDefaultN = 32768, kScryptDefaultR = 8, kScryptDefaultP = 1;

// Werkzeug 2.x default; it always wrote the count out, so this only covers hand-made rows.
constexpr std::uint64_t kPbkdf2LegacyDefaultIterations = 260'000;

// Werkzeug writes 64 bytes (scrypt, pbkdf2:sha512) or 32 (pbkdf2:sha256). Shorter outputs
// would be trivially guessable, longer ones only cost time.
constexpr std::size_t kMinDerivedBytes = 16;
constexpr std::size_t kMaxDerivedBytes = 128;
constexpr std::size_t kMaxSaltBytes = 1024;

bool sodium_ready() {
  // sodium_init() is idempotent; the static makes the check itself thread-safe and cheap.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Libraries below want a valid pointer even for an empty password.
const char* chars_of(std::string_view s) { return s.empty() ? "" : s.data(); }
const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(chars_of(s));
}

// Plain decimal only: no sign, no spaces, no overflow.
std::optional<std::uint64_t> parse_u64(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

bool is_power_of_two(std::uint64_t v) { return v >= 2 && (v & (v - 1)) == 0; }

bool is_lower_hex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// ---- argon2id ------------------------------------------------------------------------

// Reads "key=<decimal>" from the front of `s`.
std::optional<std::uint64_t> take_param(std::string_view& s, std::string_view key) {
  if (!s.starts_with(key) || s.size() <= key.size() || s[key.size()] != '=') {
    return std::nullopt;
  }
  s.remove_prefix(key.size() + 1);
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  const auto value = parse_u64(s.substr(0, n));
  s.remove_prefix(n);
  return value;
}

bool take_char(std::string_view& s, char c) {
  if (!s.starts_with(c)) return false;
  s.remove_prefix(1);
  return true;
}

// libsodium would happily allocate whatever m= says, so check the cost parameters of
// "$argon2id$[v=19$]m=65536,t=2,p=1$salt$hash" before handing it over.
bool argon2id_params_acceptable(std::string_view stored, const HashCostLimits& limits) {
  std::string_view rest = stored.substr(kArgon2idPrefix.size());
  if (rest.starts_with("v=")) {
    if (!take_param(rest, "v") || !take_char(rest, '$')) return false;
  }
  const auto m = take_param(rest, "m");
  if (!m || !take_char(rest, ',')) return false;
  const auto t = take_param(rest, "t");
  if (!t || !take_char(rest, ',')) return false;
  const auto p = take_param(rest, "p");
  if (!p || !take_char(rest, '$')) return false;
  return *m <= limits.argon2_memory_kib && *t <= limits.argon2_passes && *p <= kArgon2MaxLanes;
}

PasswordCheck verify_argon2id(std::string_view password, std::string_view stored,
                              const HashCostLimits& limits) {
  if (!sodium_ready()) return {};
  // libsodium takes a NUL-terminated string in a crypto_pwhash_STRBYTES buffer.
  if (stored.size() >= crypto_pwhash_STRBYTES || stored.find('\0') != std::string_view::npos) {
    return {};
  }
  if (!argon2id_params_acceptable(stored, limits)) return {};
  char buffer[crypto_pwhash_STRBYTES] = {};
  std::memcpy(buffer, stored.data(), stored.size());

  if (crypto_pwhash_str_verify(buffer, chars_of(password), password.size()) != 0) return {};
  const bool stale = crypto_pwhash_str_needs_rehash(buffer, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
  return {true, stale};
}

// ---- Werkzeug legacy hashes ------------------------------------------------------------

// "method$salt$hexhash". The salt is used as raw bytes, exactly as Werkzeug does.
struct LegacyHash {
  std::vector<std::string_view> method;  // split on ':'
  std::string_view salt;
  std::string_view hex;
};

std::optional<LegacyHash> parse_legacy(std::string_view stored) {
  const auto first = stored.find('$');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = stored.find('$', first + 1);
  if (second == std::string_view::npos) return std::nullopt;

  LegacyHash h{split(stored.substr(0, first), ':'), stored.substr(first + 1, second - first - 1),
               stored.substr(second + 1)};
  if (h.salt.empty() || h.salt.size() > kMaxSaltBytes) return std::nullopt;
  // Werkzeug writes lowercase hex and compares the hex strings, so uppercase never matched.
  if (h.hex.size() % 2 != 0 || !is_lower_hex(h.hex)) return std::nullopt;
  const std::size_t length = h.hex.size() / 2;
  if (length < kMinDerivedBytes || length > kMaxDerivedBytes) return std::nullopt;
  return h;
}

// Constant-time comparison of derived bytes against the stored hex.
bool derived_matches(const std::vector<unsigned char>& derived, std::string_view hex) {
  const std::string raw(reinterpret_cast<const char*>(derived.data()), derived.size());
  return constant_time_equal(to_hex(raw), hex);
}

bool verify_scrypt(std::string_view password, const LegacyHash& h, const HashCostLimits& limits) {
  std::uint64_t n = kScryptDefaultN, r = kScryptDefaultR, p = kScryptDefaultP;
  if (h.method.size() == 4) {
    const auto pn = parse_u64(h.method[1]), pr = parse_u64(h.method[2]),
               pp = parse_u64(h.method[3]);
    if (!pn || !pr || !pp) return false;
    n = *pn, r = *pr, p = *pp;
  } else if (h.method.size() != 1) {
    return false;
  }
  // Each bound keeps the products below far from overflow.
  if (!is_power_of_two(n) || n > kScryptMaxN) return false;
  if (r < 1 || r > kScryptMaxR || p < 1 || p > kScryptMaxP) return false;
  if (n * r * p > limits.scrypt_work) return false;
  // OpenSSL's own accounting: 128*r*p for B plus 128*r*(N+2) for V.
  const std::uint64_t memory = 128 * r * (n + p + 2);
  if (memory > limits.scrypt_memory_bytes) return false;
  if (password.size() > static_cast<std::size_t>(INT_MAX)) return false;

  std::vector<unsigned char> derived(h.hex.size() / 2);
  if (EVP_PBE_scrypt(chars_of(password), password.size(), bytes_of(h.salt), h.salt.size(), n, r,
                     p, limits.scrypt_memory_bytes, derived.data(), derived.size()) != 1) {
    return false;
  }
  return derived_matches(derived, h.hex);
}

bool verify_pbkdf2(std::string_view password, const LegacyHash& h, const HashCostLimits& limits) {
  if (h.method.size() != 2 && h.method.size() != 3) return false;
  const EVP_MD* md = nullptr;
  if (h.method[1] == "sha256") {
    md = EVP_sha256();
  } else if (h.method[1] == "sha512") {
    md = EVP_sha512();
  } else {
    return false;
  }
  std::uint64_t iterations = kPbkdf2LegacyDefaultIterations;
  if (h.method.size() == 3) {
    const auto parsed = parse_u64(h.method[2]);
    if (!parsed) return false;
    iterations = *parsed;
  }
  // The cast to int below is safe while the cap is; a cap raised past INT_MAX is not.
  if (iterations < 1 || iterations > limits.pbkdf2_iterations || iterations > INT_MAX) return false;
  if (password.size() > static_cast<std::size_t>(INT_MAX)) return false;

  std::vector<unsigned char> derived(h.hex.size() / 2);
  if (PKCS5_PBKDF2_HMAC(chars_of(password), static_cast<int>(password.size()), bytes_of(h.salt),
                        static_cast<int>(h.salt.size()), static_cast<int>(iterations), md,
                        static_cast<int>(derived.size()), derived.data()) != 1) {
    return false;
  }
  return derived_matches(derived, h.hex);
}

PasswordCheck verify_legacy(std::string_view password, std::string_view stored,
                            const HashCostLimits& limits) {
  const auto h = parse_legacy(stored);
  if (!h) return {};
  bool ok = false;
  if (h->method[0] == "scrypt") {
    ok = verify_scrypt(password, *h, limits);
  } else if (h->method[0] == "pbkdf2") {
    ok = verify_pbkdf2(password, *h, limits);
  }
  // Any legacy match is upgraded to argon2id by the caller.
  return {ok, ok};
}

}  // namespace

std::string hash_password(std::string_view password) {
  if (!sodium_ready()) throw std::runtime_error("libsodium initialisation failed");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, chars_of(password), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory?)");
  }
  return std::string(out);
}

PasswordCheck verify_password(std::string_view password, std::string_view stored_hash,
                              const HashCostLimits& limits) {
  try {
    if (stored_hash.starts_with(kArgon2idPrefix)) return verify_argon2id(password, stored_hash, limits);
    if (stored_hash.starts_with("scrypt:") || stored_hash.starts_with("scrypt$") ||
        stored_hash.starts_with("pbkdf2:")) {
      return verify_legacy(password, stored_hash, limits);
    }
  } catch (...) {
    // Only allocation can throw here; a failed check is the safe answer.
  }
  return {};
}

void burn_password_check_time(std::string_view password) {
  try {
    // Hash of a random password nobody knows, computed on first use.
    static const std::string dummy = hash_password(random_token(16));
    static_cast<void>(verify_password(password, dummy));
  } catch (...) {
    // Timing padding only; never worth failing a request over.
  }
}

}  // namespace t2o::crypto
