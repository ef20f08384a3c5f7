#pragma once
// Password hashing: argon2id through libsodium for new hashes; Werkzeug's
// `scrypt:N:r:p$salt$hex` and `pbkdf2:sha256:N$salt$hex` verified for databases carried
// over from the original Flask app.
#include <string>
#include <string_view>

namespace t2o::crypto {

struct PasswordCheck {
  bool matches = false;
  bool needs_rehash = false;  // true when it matched a legacy or weaker hash
};

// argon2id (crypto_pwhash_str at libsodium's interactive limits: 64 MiB, 2 passes).
std::string hash_password(std::string_view password);

// Never throws on a malformed stored hash: it simply does not match.
PasswordCheck verify_password(std::string_view password, std::string_view stored_hash);

// Runs a full argon2id verification against a fixed dummy hash, so that "unknown user"
// costs the same time as "wrong password".
void burn_password_check_time(std::string_view password);

}  // namespace t2o::crypto
