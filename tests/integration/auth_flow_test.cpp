// The auth group's happy paths end to end, through nginx: signup, welcome mail, email
// verification, login in the three body encodings the clients use, session status, user
// details, CSRF token, logout; the session and CSRF cookies' attributes over HTTPS and
// HTTP; a fresh session token at every login; the seeded admin.
#include <gtest/gtest.h>

#include <ctime>
#include <set>
#include <string>

#include "http_client.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

namespace t2o::it {
namespace {

const std::set<std::string> kUserFields = {"id",       "first_name",    "last_name", "username",   "email",
                                           "twofa_enabled", "verified", "roles",     "permissions"};
const std::set<std::string> kAllPermissions = {"view_dashboard", "manage_users", "view_reports", "manage_settings",
                                               "access_logs",    "manage_admin", "edit"};

// USER as API.md defines it, for a freshly signed-up and verified account.
::testing::AssertionResult IsNewUser(const Json::Value& user, const Identity& id) {
  if (!user.isObject()) return ::testing::AssertionFailure() << "USER is not an object: " << json_text(user);
  if (member_names(user) != kUserFields) {
    return ::testing::AssertionFailure() << "USER must have exactly the fields id, first_name, last_name, username, "
                                            "email, twofa_enabled, verified, roles, permissions; got "
                                         << json_text(user);
  }
  if (!user["id"].isIntegral() || user["id"].asInt64() <= 0) {
    return ::testing::AssertionFailure() << "id is not a positive integer: " << json_text(user);
  }
  if (user["first_name"] != id.first_name || user["last_name"] != id.last_name || user["username"] != id.username ||
      user["email"] != id.email) {
    return ::testing::AssertionFailure() << "names/username/email differ from the signup (" << id.username << ", "
                                         << id.email << "): " << json_text(user);
  }
  if (user["twofa_enabled"] != Json::Value(false) || user["verified"] != Json::Value(true)) {
    return ::testing::AssertionFailure() << "expected twofa_enabled false and verified true: " << json_text(user);
  }
  if (!user["roles"].isArray() || user["roles"].size() != 1 || user["roles"][0] != "User") {
    return ::testing::AssertionFailure() << "expected roles [\"User\"]: " << json_text(user);
  }
  if (!user["permissions"].isArray() || user["permissions"].size() != 2 ||
      string_set(user["permissions"]) != std::set<std::string>{"edit", "view_dashboard"}) {
    return ::testing::AssertionFailure() << "expected permissions edit and view_dashboard: " << json_text(user);
  }
  return ::testing::AssertionSuccess();
}

bool is_expired(const SetCookie& cookie) {
  if (cookie.has("max-age")) {
    const auto age = text::parse_int(cookie.get("max-age"));
    return age && *age <= 0;
  }
  if (cookie.has("expires")) {
    std::tm tm{};
    // e.g. "Thu, 01 Jan 1970 00:00:00 GMT"
    if (strptime(cookie.get("expires").c_str(), "%a, %d %b %Y %H:%M:%S", &tm) == nullptr) return false;
    return timegm(&tm) <= std::time(nullptr);
  }
  return false;
}

// Login's two cookies, per API.md "Sessions, cookies and CSRF".
void ExpectLoginCookies(const Response& login, bool over_https) {
  ASSERT_TRUE(login.json && (*login.json)["csrf_token"].isString()) << login.describe();
  const std::string csrf_body = (*login.json)["csrf_token"].asString();
  EXPECT_FALSE(csrf_body.empty());

  const auto session_raw = login.set_cookie("session");
  ASSERT_TRUE(session_raw) << "no Set-Cookie: session=...; got " << login.set_cookies.size() << " Set-Cookie lines";
  const SetCookie session = parse_set_cookie(*session_raw);
  EXPECT_GE(session.value.size(), 43u) << "session token shorter than 256 bits of base64url: " << *session_raw;
  EXPECT_TRUE(session.has("HttpOnly")) << *session_raw;
  EXPECT_TRUE(text::iequals(session.get("SameSite"), "Lax")) << *session_raw;
  EXPECT_EQ(session.get("Path"), "/") << *session_raw;
  EXPECT_EQ(session.get("Max-Age"), "86400") << *session_raw;
  EXPECT_EQ(session.has("Secure"), over_https) << (over_https ? "missing Secure over HTTPS: " : "Secure over plain HTTP: ")
                                               << *session_raw;

  const auto csrf_raw = login.set_cookie("X-CSRFToken");
  ASSERT_TRUE(csrf_raw) << "no Set-Cookie: X-CSRFToken=...";
  const SetCookie csrf = parse_set_cookie(*csrf_raw);
  EXPECT_EQ(csrf.value, csrf_body) << "cookie X-CSRFToken differs from the body's csrf_token";
  EXPECT_TRUE(csrf.has("HttpOnly")) << *csrf_raw;
  EXPECT_TRUE(text::iequals(csrf.get("SameSite"), "Strict")) << *csrf_raw;
  EXPECT_EQ(csrf.get("Path"), "/") << *csrf_raw;
  EXPECT_EQ(csrf.has("Secure"), over_https) << (over_https ? "missing Secure over HTTPS: " : "Secure over plain HTTP: ")
                                            << *csrf_raw;
  EXPECT_NE(csrf.value, session.value) << "the CSRF token must not be the session token";
}

class AuthFlowTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }
};

TEST_F(AuthFlowTest, SignupVerifyLoginInEveryEncodingThenLogout) {
  Client client;
  const Identity id = unique_identity("flow");

  // signup
  const Response signup = client.post_json("/signup", id.signup_json());
  ASSERT_TRUE(IsSuccess(signup, 201, "Please check your email to verify your account"));

  // welcome mail with the verification link
  const auto mail = wait_for_mail(id.email);
  ASSERT_TRUE(mail) << "no mail To: " << id.email << " in " << mail_dir() << " within 20 s";
  const std::string token = verification_token(*mail);
  ASSERT_FALSE(token.empty()) << "no /app/verify-email/<token> link in " << mail->path << ":\n" << mail->raw;

  // verify
  const Response verify = client.get("/verify_email/" + token);
  ASSERT_TRUE(IsSuccess(verify, 200, "Your account has been verified"));

  // login: JSON, by username
  const Response login1 = login_json(client, id.username, id.password);
  ASSERT_TRUE(IsSuccess(login1, 200, "Login successful"));
  EXPECT_TRUE(IsNewUser((*login1.json)["user"], id));
  ExpectLoginCookies(login1, /*over_https=*/true);

  // login: application/x-www-form-urlencoded, by email
  const Response login2 = client.post(
      "/login", urlencode_form({{"username_or_email", id.email}, {"password", id.password}}),
      "application/x-www-form-urlencoded");
  ASSERT_TRUE(IsSuccess(login2, 200, "Login successful"));
  EXPECT_TRUE(IsNewUser((*login2.json)["user"], id));
  ExpectLoginCookies(login2, true);

  // login: multipart/form-data as a browser FormData posts it
  const Multipart form = multipart_form({{"username_or_email", id.username}, {"password", id.password}});
  const Response login3 = client.post("/login", form.body, form.content_type);
  ASSERT_TRUE(IsSuccess(login3, 200, "Login successful"));
  EXPECT_TRUE(IsNewUser((*login3.json)["user"], id));
  ExpectLoginCookies(login3, true);
  const std::string csrf = (*login3.json)["csrf_token"].asString();
  const auto session = client.cookie("session");
  ASSERT_TRUE(session);

  // status
  const Response status = client.get("/check_auth_status");
  ASSERT_TRUE(IsSuccess(status, 200, "User is currently logged in"));

  // details: USER in both `message` (what the original client reads) and `user`
  const Response details = client.get("/current_user_details");
  ASSERT_TRUE(IsSuccess(details, 200));
  EXPECT_TRUE(IsNewUser((*details.json)["user"], id));
  EXPECT_EQ((*details.json)["message"], (*details.json)["user"]) << details.describe();
  EXPECT_EQ((*details.json)["user"], (*login3.json)["user"]) << "login's user and /current_user_details differ";

  // CSRF token of the current session == login's csrf_token
  Response csrf_response;
  const std::string fetched = client.fetch_csrf_token(&csrf_response);
  ASSERT_TRUE(IsSuccess(csrf_response, 200));
  EXPECT_EQ(fetched, csrf);

  // logout: 200, both cookies expired
  const Response logout = client.post("/logout");
  ASSERT_TRUE(IsSuccess(logout, 200, "Logout successful"));
  for (const char* name : {"session", "X-CSRFToken"}) {
    const auto raw = logout.set_cookie(name);
    ASSERT_TRUE(raw) << "logout does not expire cookie " << name;
    const SetCookie cookie = parse_set_cookie(*raw);
    EXPECT_TRUE(is_expired(cookie)) << "not expired: " << *raw;
    EXPECT_EQ(cookie.get("Path"), "/") << "must have Path=/ to replace the login cookie: " << *raw;
  }
  EXPECT_FALSE(client.cookie("session"));

  const Response after = client.get("/check_auth_status");
  ASSERT_TRUE(HasStatus(after, 200));
  ASSERT_TRUE(after.json) << after.describe();
  EXPECT_EQ((*after.json)["success"], Json::Value(false)) << after.describe();
  EXPECT_EQ((*after.json)["message"], "User is not logged in") << after.describe();

  EXPECT_TRUE(IsError(client.get("/current_user_details"), 401, kLoginRequired));

  // The session is gone server-side too, not just from our jar.
  Client replay;
  replay.set_cookie("session", *session);
  EXPECT_TRUE(IsError(replay.get("/current_user_details"), 401, kLoginRequired));
}

TEST_F(AuthFlowTest, GetLogoutAlsoLogsOut) {
  Client client;
  const Identity id = unique_identity("getout");
  ASSERT_EQ(create_verified_user(client, id), "");
  ASSERT_TRUE(IsSuccess(login_json(client, id.username, id.password), 200, "Login successful"));
  const Response logout = client.get("/logout");
  ASSERT_TRUE(IsSuccess(logout, 200, "Logout successful"));
  EXPECT_TRUE(logout.set_cookie("session")) << "GET /logout does not expire the session cookie";
  EXPECT_TRUE(IsError(client.get("/current_user_details"), 401, kLoginRequired));
}

TEST_F(AuthFlowTest, LoginByEmailIsCaseInsensitive) {
  Client client;
  const Identity id = unique_identity("case");
  ASSERT_EQ(create_verified_user(client, id), "");
  std::string shouted = id.email;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const Response login = login_json(client, shouted, id.password);
  EXPECT_TRUE(IsSuccess(login, 200, "Login successful"));
}

TEST_F(AuthFlowTest, CookiesOverPlainHttpAreNotSecure) {
  Client client(env().http_base_url);
  const Identity id = unique_identity("plain");
  ASSERT_EQ(create_verified_user(client, id), "");
  const Response login = login_json(client, id.username, id.password);
  ASSERT_TRUE(IsSuccess(login, 200, "Login successful"));
  ExpectLoginCookies(login, /*over_https=*/false);
  // The plain-HTTP session works on the plain-HTTP URL.
  EXPECT_TRUE(IsSuccess(client.get("/check_auth_status"), 200, "User is currently logged in"));

  const Response logout = client.post("/logout");
  ASSERT_TRUE(IsSuccess(logout, 200, "Logout successful"));
  for (const auto& raw : logout.set_cookies) EXPECT_FALSE(parse_set_cookie(raw).has("Secure")) << raw;
}

TEST_F(AuthFlowTest, EveryLoginIssuesAFreshSessionToken) {
  Client client;
  const Identity id = unique_identity("fix");
  ASSERT_EQ(create_verified_user(client, id), "");

  const Response first = login_json(client, id.username, id.password);
  ASSERT_TRUE(IsSuccess(first, 200, "Login successful"));
  const auto token1 = client.cookie("session");
  ASSERT_TRUE(token1);
  const std::string csrf1 = (*first.json)["csrf_token"].asString();

  // Log in again while presenting the first session: a new token, a new CSRF token.
  const Response second = login_json(client, id.username, id.password);
  ASSERT_TRUE(IsSuccess(second, 200, "Login successful"));
  const auto token2 = client.cookie("session");
  ASSERT_TRUE(token2);
  EXPECT_NE(*token1, *token2) << "the session token was reused across logins (session fixation)";
  EXPECT_NE(csrf1, (*second.json)["csrf_token"].asString()) << "the CSRF token is not bound to the new session";

  // A session id planted by an attacker is never adopted.
  Client victim;
  const std::string planted(64, 'a');
  victim.set_cookie("session", planted);
  const Response planted_login = login_json(victim, id.username, id.password);
  ASSERT_TRUE(IsSuccess(planted_login, 200, "Login successful"));
  const auto issued = victim.cookie("session");
  ASSERT_TRUE(issued);
  EXPECT_NE(*issued, planted);
  Client attacker;
  attacker.set_cookie("session", planted);
  EXPECT_TRUE(IsError(attacker.get("/current_user_details"), 401, kLoginRequired));
}

TEST_F(AuthFlowTest, SeededAdminLogsInWithAllPermissions) {
  ASSERT_FALSE(env().admin_password.empty()) << "ADMIN_PASSWORD is not set";
  Client client;
  const Response login = login_json(client, "admin", env().admin_password);
  ASSERT_TRUE(IsSuccess(login, 200, "Login successful"));
  const Json::Value& user = (*login.json)["user"];
  EXPECT_EQ(member_names(user), kUserFields) << json_text(user);
  EXPECT_EQ(user["username"], "admin");
  EXPECT_EQ(user["email"], "admin@example.com");
  EXPECT_EQ(user["verified"], Json::Value(true));
  EXPECT_TRUE(string_set(user["roles"]).count("Super Admin")) << json_text(user);
  EXPECT_EQ(string_set(user["permissions"]), kAllPermissions) << json_text(user);
  EXPECT_EQ(user["permissions"].size(), kAllPermissions.size()) << "duplicate permission names: " << json_text(user);

  const Response details = client.get("/current_user_details");
  ASSERT_TRUE(IsSuccess(details, 200));
  EXPECT_EQ(string_set((*details.json)["user"]["permissions"]), kAllPermissions);
  ASSERT_TRUE(IsSuccess(client.post("/logout"), 200, "Logout successful"));
}

}  // namespace
}  // namespace t2o::it
