// Unit tests for users/validation: API.md's password policy and field rules.
#include "users/validation.hpp"

#include <gtest/gtest.h>

#include <string>

#include "auth/lockout.hpp"
#include "errors/http_error.hpp"
#include "util/text.hpp"

namespace t2o::users {
namespace {

template <typename Action>
std::string bad_request_message(Action action) {
  try {
    action();
  } catch (const BadRequest& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected BadRequest";
  return "";
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// ---- UTF-8 length ---------------------------------------------------------------------

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("é"), 1u);  // 2 bytes
  EXPECT_EQ(utf8_length("€"), 1u);  // 3 bytes
  EXPECT_EQ(utf8_length("😀"), 1u);  // 4 bytes
  EXPECT_EQ(utf8_length("Grüße"), 5u);
  EXPECT_EQ(utf8_length("\xff\xfe"), 2u);  // invalid bytes count one each
}

// ---- password policy ------------------------------------------------------------------

TEST(PasswordPolicy, AllFourClassesAccepted) {
  EXPECT_TRUE(password_meets_policy("Abcdef1!"));
  EXPECT_TRUE(password_meets_policy("correct Horse 9"));  // a space is a symbol
  EXPECT_NO_THROW(check_password("Abcdef1!"));
}

TEST(PasswordPolicy, EachMissingClassRejected) {
  EXPECT_FALSE(password_meets_policy("ABCDEF1!")) << "no lowercase";
  EXPECT_FALSE(password_meets_policy("abcdef1!")) << "no uppercase";
  EXPECT_FALSE(password_meets_policy("Abcdefg!")) << "no digit";
  EXPECT_FALSE(password_meets_policy("Abcdefg1")) << "no symbol";
  EXPECT_FALSE(password_meets_policy("12345678")) << "digits only";
  EXPECT_FALSE(password_meets_policy("")) << "empty";
}

TEST(PasswordPolicy, LengthBounds) {
  const std::string base = "Aa1!";
  EXPECT_FALSE(password_meets_policy(base + "bcd")) << "7 characters";
  EXPECT_TRUE(password_meets_policy(base + "bcde")) << "8 characters";
  EXPECT_TRUE(password_meets_policy(base + std::string(124, 'x'))) << "128 characters";
  EXPECT_FALSE(password_meets_policy(base + std::string(125, 'x'))) << "129 characters";
}

TEST(PasswordPolicy, LengthCountsCharactersNotBytes) {
  // "é" is 2 bytes: 7 characters in 10 bytes is too short, 8 in 12 bytes is enough.
  EXPECT_FALSE(password_meets_policy("Aa1!" + repeat("é", 3)));
  EXPECT_TRUE(password_meets_policy("Aa1!" + repeat("é", 4)));
  // 128 characters in 252 bytes is fine, 129 is too long.
  EXPECT_TRUE(password_meets_policy("Aa1!" + repeat("é", 124)));
  EXPECT_FALSE(password_meets_policy("Aa1!" + repeat("é", 125)));
}

TEST(PasswordPolicy, UnicodeCountsAsOther) {
  EXPECT_TRUE(password_meets_policy("Abcdef1é")) << "é stands in for the symbol";
  EXPECT_TRUE(password_meets_policy("Abcdef1€"));
  EXPECT_TRUE(password_meets_policy("Abcdef1😀"));
  // Non-ASCII letters are neither lower- nor uppercase ASCII letters.
  EXPECT_FALSE(password_meets_policy("ÀBCDEF1!")) << "no ASCII lowercase";
  EXPECT_FALSE(password_meets_policy("àbcdef1!")) << "no ASCII uppercase";
}

TEST(PasswordPolicy, CheckPasswordThrowsThePolicyMessage) {
  EXPECT_EQ(bad_request_message([] { check_password("weak"); }), "Password does not meet the criteria");
  EXPECT_EQ(bad_request_message([] { check_password("Abcdefg1"); }), kPasswordPolicyMessage);
}

// ---- username -------------------------------------------------------------------------

TEST(Username, Accepted) {
  for (const std::string& name : {std::string("abc"), std::string("alice"), std::string("Al_ice.b-1"),
                                  std::string("a.b"), std::string("123"), std::string(80, 'u')}) {
    EXPECT_NO_THROW(check_username(name)) << name;
  }
}

TEST(Username, Rejected) {
  for (const std::string& name :
       {std::string(""), std::string("ab"), std::string(81, 'u'), std::string("a b"), std::string("alice@example"),
        std::string("ålice"), std::string("al/ice"), std::string("al\nice"), std::string("al+ice")}) {
    const std::string message = bad_request_message([&] { check_username(name); });
    EXPECT_NE(message.find("username"), std::string::npos) << name << ": " << message;
  }
}

// ---- email ----------------------------------------------------------------------------

TEST(Email, Plausible) {
  for (const char* email : {"a@b.co", "alice@example.com", "first.last+tag@sub.example.org", "A_B-c@EXAMPLE.COM",
                            "x@xn--bcher-kva.example"}) {
    EXPECT_TRUE(plausible_email(email)) << email;
    EXPECT_NO_THROW(check_email(email)) << email;
  }
}

TEST(Email, Implausible) {
  for (const char* email : {"",
                            "plain",
                            "@example.com",
                            "alice@",
                            "alice@example",
                            "a@@example.com",
                            "a@b@example.com",
                            "alice@.example.com",
                            "alice@example.com.",
                            "alice@example..com",
                            ".alice@example.com",
                            "alice.@example.com",
                            "al..ice@example.com",
                            "al ice@example.com",
                            "alice@exa mple.com",
                            "<alice@example.com>",
                            "alice@example.com,b@c.d",
                            "alice;@example.com",
                            "\"alice\"@example.com",
                            "alice@example.com\n",
                            "al\tice@example.com",
                            "a@b."}) {
    EXPECT_FALSE(plausible_email(email)) << email;
    EXPECT_EQ(bad_request_message([&] { check_email(email); }), "Invalid email address") << email;
  }
}

TEST(Email, LengthLimits) {
  const std::string local(64, 'a');
  const std::string at_120 = local + "@" + std::string(51, 'd') + ".com";
  ASSERT_EQ(at_120.size(), 120u);
  EXPECT_TRUE(plausible_email(at_120));
  EXPECT_NO_THROW(check_email(at_120));
  const std::string at_121 = local + "@" + std::string(52, 'd') + ".com";
  ASSERT_EQ(at_121.size(), 121u);
  EXPECT_FALSE(plausible_email(at_121));
  EXPECT_EQ(bad_request_message([&] { check_email(at_121); }), "Invalid email address");

  // The local part is limited to 64 characters (RFC 5321).
  EXPECT_TRUE(plausible_email(std::string(64, 'a') + "@example.com"));
  EXPECT_FALSE(plausible_email(std::string(65, 'a') + "@example.com"));
}

// ---- names ----------------------------------------------------------------------------

TEST(Names, Accepted) {
  EXPECT_NO_THROW(check_name("first_name", "Alice"));
  EXPECT_NO_THROW(check_name("first_name", std::string(60, 'n')));
  EXPECT_NO_THROW(check_name("last_name", repeat("é", 60))) << "60 characters in 120 bytes";
  EXPECT_NO_THROW(check_name("last_name", "O'Brien-Smith Jr."));
}

TEST(Names, TooLong) {
  EXPECT_EQ(bad_request_message([] { check_name("first_name", std::string(61, 'n')); }),
            "first_name must be at most 60 characters");
  EXPECT_EQ(bad_request_message([] { check_name("last_name", repeat("é", 61)); }),
            "last_name must be at most 60 characters");
}

TEST(Names, Empty) {
  EXPECT_EQ(bad_request_message([] { check_name("first_name", ""); }), "first_name is required");
  EXPECT_EQ(bad_request_message([] { check_name("last_name", ""); }), "last_name is required");
}

TEST(Names, ControlCharactersRejected) {
  EXPECT_EQ(bad_request_message([] { check_name("first_name", "Al\nice"); }), "Invalid first_name");
  EXPECT_EQ(bad_request_message([] { check_name("last_name", std::string("Al\0ice", 6)); }), "Invalid last_name");
  EXPECT_EQ(bad_request_message([] { check_name("last_name", "Al\x7f"); }), "Invalid last_name");
}

}  // namespace
}  // namespace t2o::users

namespace t2o {
namespace {

// Messages said their limits as copies ("15 minutes", "80 characters"); they are built
// from the constants now, so changing a limit changes its message.
TEST(LimitMessages, DurationsAreSaidAsPeopleSayThem) {
  EXPECT_EQ(text::duration_words(3600), "one hour");
  EXPECT_EQ(text::duration_words(7200), "2 hours");
  EXPECT_EQ(text::duration_words(15 * 60), "15 minutes");
  EXPECT_EQ(text::duration_words(60), "1 minute");
  EXPECT_EQ(text::duration_words(90), "90 seconds");
}

TEST(LimitMessages, TheLockoutMessageFollowsTheLockTime) {
  EXPECT_EQ(auth::locked_message(),
            "Too many failed login attempts. Please try again in " + text::duration_words(auth::kLockSeconds) + ".");
  EXPECT_EQ(auth::locked_message(), "Too many failed login attempts. Please try again in 15 minutes.");
}

TEST(LimitMessages, FieldLimitsAreSaidFromTheirConstants) {
  try {
    users::check_name("first_name", std::string(users::kNameMaxLength + 1, 'x'));
    FAIL() << "too long a name passed";
  } catch (const BadRequest& error) {
    EXPECT_EQ(std::string(error.what()), "first_name must be at most " + std::to_string(users::kNameMaxLength) + " characters");
  }
  EXPECT_NE(users::password_policy_words().find(std::to_string(users::kPasswordMaxLength)), std::string::npos);
}

}  // namespace
}  // namespace t2o
