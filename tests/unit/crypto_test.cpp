// Unit tests for shared/crypto: digests, encodings, randomness and password hashing.
#include <gtest/gtest.h>
#include <sodium.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/digest.hpp"
#include "crypto/password.hpp"
#include "crypto/random.hpp"

namespace t2o::crypto {
namespace {

using namespace std::string_view_literals;

// ---- digests ---------------------------------------------------------------------------

TEST(CryptoDigest, Sha256KnownVectors) {
  EXPECT_EQ(to_hex(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abc").size(), 32u);
}

TEST(CryptoDigest, HmacSha256Rfc4231Case2) {
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoDigest, HmacSha256Rfc4231Case1) {
  const std::string key(20, '\x0b');
  EXPECT_EQ(to_hex(hmac_sha256(key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(CryptoDigest, HmacSha256EmptyKeyAndData) {
  EXPECT_EQ(to_hex(hmac_sha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

// ---- encodings -------------------------------------------------------------------------

TEST(CryptoEncoding, Hex) {
  EXPECT_EQ(to_hex(""), "");
  EXPECT_EQ(to_hex(std::string("\x00\x01\x7f\x80\xff", 5)), "00017f80ff");
  EXPECT_EQ(to_hex("\xde\xad\xbe\xef"), "deadbeef");
}

TEST(CryptoEncoding, Base64Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(CryptoEncoding, Base64UrlNoPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  // Bytes that hit characters 62 and 63 of the alphabet.
  EXPECT_EQ(base64_encode("\xfb\xff\xbf"), "+/+/");
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(base64url_encode("\xff\xff"), "__8");
}

TEST(CryptoCompare, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "secret!"));
  EXPECT_FALSE(constant_time_equal("secret", ""));
  EXPECT_FALSE(constant_time_equal("", "x"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

// ---- randomness ------------------------------------------------------------------------

TEST(CryptoRandom, BytesLength) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(1).size(), 1u);
  EXPECT_EQ(random_bytes(1000).size(), 1000u);
}

TEST(CryptoRandom, TokenLengthAlphabetUniqueness) {
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  EXPECT_EQ(random_token().size(), 43u);  // 32 bytes -> ceil(32*4/3) characters
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(3).size(), 4u);

  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(token.find_first_not_of(alphabet), std::string::npos) << token;
    EXPECT_TRUE(seen.insert(token).second) << "duplicate token";
  }
}

TEST(CryptoRandom, DigitsLengthAndCharset) {
  EXPECT_EQ(random_digits(0), "");
  for (std::size_t n : {1u, 6u, 8u, 100u}) {
    const std::string d = random_digits(n);
    EXPECT_EQ(d.size(), n);
    EXPECT_EQ(d.find_first_not_of("0123456789"), std::string::npos) << d;
  }
}

TEST(CryptoRandom, DigitsCoverAllValues) {
  // 10,000 digits: every digit should appear, roughly 1,000 times each.
  const std::string d = random_digits(10000);
  std::vector<int> counts(10, 0);
  for (const char c : d) ++counts[c - '0'];
  for (int i = 0; i < 10; ++i) {
    EXPECT_GT(counts[i], 800) << "digit " << i;
    EXPECT_LT(counts[i], 1200) << "digit " << i;
  }
}

// ---- argon2id --------------------------------------------------------------------------

TEST(CryptoPassword, Argon2idRoundTrip) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << "unexpected algorithm";

  const PasswordCheck right = verify_password("correct horse battery staple", hash);
  EXPECT_TRUE(right.matches);
  EXPECT_FALSE(right.needs_rehash);

  const PasswordCheck wrong = verify_password("correct horse battery stapl", hash);
  EXPECT_FALSE(wrong.matches);
  EXPECT_FALSE(wrong.needs_rehash);

  // Salted: the same password never hashes to the same string.
  EXPECT_NE(hash, hash_password("correct horse battery staple"));
}

TEST(CryptoPassword, Argon2idEmptyPassword) {
  const std::string hash = hash_password("");
  EXPECT_TRUE(verify_password("", hash).matches);
  EXPECT_FALSE(verify_password("x", hash).matches);
}

TEST(CryptoPassword, Argon2idWeakerParamsNeedRehash) {
  // A valid argon2id hash made with minimal cost parameters still verifies, but is flagged
  // for an upgrade to the interactive limits.
  ASSERT_GE(sodium_init(), 0);
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, "pw", 2, crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN),
            0);
  const PasswordCheck check = verify_password("pw", weak);
  EXPECT_TRUE(check.matches);
  EXPECT_TRUE(check.needs_rehash);
  EXPECT_FALSE(verify_password("pW", weak).matches);
}

TEST(CryptoPassword, Argon2idParametersAreBoundToTheHash) {
  // Editing t=2 into t=3 yields a different (valid-looking) hash that no longer verifies.
  std::string hash = hash_password("pw");
  const auto pos = hash.find(",t=2,");
  ASSERT_NE(pos, std::string::npos) << "interactive opslimit expected to be 2";
  hash.replace(pos, 5, ",t=3,");
  EXPECT_FALSE(verify_password("pw", hash).matches);
}

TEST(CryptoPassword, Argon2idHostileParametersRejected) {
  const std::string hash = hash_password("pw");
  // Same hash with m= raised to 4 GiB: must be refused, not attempted.
  std::string hostile = hash;
  const auto m = hostile.find("m=");
  const auto comma = hostile.find(',', m);
  ASSERT_NE(m, std::string::npos);
  hostile.replace(m, comma - m, "m=4194304");
  EXPECT_FALSE(verify_password("pw", hostile).matches);

  std::string many_passes = hash;
  const auto t = many_passes.find(",t=2,");
  ASSERT_NE(t, std::string::npos);
  many_passes.replace(t, 5, ",t=4294967295,");
  EXPECT_FALSE(verify_password("pw", many_passes).matches);
}

TEST(CryptoPassword, BurnPasswordCheckTimeDoesNotThrow) {
  EXPECT_NO_THROW(burn_password_check_time("anything"));
  EXPECT_NO_THROW(burn_password_check_time(""));
}

// ---- Werkzeug legacy hashes ------------------------------------------------------------
//
// Vectors produced with Debian 12's /usr/bin/python3 (3.11.2) following Werkzeug's
// algorithm (salt used as its UTF-8 bytes, hash written as lowercase hex):
//   hashlib.scrypt(b"correct horse", salt=b"SaltSalt12345678", n=2**14, r=8, p=1,
//                  maxmem=132*2**14*8*1, dklen=64).hex()
//   hashlib.scrypt(b"correct horse", salt=b"Tq8ZkP3mW1xYb7Lc", n=2**15, r=8, p=1,
//                  maxmem=132*2**15*8*1, dklen=64).hex()   (Werkzeug 3's default format)
//   hashlib.pbkdf2_hmac("sha256", b"correct horse", b"pbkdf2salt", 1000).hex()
//   hashlib.pbkdf2_hmac("sha512", b"correct horse", b"pbkdf2salt", 1000).hex()
//   hashlib.pbkdf2_hmac("sha256", b"correct horse", b"pbkdf2salt", 260000).hex()
// Cross-checked with werkzeug.security.check_password_hash (True for "correct horse",
// False for "correct horsf"): Werkzeug 3.1.8 accepts every scrypt hash here (including the
// bare "scrypt$" form) and the pbkdf2 ones with an explicit count; Debian's Werkzeug 2.2.2
// (no scrypt support) accepts all pbkdf2 ones, reading a missing count as its default 260000.
constexpr std::string_view kWerkzeugScrypt =
    "scrypt:16384:8:1$SaltSalt12345678$"
    "4ef0dff20e134308f38265f4ca51f59cf68e033ff09b0ddcc88534a2a7b172e0"
    "c3d9ccd292c588ae06c07b934d79490c35fb0aae0d9125c689b639fde350e8c1";
constexpr std::string_view kWerkzeugScryptDefault =
    "scrypt:32768:8:1$Tq8ZkP3mW1xYb7Lc$"
    "bfdab662ebc66e321d849033e02f69f2eda78289fb4637794f4ea29deb21ee57"
    "71dbe6e2d2e91a139575ec8132691bcb5728db8c5c34976fae38ab4a3729f418";
// Same hash; Werkzeug 3 reads a bare "scrypt" method as 32768:8:1.
constexpr std::string_view kWerkzeugScryptBare =
    "scrypt$Tq8ZkP3mW1xYb7Lc$"
    "bfdab662ebc66e321d849033e02f69f2eda78289fb4637794f4ea29deb21ee57"
    "71dbe6e2d2e91a139575ec8132691bcb5728db8c5c34976fae38ab4a3729f418";
constexpr std::string_view kWerkzeugPbkdf2Sha256 =
    "pbkdf2:sha256:1000$pbkdf2salt$"
    "51e28dcf938eabeeda56debf8330d49f0f88892fea06b961cd57f7bf48321277";
constexpr std::string_view kWerkzeugPbkdf2Sha512 =
    "pbkdf2:sha512:1000$pbkdf2salt$"
    "6312d61e5928e42ab870644d01530bb474ca3767ea2a96e2ab5e86df7d90ab68"
    "0177899fd15aee5660096250797a5fe6df2decdfa3e26c2a3c85d7805976df3a";
constexpr std::string_view kWerkzeugPbkdf2NoIterations =
    "pbkdf2:sha256$pbkdf2salt$"
    "5447ce98548b8eb280e3afd1c99c3b7cc0305c2cf8e147a7c11300b3f2618d2d";

void expect_legacy_vector(std::string_view stored) {
  const PasswordCheck right = verify_password("correct horse", stored);
  EXPECT_TRUE(right.matches) << stored;
  EXPECT_TRUE(right.needs_rehash) << stored;

  for (const char* wrong : {"correct horsf", "Correct horse", "correct horse ", ""}) {
    const PasswordCheck check = verify_password(wrong, stored);
    EXPECT_FALSE(check.matches) << stored << " / " << wrong;
    EXPECT_FALSE(check.needs_rehash) << stored << " / " << wrong;
  }
}

TEST(CryptoPassword, WerkzeugScrypt) { expect_legacy_vector(kWerkzeugScrypt); }
TEST(CryptoPassword, WerkzeugScryptDefaultParameters) {
  expect_legacy_vector(kWerkzeugScryptDefault);
  expect_legacy_vector(kWerkzeugScryptBare);
}
TEST(CryptoPassword, WerkzeugPbkdf2Sha256) { expect_legacy_vector(kWerkzeugPbkdf2Sha256); }
TEST(CryptoPassword, WerkzeugPbkdf2Sha512) { expect_legacy_vector(kWerkzeugPbkdf2Sha512); }
TEST(CryptoPassword, WerkzeugPbkdf2WithoutIterations) {
  expect_legacy_vector(kWerkzeugPbkdf2NoIterations);
}

TEST(CryptoPassword, WerkzeugTamperedHashDoesNotMatch) {
  std::string stored(kWerkzeugScrypt);
  stored.back() = stored.back() == '0' ? '1' : '0';
  EXPECT_FALSE(verify_password("correct horse", stored).matches);

  // Same hash with a different salt or a different parameter.
  std::string other_salt(kWerkzeugPbkdf2Sha256);
  other_salt.replace(other_salt.find("pbkdf2salt"), 10, "pbkdf2salu");
  EXPECT_FALSE(verify_password("correct horse", other_salt).matches);

  std::string other_iterations(kWerkzeugPbkdf2Sha256);
  other_iterations.replace(other_iterations.find(":1000$"), 6, ":1001$");
  EXPECT_FALSE(verify_password("correct horse", other_iterations).matches);

  // Werkzeug compares lowercase hex strings, so an uppercased hash never matched there.
  std::string upper(kWerkzeugPbkdf2Sha256);
  for (auto i = upper.rfind('$') + 1; i < upper.size(); ++i) {
    if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 32);
  }
  EXPECT_FALSE(verify_password("correct horse", upper).matches);
}

TEST(CryptoPassword, MalformedAndHostileHashesNeverMatch) {
  const std::string full_hex(128, '0');  // well-formed length, so parameter checks run
  const std::vector<std::string> hashes = {
      "scrypt:abc$x$y",
      "scrypt:3:8:1$s$00",
      "scrypt:1099511627776:8:1$s$00",
      "pbkdf2:sha256:99999999999$s$00",
      "pbkdf2:md5:1000$s$00",
      "$argon2id$garbage",
      "",
      "plain",
      // The same hostile parameters with a full-length hash.
      "scrypt:3:8:1$s$" + full_hex,
      "scrypt:1099511627776:8:1$s$" + full_hex,
      "scrypt:2097152:8:1$s$" + full_hex,  // 2 GiB of scrypt memory
      "scrypt:16384:1024:1$s$" + full_hex,
      "scrypt:16384:8:1000000$s$" + full_hex,
      "scrypt:0:8:1$s$" + full_hex,
      "scrypt:1:8:1$s$" + full_hex,
      "scrypt:16384:0:1$s$" + full_hex,
      "scrypt:16384:8:0$s$" + full_hex,
      "scrypt:-16384:8:1$s$" + full_hex,
      "scrypt:+16384:8:1$s$" + full_hex,
      "scrypt: 16384:8:1$s$" + full_hex,
      "scrypt:16384:8$s$" + full_hex,
      "scrypt:16384:8:1:1$s$" + full_hex,
      "scrypt:18446744073709551616:8:1$s$" + full_hex,
      "scrypt:16384:8:1$$" + full_hex,  // empty salt
      "scrypt:16384:8:1$s$" + full_hex.substr(1),  // odd hex length
      "scrypt:16384:8:1$s$" + std::string(126, '0') + "zz",  // non-hex
      "scrypt:16384:8:1$s$",  // no hash
      "scrypt:16384:8:1$s",   // no hash separator
      "scrypt:16384:8:1$s$" + std::string(100000, '0'),  // absurd output length
      "pbkdf2:sha256:99999999999$s$" + full_hex,
      "pbkdf2:sha256:10000001$s$" + full_hex,
      "pbkdf2:sha256:0$s$" + full_hex,
      "pbkdf2:sha256:-1$s$" + full_hex,
      "pbkdf2:sha256:$s$" + full_hex,
      "pbkdf2:sha256:1000:5$s$" + full_hex,
      "pbkdf2:md5:1000$s$" + full_hex,
      "pbkdf2:sha1:1000$s$" + full_hex,
      "pbkdf2:$s$" + full_hex,
      "pbkdf2:sha256:1000$$" + full_hex,
      "pbkdf2:sha256:1000$s$" + std::string(63, '0'),
      "pbkdf2$s$" + full_hex,
      "sha256$s$" + full_hex,
      "md5$$5f4dcc3b5aa765d61d8327deb882cf99",
      "$argon2id$",
      "$argon2id$v=19$m=65536,t=2,p=1$",
      "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$",
      "$argon2id$v=19$m=4294967295,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + std::string(43, 'A'),
      "$argon2id$v=19$m=65536,t=4294967295,p=1$c2FsdHNhbHRzYWx0c2FsdA$" +
          std::string(43, 'A'),
      "$argon2id$v=19$m=65536,t=2,p=255$c2FsdHNhbHRzYWx0c2FsdA$" + std::string(43, 'A'),
      "$argon2id$v=19$m=99999999999999999999,t=2,p=1$c2FsdA$AAAA",
      "$argon2id$" + std::string(1000, 'A'),
      std::string("$argon2id$v=19$m=65536,t=2,p=1$\0c2FsdA$AAAA"sv),
      "$argon2i$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + std::string(43, 'A'),
      "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
      "$$$",
      std::string(1, '\0'),
  };
  for (const std::string& stored : hashes) {
    for (const char* password : {"correct horse", "", "s"}) {
      PasswordCheck check{true, true};
      EXPECT_NO_THROW(check = verify_password(password, stored)) << stored.substr(0, 80);
      EXPECT_FALSE(check.matches) << stored.substr(0, 80);
      EXPECT_FALSE(check.needs_rehash) << stored.substr(0, 80);
    }
  }
}

}  // namespace
}  // namespace t2o::crypto
