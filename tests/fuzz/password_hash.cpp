// Stored password hashes: verify_password on Werkzeug's "pbkdf2:sha256:N$salt$hex" and
// "scrypt:N:r:p$salt$hex" and our "$argon2id$..." strings. Input: the password, a newline,
// then the stored hash. It must never throw or crash, and only a match asks for a rehash.
#include "crypto/password.hpp"
#include "fuzz_input.hpp"

namespace {

// Far below the real limits (crypto/password.hpp): a derivation at Werkzeug's default cost
// takes ~100 ms, which would leave the fuzzer no time for the parsing it is here to test.
// The seeds are made at these costs so that they can still match.
constexpr t2o::crypto::HashCostLimits kFuzzLimits{
    .pbkdf2_iterations = 16,
    .scrypt_work = 64,
    .scrypt_memory_bytes = 64 * 1024,
    .argon2_memory_kib = 16,
    .argon2_passes = 1,
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [password, stored] = t2o::fuzz::split_first_line(t2o::fuzz::as_text(data, size));
  const t2o::crypto::PasswordCheck check = t2o::crypto::verify_password(password, stored, kFuzzLimits);
  t2o::fuzz::require(check.matches || !check.needs_rehash, "only a match asks for a rehash");
  return 0;
}
