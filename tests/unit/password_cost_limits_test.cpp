// Unit tests for the cost limits on stored password hashes (crypto/password.hpp): a row
// asking for absurd work is refused at once as not matching, while the hashes Werkzeug
// and we really write still verify. Timings are not asserted: a hash that is not refused
// would show as a very slow test, the refusals below by hashes that are right but refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/password.hpp"

namespace t2o::crypto {
namespace {

constexpr std::string_view kPassword = "correct horse";

// Made with Werkzeug 3.1.8's generate_password_hash / hashlib (Debian 12's Python 3.11),
// all for "correct horse" and checked with werkzeug.security.check_password_hash.
// Werkzeug 3.1's defaults: pbkdf2:sha256 at 1,000,000 iterations, and scrypt 32768:8:1.
constexpr std::string_view kWerkzeug31Pbkdf2 =
    "pbkdf2:sha256:1000000$QYZLNSUsQ2LkdDLF$"
    "567ef44d4cd11d7e4a3518e7878bd22dbc61e12d14b23f95cae3b07335e14dc6";
constexpr std::string_view kWerkzeug31Scrypt =
    "scrypt:32768:8:1$hzlTBIyYZPDfExYs$"
    "7f06c6b6a31c4ac484674f32f7fa1cb26d4f8c4266ec4a222b789ac04310d48c"
    "82e61e88e64e04f85cf846126144db37a85692173f30f2964cc064ed4610347e";
// Werkzeug 3.0's pbkdf2 default, 600,000 iterations.
constexpr std::string_view kWerkzeug30Pbkdf2 =
    "pbkdf2:sha256:600000$Werkzeug30Salt12$"
    "d7a5b4e6a1a02cc13817ea5aca7354610f8c9111952aee138f5356ab0013ae5a";
// Correct hashes just past the limits: they would match if they were computed.
constexpr std::string_view kPbkdf2OverIterations =  // 2,000,001 iterations
    "pbkdf2:sha256:2000001$OverTheCapSalt01$"
    "ac7f1d54a6e10f4539041b1fa0f3ad9f41a9270d32c9481633b2492961ae4641";
constexpr std::string_view kScryptOverWork =  // N*r*p = 2^21, 64 MiB
    "scrypt:65536:8:4$OverTheCapSalt02$"
    "b231f768c631142a2fd4bc93b7b9f0690ff38f2c5c2222c0d6525342bc21820f"
    "e00d9d1378ffaf8d2f68ea2c602cc08a1b1863c3b2444d9f760fda3c4fdeacdd";
constexpr std::string_view kScryptOverMemory =  // N*r*p = 2^20, 128 MiB and a little more
    "scrypt:131072:8:1$OverTheCapSalt03$"
    "651590ddf115ad8d220cd0311ee610291a84dc4e88f087a2b021211b5cc453df"
    "a8aa545c406474161abea6bba31c5c2c7cdfffadeab73ff67faf5575e37c7e0d";
// pbkdf2:sha256:1000 (tests/unit/crypto_test.cpp's vector), for limits set around it.
constexpr std::string_view kPbkdf2Thousand =
    "pbkdf2:sha256:1000$pbkdf2salt$"
    "51e28dcf938eabeeda56debf8330d49f0f88892fea06b961cd57f7bf48321277";

void expect_refused(std::string_view stored) {
  const PasswordCheck check = verify_password(kPassword, stored);
  EXPECT_FALSE(check.matches) << stored;
  EXPECT_FALSE(check.needs_rehash) << stored;
}

TEST(PasswordCostLimits, WerkzeugDefaultHashesStillVerify) {
  for (const std::string_view stored : {kWerkzeug31Pbkdf2, kWerkzeug31Scrypt, kWerkzeug30Pbkdf2}) {
    const PasswordCheck right = verify_password(kPassword, stored);
    EXPECT_TRUE(right.matches) << stored;
    EXPECT_TRUE(right.needs_rehash) << stored;
    EXPECT_FALSE(verify_password("correct horsf", stored).matches) << stored;
  }
}

TEST(PasswordCostLimits, OurArgon2idHashStillVerifies) {
  const std::string stored = hash_password("pw");
  EXPECT_TRUE(verify_password("pw", stored).matches);
}

TEST(PasswordCostLimits, CorrectHashesPastTheLimitsAreRefused) {
  expect_refused(kPbkdf2OverIterations);
  expect_refused(kScryptOverWork);
  expect_refused(kScryptOverMemory);
}

TEST(PasswordCostLimits, AbsurdPbkdf2IterationsAreRefused) {
  const std::string hex(64, '0');
  for (const char* iterations : {"1000000000000", "2147483648", "4294967296", "9223372036854775807",
                                 "18446744073709551615", "18446744073709551616"}) {
    expect_refused("pbkdf2:sha256:" + std::string(iterations) + "$salt$" + hex);
    expect_refused("pbkdf2:sha512:" + std::string(iterations) + "$salt$" + hex + hex);
  }
}

TEST(PasswordCostLimits, AbsurdScryptParametersAreRefused) {
  const std::string hex(128, '0');
  for (const char* parameters : {
           "1099511627776:8:1",     // N = 2^40
           "1048576:8:1",           // N = 2^20: 1 GiB
           "2097152:1:1",           // N = 2^21, above any N we take
           "32768:4294967296:1",    // r huge
           "32768:8:4294967296",    // p huge
           "32768:32:16",           // each within bounds, N*r*p = 2^24
           "1000:8:1",              // N not a power of two
           "32767:8:1",
           "32769:8:1",
           "9223372036854775808:8:1",
           "18446744073709551615:18446744073709551615:18446744073709551615",
       }) {
    expect_refused("scrypt:" + std::string(parameters) + "$salt$" + hex);
  }
}

TEST(PasswordCostLimits, AbsurdArgon2idParametersAreRefused) {
  const std::string stored = hash_password("pw");  // m=65536,t=2,p=1
  const auto cost = stored.find("m=65536,t=2,p=1");
  ASSERT_NE(cost, std::string::npos);
  for (const char* parameters : {"m=4194304,t=2,p=1", "m=65536,t=5,p=1", "m=65536,t=4294967295,p=1",
                                 "m=65536,t=2,p=4294967295"}) {
    std::string hostile = stored;
    hostile.replace(cost, std::string_view("m=65536,t=2,p=1").size(), parameters);
    const PasswordCheck check = verify_password("pw", hostile);
    EXPECT_FALSE(check.matches) << hostile;
    EXPECT_FALSE(check.needs_rehash) << hostile;
  }
}

TEST(PasswordCostLimits, TheLimitIsInclusive) {
  HashCostLimits limits = kStoredHashLimits;
  limits.pbkdf2_iterations = 1000;
  EXPECT_TRUE(verify_password(kPassword, kPbkdf2Thousand, limits).matches);
  limits.pbkdf2_iterations = 999;
  EXPECT_FALSE(verify_password(kPassword, kPbkdf2Thousand, limits).matches);
}

TEST(PasswordCostLimits, TighterLimitsRefuseWhatTheDefaultsAccept) {
  HashCostLimits limits = kStoredHashLimits;
  limits.scrypt_work = (std::uint64_t{1} << 18) - 1;  // just under 32768*8*1
  EXPECT_FALSE(verify_password(kPassword, kWerkzeug31Scrypt, limits).matches);
  limits = kStoredHashLimits;
  limits.scrypt_memory_bytes = std::uint64_t{32} << 20;  // 32 MiB: 128*8*(32768+3) is a little more
  EXPECT_FALSE(verify_password(kPassword, kWerkzeug31Scrypt, limits).matches);

  const std::string ours = hash_password("pw");
  limits = kStoredHashLimits;
  limits.argon2_passes = 1;
  EXPECT_FALSE(verify_password("pw", ours, limits).matches);
  limits = kStoredHashLimits;
  limits.argon2_memory_kib = 65535;
  EXPECT_FALSE(verify_password("pw", ours, limits).matches);
}

}  // namespace
}  // namespace t2o::crypto
