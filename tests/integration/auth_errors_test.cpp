// Every error row of API.md's auth table for the routes t2o-auth serves (/signup,
// /verify_email, /resend_verification, /login, /logout, /check_auth_status, /csrf_token,
// /current_user_details), plus CSRF enforcement and exemptions.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

namespace t2o::it {
namespace {

constexpr const char* kInvalidCredentials = "Invalid credentials";
constexpr const char* kVerifyFirst = "Please verify your email address before logging in";
constexpr const char* kBadVerifyLink = "The verification link is invalid or has expired";
constexpr const char* kPasswordPolicy = "Password does not meet the criteria";

// "message names it": the field's name appears in the message ("first_name" or "first name").
::testing::AssertionResult NamesField(const Response& r, const std::string& field) {
  const std::string message = text::to_lower(r.message());
  std::string spaced = field;
  for (char& c : spaced) c = c == '_' ? ' ' : c;
  if (message.find(field) != std::string::npos || message.find(spaced) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "message does not name field \"" << field << "\": " << r.describe();
}

class AuthErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }
  Client client;
};

// --- /signup ---------------------------------------------------------------------------------

TEST_F(AuthErrorsTest, SignupMissingOrInvalidFieldIs400NamingTheField) {
  struct Case {
    std::string field;
    std::string description;
    std::function<void(Json::Value&)> spoil;
  };
  const std::vector<Case> cases = {
      {"first_name", "missing", [](Json::Value& b) { b.removeMember("first_name"); }},
      {"first_name", "empty", [](Json::Value& b) { b["first_name"] = ""; }},
      {"first_name", "61 characters", [](Json::Value& b) { b["first_name"] = std::string(61, 'a'); }},
      {"last_name", "missing", [](Json::Value& b) { b.removeMember("last_name"); }},
      {"last_name", "61 characters", [](Json::Value& b) { b["last_name"] = std::string(61, 'b'); }},
      {"username", "missing", [](Json::Value& b) { b.removeMember("username"); }},
      {"username", "2 characters", [](Json::Value& b) { b["username"] = "ab"; }},
      {"username", "81 characters", [](Json::Value& b) { b["username"] = std::string(81, 'u'); }},
      {"username", "a space and a bang", [](Json::Value& b) { b["username"] = "bad name!"; }},
      {"username", "a slash", [](Json::Value& b) { b["username"] = "a/b/c"; }},
      {"email", "missing", [](Json::Value& b) { b.removeMember("email"); }},
      {"email", "no @", [](Json::Value& b) { b["email"] = "not-an-email"; }},
      {"email", "no domain", [](Json::Value& b) { b["email"] = "someone@"; }},
      {"email", "121 characters",
       [](Json::Value& b) { b["email"] = std::string(121 - std::string("@example.com").size(), 'e') + "@example.com"; }},
      {"password", "missing", [](Json::Value& b) { b.removeMember("password"); }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + " " + c.description);
    Json::Value body = unique_identity("bad").signup_json();
    c.spoil(body);
    const Response r = client.post_json("/signup", body);
    EXPECT_TRUE(IsError(r, 400));
    EXPECT_TRUE(NamesField(r, c.field));
  }
}

TEST_F(AuthErrorsTest, SignupWeakPasswordIs400PolicyMessage) {
  const std::vector<std::pair<std::string, std::string>> weak = {
      {"7 characters", "Ab1!xyz"},
      {"no uppercase", "abcdef1!"},
      {"no lowercase", "ABCDEF1!"},
      {"no digit", "Abcdefg!"},
      {"no symbol", "Abcdefg1"},
      {"129 characters", "Aa1!" + std::string(125, 'x')},
  };
  for (const auto& [why, password] : weak) {
    SCOPED_TRACE(why);
    Identity id = unique_identity("weak");
    id.password = password;
    EXPECT_TRUE(IsError(client.post_json("/signup", id.signup_json()), 400, kPasswordPolicy));
  }
  // The limits themselves are allowed: 8 and 128 characters.
  for (const std::string& password : {std::string("Ab1!xyzw"), "Aa1!" + std::string(124, 'x')}) {
    SCOPED_TRACE("length " + std::to_string(password.size()));
    Identity id = unique_identity("edge");
    id.password = password;
    EXPECT_TRUE(IsSuccess(client.post_json("/signup", id.signup_json()), 201));
  }
}

TEST_F(AuthErrorsTest, SignupDuplicateUsernameAndEmailAre409) {
  const Identity first = unique_identity("dup");
  ASSERT_TRUE(IsSuccess(client.post_json("/signup", first.signup_json()), 201));

  Identity same_username = unique_identity("dup2");
  same_username.username = first.username;
  EXPECT_TRUE(IsError(client.post_json("/signup", same_username.signup_json()), 409, "Username already exists"));

  Identity same_email = unique_identity("dup3");
  same_email.email = first.email;
  EXPECT_TRUE(IsError(client.post_json("/signup", same_email.signup_json()), 409, "Email already exists"));

  // Emails compare case-insensitively.
  Identity shouted_email = unique_identity("dup4");
  shouted_email.email = text::to_lower(first.email);
  for (char& c : shouted_email.email) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(IsError(client.post_json("/signup", shouted_email.signup_json()), 409, "Email already exists"));
}

// --- /verify_email ---------------------------------------------------------------------------

TEST_F(AuthErrorsTest, VerifyEmailWithUnknownTokenIs400) {
  for (const std::string& token : std::vector<std::string>{"nonsense", std::string(43, 'A'), "x"}) {
    SCOPED_TRACE(token);
    EXPECT_TRUE(IsError(client.get("/verify_email/" + token), 400, kBadVerifyLink));
  }
}

TEST_F(AuthErrorsTest, VerifyEmailTokenIsSingleUse) {
  const Identity id = unique_identity("reuse");
  ASSERT_TRUE(IsSuccess(client.post_json("/signup", id.signup_json()), 201));
  const auto mail = wait_for_mail(id.email);
  ASSERT_TRUE(mail) << "no mail To: " << id.email;
  const std::string token = verification_token(*mail);
  ASSERT_FALSE(token.empty()) << mail->raw;
  ASSERT_TRUE(IsSuccess(client.get("/verify_email/" + token), 200, "Your account has been verified"));
  EXPECT_TRUE(IsError(client.get("/verify_email/" + token), 400, kBadVerifyLink));
}

// --- /resend_verification ----------------------------------------------------------------------

TEST_F(AuthErrorsTest, ResendVerificationWithoutEmailIs400) {
  EXPECT_TRUE(IsError(client.post("/resend_verification", "{}"), 400));
  EXPECT_TRUE(IsError(client.post("/resend_verification", R"({"email":""})"), 400));
  EXPECT_TRUE(IsError(client.post("/resend_verification", R"({"email":"   "})"), 400));
}

TEST_F(AuthErrorsTest, ResendVerificationToUnknownEmailIs200) {
  const Identity nobody = unique_identity("ghost");
  Json::Value body;
  body["email"] = nobody.email;
  EXPECT_TRUE(IsSuccess(client.post_json("/resend_verification", body), 200));
}

TEST_F(AuthErrorsTest, ResendVerificationSendsAWorkingLink) {
  const Identity id = unique_identity("resend");
  ASSERT_TRUE(IsSuccess(client.post_json("/signup", id.signup_json()), 201));
  const auto welcome = wait_for_mail(id.email);
  ASSERT_TRUE(welcome) << "no welcome mail To: " << id.email;

  Json::Value body;
  body["email"] = id.email;
  ASSERT_TRUE(IsSuccess(client.post_json("/resend_verification", body), 200));
  const auto again = wait_for_mail(id.email, std::chrono::seconds(20), {welcome->path});
  ASSERT_TRUE(again) << "no second verification mail To: " << id.email;
  const std::string token = verification_token(*again);
  ASSERT_FALSE(token.empty()) << again->raw;
  EXPECT_TRUE(IsSuccess(client.get("/verify_email/" + token), 200, "Your account has been verified"));
  EXPECT_TRUE(IsSuccess(login_json(client, id.username, id.password), 200, "Login successful"));
}

// --- /login ----------------------------------------------------------------------------------

TEST_F(AuthErrorsTest, LoginUnknownUserIs401InvalidCredentials) {
  const Identity nobody = unique_identity("nobody");
  EXPECT_TRUE(IsError(login_json(client, nobody.username, nobody.password), 401, kInvalidCredentials));
  EXPECT_TRUE(IsError(login_json(client, nobody.email, nobody.password), 401, kInvalidCredentials));
  EXPECT_FALSE(client.cookie("session"));
}

TEST_F(AuthErrorsTest, LoginWrongPasswordIs401InvalidCredentials) {
  const Identity id = unique_identity("wrongpw");
  ASSERT_EQ(create_verified_user(client, id), "");
  const Response r = login_json(client, id.username, id.password + "x");
  EXPECT_TRUE(IsError(r, 401, kInvalidCredentials));
  EXPECT_FALSE(r.set_cookie("session")) << "a failed login set a session cookie";
  EXPECT_TRUE(IsError(login_json(client, id.email, "Wrong-Passw0rd!"), 401, kInvalidCredentials));
}

TEST_F(AuthErrorsTest, LoginUnverifiedNeedsTheRightPasswordToLearnThat) {
  const Identity id = unique_identity("unverified");
  ASSERT_TRUE(IsSuccess(client.post_json("/signup", id.signup_json()), 201));
  // Right password: the account exists but is not verified.
  const Response right = login_json(client, id.username, id.password);
  EXPECT_TRUE(IsError(right, 401, kVerifyFirst));
  EXPECT_FALSE(right.set_cookie("session"));
  // Wrong password: nothing revealed.
  EXPECT_TRUE(IsError(login_json(client, id.username, id.password + "x"), 401, kInvalidCredentials));
  EXPECT_TRUE(IsError(login_json(client, id.email, "Wrong-Passw0rd!"), 401, kInvalidCredentials));
}

// --- routes that need a session -------------------------------------------------------------------

struct ProtectedRoute {
  const char* method;
  const char* path;
};
const ProtectedRoute kProtected[] = {
    {"GET", "/logout"}, {"POST", "/logout"}, {"GET", "/csrf_token"}, {"POST", "/csrf_token"}, {"GET", "/current_user_details"},
};

TEST_F(AuthErrorsTest, ProtectedRoutesWithoutSessionAre401) {
  for (const auto& route : kProtected) {
    SCOPED_TRACE(std::string(route.method) + " " + route.path);
    const Response r = client.request(route.method, route.path, {}, {}, {});
    EXPECT_TRUE(IsError(r, 401, kLoginRequired));
  }
}

TEST_F(AuthErrorsTest, ProtectedRoutesWithBogusSessionAre401) {
  const std::vector<std::string> bogus = {std::string(43, 'A'), "not-a-session", "x"};
  for (const auto& value : bogus) {
    for (const auto& route : kProtected) {
      SCOPED_TRACE(std::string(route.method) + " " + route.path + " with session=" + value);
      Client c;
      c.set_cookie("session", value);
      EXPECT_TRUE(IsError(c.request(route.method, route.path, {}, {}, {}), 401, kLoginRequired));
    }
  }
}

TEST_F(AuthErrorsTest, CheckAuthStatusWithoutSessionIs200NotLoggedIn) {
  for (const bool bogus : {false, true}) {
    SCOPED_TRACE(bogus ? "bogus session cookie" : "no cookie");
    Client c;
    if (bogus) c.set_cookie("session", std::string(43, 'Z'));
    const Response r = c.get("/check_auth_status");
    ASSERT_TRUE(HasStatus(r, 200));
    ASSERT_TRUE(r.json && r.json->isObject()) << r.describe();
    EXPECT_EQ((*r.json)["success"], Json::Value(false)) << r.describe();
    EXPECT_EQ((*r.json)["message"], "User is not logged in") << r.describe();
  }
}

// --- CSRF ------------------------------------------------------------------------------------------

// The exempt routes work without an X-CSRFToken header, also while a session cookie is sent
// (a browser always sends it).
TEST_F(AuthErrorsTest, CsrfExemptRoutesWorkWithoutTheHeader) {
  const Identity id = unique_identity("exempt");
  ASSERT_TRUE(IsSuccess(client.post_json("/signup", id.signup_json()), 201));  // no header
  const auto mail = wait_for_mail(id.email);
  ASSERT_TRUE(mail);
  Json::Value resend;
  resend["email"] = id.email;
  EXPECT_TRUE(IsSuccess(client.post_json("/resend_verification", resend), 200));
  ASSERT_TRUE(IsSuccess(client.get("/verify_email/" + verification_token(*mail)), 200));

  ASSERT_TRUE(IsSuccess(login_json(client, id.username, id.password), 200, "Login successful"));
  ASSERT_TRUE(client.cookie("session"));
  // With the session cookie and still no header.
  EXPECT_TRUE(IsSuccess(login_json(client, id.username, id.password), 200, "Login successful"));
  EXPECT_TRUE(IsSuccess(client.post_json("/resend_verification", resend), 200));
  const Response csrf = client.post("/csrf_token");
  EXPECT_TRUE(IsSuccess(csrf, 200));
  EXPECT_TRUE(IsSuccess(client.post("/logout"), 200, "Logout successful"));
}

// A state-changing request on a non-exempt route needs the session's X-CSRFToken, on
// every group that has such routes. Each route must be deployed: a 404, 502 or 503 here
// fails the test rather than skipping the route.
TEST_F(AuthErrorsTest, CsrfTokenRequiredOnNonExemptRoutes) {
  const Identity id = unique_identity("csrf");
  ASSERT_EQ(create_verified_user(client, id), "");
  const Response login = login_json(client, id.username, id.password);
  ASSERT_TRUE(IsSuccess(login, 200, "Login successful"));
  const std::string token = (*login.json)["csrf_token"].asString();

  // Another user's token: CSRF tokens are bound to their session.
  Client other;
  const Identity other_id = unique_identity("csrf2");
  ASSERT_EQ(create_verified_user(other, other_id), "");
  const Response other_login = login_json(other, other_id.username, other_id.password);
  ASSERT_TRUE(IsSuccess(other_login, 200));
  const std::string foreign_token = (*other_login.json)["csrf_token"].asString();
  ASSERT_NE(token, foreign_token);

  // Requests that fail after the CSRF check (an invalid body, or a permission the user
  // lacks), so nothing changes even when the check passes.
  struct Candidate {
    std::string path;
    std::string body;
    long status_with_token;
    std::string message_with_token;
  };
  const std::vector<Candidate> candidates = {
      {"/update_twofa", "{}", 400, ""},
      {"/change_password", "{}", 400, ""},
      {"/update_profile", "{}", 400, ""},
      {"/admin/create_role", "{}", 403, "Unauthorized access"},
      {"/boards", "{}", 400, ""},
      {"/create-checkout-session", "{}", 400, ""},
  };
  for (const auto& [path, body, status_with_token, message_with_token] : candidates) {
    SCOPED_TRACE("POST " + path);
    const Response with_token = client.post(path, body, "application/json", {{"X-CSRFToken", token}});
    ASSERT_TRUE(with_token) << with_token.error;
    // The route's own answer, past the CSRF check: a 404, 502 or 503 (not deployed) fails.
    EXPECT_TRUE(IsError(with_token, status_with_token, message_with_token));
    EXPECT_TRUE(IsError(client.post(path, body), 403, kCsrfFailed)) << "without X-CSRFToken";
    EXPECT_TRUE(IsError(client.post(path, body, "application/json", {{"X-CSRFToken", token + "x"}}), 403, kCsrfFailed))
        << "with a wrong X-CSRFToken";
    EXPECT_TRUE(IsError(client.post(path, body, "application/json", {{"X-CSRFToken", ""}}), 403, kCsrfFailed))
        << "with an empty X-CSRFToken";
    EXPECT_TRUE(IsError(client.post(path, body, "application/json", {{"X-CSRFToken", foreign_token}}), 403, kCsrfFailed))
        << "with another session's X-CSRFToken";
  }
}

}  // namespace
}  // namespace t2o::it
