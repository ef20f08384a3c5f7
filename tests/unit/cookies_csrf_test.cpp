// Unit tests for the login cookies (session/session_cookies, http/response's
// format_set_cookie), Cookie header parsing and the session-bound CSRF token.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "session/csrf.hpp"
#include "session/session_cookies.hpp"
#include "session/session_store.hpp"

namespace t2o {
namespace {

struct ParsedCookie {
  std::string name;
  std::string value;
  std::set<std::string> attributes;  // "Path=/", "HttpOnly", ...
};

ParsedCookie parse_set_cookie(const std::string& header) {
  ParsedCookie cookie;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = header.find("; ", start);
    parts.push_back(header.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  const auto equals = parts[0].find('=');
  cookie.name = parts[0].substr(0, equals);
  cookie.value = parts[0].substr(equals + 1);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    EXPECT_TRUE(cookie.attributes.insert(parts[i]).second) << "repeated attribute in " << header;
  }
  return cookie;
}

std::vector<ParsedCookie> set_cookies(const Response& response) {
  std::vector<ParsedCookie> cookies;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") cookies.push_back(parse_set_cookie(value));
  }
  return cookies;
}

// ---- format_set_cookie -----------------------------------------------------------------

TEST(SetCookie, SessionCookieDefaults) {
  EXPECT_EQ(format_set_cookie("a", "b", CookieOptions{}), "a=b; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, AllAttributes) {
  CookieOptions options;
  options.max_age = 3600;
  options.secure = true;
  options.same_site = "Strict";
  options.path = "/api";
  EXPECT_EQ(format_set_cookie("sid", "tok", options),
            "sid=tok; Path=/api; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

TEST(SetCookie, NotHttpOnly) {
  CookieOptions options;
  options.http_only = false;
  const ParsedCookie cookie = parse_set_cookie(format_set_cookie("a", "b", options));
  EXPECT_EQ(cookie.attributes, (std::set<std::string>{"Path=/", "SameSite=Lax"}));
}

TEST(SetCookie, MaxAgeZeroAlsoExpiresInThePast) {
  CookieOptions options;
  options.max_age = 0;
  const ParsedCookie cookie = parse_set_cookie(format_set_cookie("a", "", options));
  EXPECT_EQ(cookie.value, "");
  EXPECT_EQ(cookie.attributes.count("Max-Age=0"), 1u);
  EXPECT_EQ(cookie.attributes.count("Expires=Thu, 01 Jan 1970 00:00:00 GMT"), 1u);
}

TEST(SetCookie, PositiveMaxAgeHasNoExpires) {
  CookieOptions options;
  options.max_age = 86400;
  const std::string header = format_set_cookie("a", "b", options);
  EXPECT_NE(header.find("; Max-Age=86400"), std::string::npos);
  EXPECT_EQ(header.find("Expires"), std::string::npos);
}

// ---- set_session_cookies / expire_session_cookies -----------------------------------------

class SessionCookies : public ::testing::Test {
 protected:
  void SetUp() override { config.secret_key = "cookie-test-secret-0123456789abcdef"; }
  Config config;
  Request request;
  const std::string token = "session-token-AbC_123-xyz";
};

TEST_F(SessionCookies, OverHttp) {
  Response response;
  const std::string csrf = set_session_cookies(response, request, config, token);
  EXPECT_EQ(csrf, csrf_token_for(config.secret_key, token));

  const auto cookies = set_cookies(response);
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0].name, "session");
  EXPECT_EQ(cookies[0].value, token);
  EXPECT_EQ(cookies[0].attributes, (std::set<std::string>{"Path=/", "Max-Age=86400", "HttpOnly", "SameSite=Lax"}));

  EXPECT_EQ(cookies[1].name, "X-CSRFToken");
  EXPECT_EQ(cookies[1].value, csrf);
  EXPECT_EQ(cookies[1].attributes, (std::set<std::string>{"Path=/", "Max-Age=86400", "HttpOnly", "SameSite=Strict"}));
}

TEST_F(SessionCookies, SecureOnlyOverHttps) {
  request.https = true;
  Response response;
  set_session_cookies(response, request, config, token);
  const auto cookies = set_cookies(response);
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0].attributes,
            (std::set<std::string>{"Path=/", "Max-Age=86400", "HttpOnly", "Secure", "SameSite=Lax"}));
  EXPECT_EQ(cookies[1].attributes,
            (std::set<std::string>{"Path=/", "Max-Age=86400", "HttpOnly", "Secure", "SameSite=Strict"}));
}

TEST_F(SessionCookies, MaxAgeFollowsTheConfiguredLifetime) {
  config.session_lifetime_seconds = 3600;
  Response response;
  set_session_cookies(response, request, config, token);
  for (const ParsedCookie& cookie : set_cookies(response)) {
    EXPECT_EQ(cookie.attributes.count("Max-Age=3600"), 1u) << cookie.name;
    EXPECT_EQ(cookie.attributes.count("Max-Age=86400"), 0u) << cookie.name;
  }
}

TEST_F(SessionCookies, KeepsHeadersAlreadySet) {
  Response response;
  response.add_header("X-Other", "1");
  set_session_cookies(response, request, config, token);
  ASSERT_EQ(response.headers.size(), 3u);
  EXPECT_EQ(response.headers[0].first, "X-Other");
}

TEST_F(SessionCookies, ExpireBothCookies) {
  Response response;
  expire_session_cookies(response, request);
  const auto cookies = set_cookies(response);
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0].name, "session");
  EXPECT_EQ(cookies[0].value, "");
  EXPECT_EQ(cookies[0].attributes,
            (std::set<std::string>{"Path=/", "Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT", "HttpOnly",
                                   "SameSite=Lax"}));
  EXPECT_EQ(cookies[1].name, "X-CSRFToken");
  EXPECT_EQ(cookies[1].value, "");
  EXPECT_EQ(cookies[1].attributes,
            (std::set<std::string>{"Path=/", "Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT", "HttpOnly",
                                   "SameSite=Strict"}));
}

TEST_F(SessionCookies, ExpireOverHttpsIsSecure) {
  request.https = true;
  Response response;
  expire_session_cookies(response, request);
  for (const ParsedCookie& cookie : set_cookies(response)) {
    EXPECT_EQ(cookie.attributes.count("Secure"), 1u) << cookie.name;
    EXPECT_EQ(cookie.attributes.count("Max-Age=0"), 1u) << cookie.name;
  }
}

// ---- parse_cookie_header ---------------------------------------------------------------

TEST(CookieHeader, Simple) {
  const auto cookies = parse_cookie_header("session=abc; X-CSRFToken=def");
  EXPECT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies.at("session"), "abc");
  EXPECT_EQ(cookies.at("X-CSRFToken"), "def");
}

TEST(CookieHeader, EmptyHeader) {
  EXPECT_TRUE(parse_cookie_header("").empty());
  EXPECT_TRUE(parse_cookie_header(" ; ;").empty());
}

TEST(CookieHeader, WhitespaceAndMissingSpaces) {
  const auto cookies = parse_cookie_header("  a=1;b=2 ;\tc = 3  ");
  EXPECT_EQ(cookies.at("a"), "1");
  EXPECT_EQ(cookies.at("b"), "2");
  EXPECT_EQ(cookies.at("c"), "3");
}

TEST(CookieHeader, FirstOccurrenceWins) {
  const auto cookies = parse_cookie_header("session=first; other=x; session=second");
  EXPECT_EQ(cookies.at("session"), "first");
}

TEST(CookieHeader, QuotedValuesAreUnquoted) {
  const auto cookies = parse_cookie_header("a=\"quoted\"; b=\"; c=\"\"");
  EXPECT_EQ(cookies.at("a"), "quoted");
  EXPECT_EQ(cookies.at("b"), "\"");  // a lone quote is kept as it is
  EXPECT_EQ(cookies.at("c"), "");
}

TEST(CookieHeader, ValueMayContainEquals) {
  EXPECT_EQ(parse_cookie_header("t=abc==; u=a=b").at("t"), "abc==");
  EXPECT_EQ(parse_cookie_header("u=a=b").at("u"), "a=b");
}

TEST(CookieHeader, PartsWithoutNameOrEqualsAreSkipped) {
  const auto cookies = parse_cookie_header("novalue; =orphan; empty=; ok=1");
  EXPECT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies.at("empty"), "");
  EXPECT_EQ(cookies.at("ok"), "1");
  EXPECT_EQ(cookies.count("novalue"), 0u);
}

TEST(CookieHeader, NamesAreCaseSensitive) {
  const auto cookies = parse_cookie_header("Session=upper; session=lower");
  EXPECT_EQ(cookies.at("Session"), "upper");
  EXPECT_EQ(cookies.at("session"), "lower");
}

// ---- CSRF tokens -----------------------------------------------------------------------

constexpr const char* kSecret = "csrf-secret-0123456789abcdef0123456789";

TEST(Csrf, DeterministicPerSecretAndSession) {
  const std::string token = csrf_token_for(kSecret, "session-a");
  EXPECT_EQ(token, csrf_token_for(kSecret, "session-a"));
  EXPECT_EQ(token.size(), 43u) << "base64url of a 32-byte HMAC, unpadded";
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST(Csrf, KnownValue) {
  // base64url(HMAC-SHA256("key", "csrf:token")), computed independently with Python's hmac.
  EXPECT_EQ(csrf_token_for("key", "token"), "sSUy3DT_bNASUqztmCDaOodi62Uy6wc_AeWbkqoALCw");
}

TEST(Csrf, DiffersForAnotherSessionOrSecret) {
  const std::string token = csrf_token_for(kSecret, "session-a");
  EXPECT_NE(token, csrf_token_for(kSecret, "session-b"));
  EXPECT_NE(token, csrf_token_for(std::string(kSecret) + "x", "session-a"));
  EXPECT_NE(csrf_token_for(kSecret, ""), csrf_token_for(kSecret, "session-a"));
}

TEST(Csrf, ValidOnlyForTheExactToken) {
  const std::string token = csrf_token_for(kSecret, "session-a");
  EXPECT_TRUE(csrf_token_valid(kSecret, "session-a", token));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", ""));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", "wrong"));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", token.substr(0, token.size() - 1)));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", token + "A"));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", " " + token));
  std::string flipped = token;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-a", flipped));
  EXPECT_FALSE(csrf_token_valid(kSecret, "session-b", token));
  EXPECT_FALSE(csrf_token_valid("another-secret", "session-a", token));
}

TEST(Csrf, NoSessionMeansNoValidToken) {
  const std::string for_empty = csrf_token_for(kSecret, "");
  EXPECT_FALSE(csrf_token_valid(kSecret, "", for_empty));
}

}  // namespace
}  // namespace t2o
