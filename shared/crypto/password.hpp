#pragma once
// Password hashing: argon2id through libsodium for new hashes; Werkzeug's
// `scrypt:N:r:p$salt$hex` and `pbkdf2:sha256:N$salt$hex` verified for databases carried
// over from the original Flask app.
#include <cstdint>
#include <string>
#include <string_view>

namespace t2o::crypto {

struct PasswordCheck {
  bool matches = false;
  bool needs_rehash = false;  // true when it matched a legacy or weaker hash
};

// The most work a stored hash may ask of verify_password. The database is not fully
// trusted (a corrupted or planted row must not make one login burn seconds of CPU or
// gigabytes of memory), so a hash asking for more is refused, without being computed, as
// not matching.
struct HashCostLimits {
  std::uint64_t pbkdf2_iterations;
  std::uint64_t scrypt_work;          // N*r*p
  std::uint64_t scrypt_memory_bytes;  // 128*r*(N+p+2), as OpenSSL counts it
  std::uint64_t argon2_memory_kib;
  std::uint64_t argon2_passes;
};

// A small multiple of what real hashes ask for. Werkzeug's defaults: pbkdf2 600,000
// iterations (3.0) and 1,000,000 (3.1); scrypt N=32768, r=8, p=1, i.e. N*r*p = 2^18 and
// 32 MiB. Ours: argon2id at 64 MiB and 2 passes (libsodium's "moderate" is 256 MiB, 3).
inline constexpr HashCostLimits kStoredHashLimits{
    .pbkdf2_iterations = 2'000'000,
    .scrypt_work = std::uint64_t{1} << 20,
    .scrypt_memory_bytes = std::uint64_t{128} << 20,
    .argon2_memory_kib = 256 * 1024,
    .argon2_passes = 4,
};

// argon2id (crypto_pwhash_str at libsodium's interactive limits: 64 MiB, 2 passes).
std::string hash_password(std::string_view password);

// Never throws on a malformed stored hash: it simply does not match. `limits` is there for
// the fuzz target, which keeps derivations cheap so it spends its time on the parsing.
PasswordCheck verify_password(std::string_view password, std::string_view stored_hash,
                              const HashCostLimits& limits = kStoredHashLimits);

// Runs a full argon2id verification against a fixed dummy hash, so that "unknown user"
// costs the same time as "wrong password".
void burn_password_check_time(std::string_view password);

}  // namespace t2o::crypto
