// TOTP through liboath: RFC 6238 Appendix B (SHA-1 rows), base32, window edges.
#include <gtest/gtest.h>

#include "security/totp.hpp"

namespace t2o::totp {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1 seed

TEST(Totp, MatchesRfc6238AppendixBSha1Vectors) {
  const struct {
    std::time_t time;
    const char* code;
  } vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& vector : vectors) {
    EXPECT_EQ(code_at(kRfcSecret, vector.time, 8), vector.code) << "T=" << vector.time;
    EXPECT_EQ(matching_step(kRfcSecret, vector.code, vector.time, 8), static_cast<std::uint64_t>(vector.time / 30));
  }
}

TEST(Totp, SixDigitCodeIsTheLastSixOfTheEightDigitOne) {
  // Dynamic truncation takes the number mod 10^digits.
  EXPECT_EQ(code_at(kRfcSecret, 59, 6), "287082");
}

TEST(Totp, Base32RoundTripsAndAcceptsHumanFormatting) {
  for (std::size_t length = 0; length <= 25; ++length) {
    std::string raw;
    for (std::size_t i = 0; i < length; ++i) raw += static_cast<char>(i * 37 + 11);
    if (raw.empty()) continue;
    const std::string encoded = base32_encode(raw);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    EXPECT_EQ(base32_decode(encoded), raw) << encoded;
  }
  EXPECT_EQ(base32_encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), "12345678901234567890");
  EXPECT_FALSE(base32_decode("not base32 1!"));
  EXPECT_FALSE(base32_decode(""));
}

TEST(Totp, NewSecretsAre160BitsAndDiffer) {
  const std::string first = new_secret_base32();
  EXPECT_EQ(base32_decode(first)->size(), kSecretBytes);
  EXPECT_NE(first, new_secret_base32());
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
  const std::time_t now = 1700000000;  // a step boundary is irrelevant: steps are compared
  const std::uint64_t step = now / 30;
  EXPECT_EQ(matching_step(kRfcSecret, code_at(kRfcSecret, now), now), step);
  EXPECT_EQ(matching_step(kRfcSecret, code_at(kRfcSecret, now - 30), now), step - 1);
  EXPECT_EQ(matching_step(kRfcSecret, code_at(kRfcSecret, now + 30), now), step + 1);
  EXPECT_FALSE(matching_step(kRfcSecret, code_at(kRfcSecret, now - 60), now));
  EXPECT_FALSE(matching_step(kRfcSecret, code_at(kRfcSecret, now + 60), now));
}

TEST(Totp, RefusesMalformedCodes) {
  const std::time_t now = 1700000000;
  const std::string good = code_at(kRfcSecret, now);
  EXPECT_FALSE(matching_step(kRfcSecret, "", now));
  EXPECT_FALSE(matching_step(kRfcSecret, good.substr(0, 5), now));
  EXPECT_FALSE(matching_step(kRfcSecret, good + "0", now));
  EXPECT_FALSE(matching_step(kRfcSecret, "12a456", now));
  EXPECT_FALSE(matching_step("another secret value", good, now));
}

TEST(Totp, OtpauthUriNamesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("T2Overse", "ann@example.com", "ABC234"),
            "otpauth://totp/T2Overse:ann%40example.com?secret=ABC234&issuer=T2Overse");
}

}  // namespace
}  // namespace t2o::totp
