// Hostile and malformed requests: broken or mistyped JSON, oversized bodies, unknown
// paths, wrong methods. Each gets API.md's JSON error shape with the right status, never a
// 500, and the handlers keep answering afterwards. Also the headers nginx adds to every
// response (security, CORS) and the health check.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

namespace t2o::it {
namespace {

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }

  // The auth handler still answers after whatever was just sent.
  void ExpectHandlerAlive() {
    Client probe;
    const Response r = probe.get("/check_auth_status");
    ASSERT_TRUE(HasStatus(r, 200)) << "the auth handler stopped answering";
    EXPECT_TRUE(r.json && (*r.json)["success"].isBool()) << r.describe();
  }

  Client client;
};

const char* const kMalformed[] = {
    R"({"username":)",                 // truncated
    R"({"username": "a",})",           // trailing comma
    R"({'username': 'a'})",            // single quotes
    R"({"username": "a"} trailing)",   // garbage after the value
    R"({"username": "a"}{"b": 1})",    // two values
    "not json at all",
    "{",
    "",                                 // empty body
    "\xff\xfe{}",                      // not UTF-8
    R"({"username": "a" /* comment */})",
};

TEST_F(BadInputTest, MalformedJsonToSignupIs400) {
  for (const char* body : kMalformed) {
    SCOPED_TRACE(std::string("body: ") + body);
    EXPECT_TRUE(IsError(client.post("/signup", body), 400));
    ExpectHandlerAlive();
  }
}

TEST_F(BadInputTest, MalformedJsonToLoginIs400) {
  for (const char* body : kMalformed) {
    SCOPED_TRACE(std::string("body: ") + body);
    EXPECT_TRUE(IsError(client.post("/login", body), 400));
    ExpectHandlerAlive();
  }
}

TEST_F(BadInputTest, DeeplyNestedJsonIs400) {
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  EXPECT_TRUE(IsError(client.post("/login", deep), 400));
  ExpectHandlerAlive();
  std::string nested_object;
  for (int i = 0; i < 5000; ++i) nested_object += R"({"a":)";
  nested_object += "1" + std::string(5000, '}');
  EXPECT_TRUE(IsError(client.post("/signup", nested_object), 400));
  ExpectHandlerAlive();
}

TEST_F(BadInputTest, WrongJsonTypesToSignupAre400) {
  const Identity id = unique_identity("types");
  std::vector<std::pair<std::string, std::string>> cases;
  {
    Json::Value b = id.signup_json();
    b["username"] = 5;
    cases.emplace_back("username is a number", json_text(b));
  }
  {
    Json::Value b = id.signup_json();
    Json::Value object(Json::objectValue);
    object["value"] = id.password;
    b["password"] = object;
    cases.emplace_back("password is an object", json_text(b));
  }
  {
    Json::Value b = id.signup_json();
    b["email"] = Json::Value(Json::arrayValue);
    b["email"].append(id.email);
    cases.emplace_back("email is an array", json_text(b));
  }
  {
    Json::Value b = id.signup_json();
    b["first_name"] = true;
    cases.emplace_back("first_name is a bool", json_text(b));
  }
  {
    Json::Value array(Json::arrayValue);
    array.append(id.signup_json());
    cases.emplace_back("body is an array of the object", json_text(array));
  }
  cases.emplace_back("body is an empty array", "[]");
  cases.emplace_back("body is a string", R"("hello")");
  cases.emplace_back("body is a number", "42");
  cases.emplace_back("body is null", "null");
  for (const auto& [why, body] : cases) {
    SCOPED_TRACE(why);
    EXPECT_TRUE(IsError(client.post("/signup", body), 400));
    ExpectHandlerAlive();
  }
  // None of those created the account.
  Json::Value ok = id.signup_json();
  EXPECT_TRUE(IsSuccess(client.post_json("/signup", ok), 201)) << "a mistyped signup created the account";
}

TEST_F(BadInputTest, WrongJsonTypesToLoginAre400) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"username_or_email is a number", R"({"username_or_email": 5, "password": "Secret-123"})"},
      {"password is an object", R"({"username_or_email": "admin", "password": {"x": "Secret-123"}})"},
      {"password is an array", R"({"username_or_email": "admin", "password": ["Secret-123"]})"},
      {"password is a bool", R"({"username_or_email": "admin", "password": true})"},
      {"body is an array", R"([{"username_or_email": "admin", "password": "Secret-123"}])"},
      {"body is a string", R"("admin")"},
      {"missing password", R"({"username_or_email": "admin"})"},
      {"missing username_or_email", R"({"password": "Secret-123"})"},
      {"empty object", "{}"},
  };
  for (const auto& [why, body] : cases) {
    SCOPED_TRACE(why);
    EXPECT_TRUE(IsError(client.post("/login", body), 400));
    ExpectHandlerAlive();
  }
}

TEST_F(BadInputTest, MalformedFormBodiesAre400) {
  // Multipart with a boundary that never appears, and one with no boundary parameter.
  EXPECT_TRUE(IsError(client.post("/login", "garbage without parts", "multipart/form-data; boundary=XYZ"), 400));
  ExpectHandlerAlive();
  EXPECT_TRUE(IsError(client.post("/login", "--XYZ\r\n\r\n", "multipart/form-data"), 400));
  ExpectHandlerAlive();
  // A bad percent-escape in a urlencoded body: at worst it decodes to a wrong password.
  const Response r = client.post("/login", "username_or_email=%zz&password=%", "application/x-www-form-urlencoded");
  ASSERT_TRUE(r) << r.error;
  EXPECT_TRUE(r.status == 400 || r.status == 401) << r.describe();
  EXPECT_TRUE(IsError(r, r.status));
  ExpectHandlerAlive();
}

TEST_F(BadInputTest, TwoMebibyteBodyIs413FromNginx) {
  const std::string big = R"({"username_or_email":")" + std::string(2 * 1024 * 1024, 'a') + R"(","password":"x"})";
  for (const char* path : {"/login", "/signup", "/current_user_details"}) {
    SCOPED_TRACE(path);
    const Response r = client.post(path, big);
    EXPECT_TRUE(IsError(r, 413));
    EXPECT_FALSE(r.has_header("x-handler-pid")) << "the oversized body reached a handler";
    EXPECT_TRUE(r.header("content-type").find("json") != std::string::npos) << r.header("content-type");
    ExpectHandlerAlive();
  }
}

TEST_F(BadInputTest, UnknownPathIs404Json) {
  for (const char* path : {"/no/such/path", "/login/extra", "/verify_email/", "/verify_email/a/b", "/index.html",
                           "/signup.php", "/.env", "/apps", "/app.js"}) {
    SCOPED_TRACE(path);
    EXPECT_TRUE(IsError(client.get(path), 404));
    EXPECT_TRUE(IsError(client.post(path, "{}"), 404));
  }
  ExpectHandlerAlive();
}

TEST_F(BadInputTest, WrongMethodIs405JsonWithAllow) {
  struct Case {
    const char* method;
    const char* path;
    const char* allowed;  // must appear in Allow
  };
  const Case cases[] = {
      {"PUT", "/login", "POST"},
      {"GET", "/login", "POST"},
      {"DELETE", "/check_auth_status", "GET"},
      {"POST", "/check_auth_status", "GET"},
      {"PUT", "/signup", "POST"},
      {"DELETE", "/current_user_details", "GET"},
      {"PATCH", "/logout", "GET"},
      {"POST", "/healthz", "GET"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    const Response r = client.request(c.method, c.path, std::string(c.method) == "GET" ? "" : "{}",
                                      std::string(c.method) == "GET" ? "" : "application/json", {});
    EXPECT_TRUE(IsError(r, 405));
    ASSERT_TRUE(r.has_header("allow")) << "no Allow header";
    std::vector<std::string> allowed;
    for (auto part : text::split(r.header("allow"), ',')) allowed.emplace_back(text::trim(part));
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), c.allowed), allowed.end())
        << "Allow: " << r.header("allow") << " lacks " << c.allowed;
    EXPECT_EQ(std::find(allowed.begin(), allowed.end(), c.method), allowed.end())
        << "Allow: " << r.header("allow") << " lists the refused method";
    ExpectHandlerAlive();
  }
}

// --- headers nginx adds ------------------------------------------------------------------------

void ExpectSecurityHeaders(const Response& r, bool over_https) {
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << r.describe();
  const std::string frame = text::to_lower(r.header("x-frame-options"));
  EXPECT_TRUE(frame == "deny" || frame == "sameorigin") << "X-Frame-Options: '" << frame << "'";
  if (over_https) {
    EXPECT_NE(r.header("strict-transport-security").find("max-age="), std::string::npos)
        << "Strict-Transport-Security: '" << r.header("strict-transport-security") << "'";
  }
  EXPECT_EQ(r.headers.count("x-content-type-options"), 1u) << "X-Content-Type-Options appears twice";
  EXPECT_EQ(r.headers.count("x-frame-options"), 1u) << "X-Frame-Options appears twice";
}

TEST_F(BadInputTest, SecurityHeadersOnEveryKindOfResponse) {
  for (const bool https : {true, false}) {
    SCOPED_TRACE(https ? "HTTPS" : "HTTP");
    Client c(https ? env().base_url : env().http_base_url);
    const Response ok = c.get("/check_auth_status");
    ASSERT_TRUE(HasStatus(ok, 200));
    ExpectSecurityHeaders(ok, https);
    const Response unauthorized = c.get("/current_user_details");
    ASSERT_TRUE(HasStatus(unauthorized, 401));
    ExpectSecurityHeaders(unauthorized, https);
    const Response not_found = c.get("/no/such/path");
    ASSERT_TRUE(HasStatus(not_found, 404));
    ExpectSecurityHeaders(not_found, https);
    const Response bad = c.post("/login", "{");
    ASSERT_TRUE(HasStatus(bad, 400));
    ExpectSecurityHeaders(bad, https);
    const Response too_big = c.post("/login", std::string(2 * 1024 * 1024, 'x'));
    ASSERT_TRUE(HasStatus(too_big, 413));
    ExpectSecurityHeaders(too_big, https);
  }
}

TEST_F(BadInputTest, CorsPreflightFromAllowedOrigin) {
  const Response r = client.options("/login", {{"Origin", "http://localhost:3000"},
                                                {"Access-Control-Request-Method", "POST"},
                                                {"Access-Control-Request-Headers", "content-type,x-csrftoken"}});
  ASSERT_TRUE(HasStatus(r, 204));
  EXPECT_EQ(r.header("access-control-allow-origin"), "http://localhost:3000");
  EXPECT_EQ(r.header("access-control-allow-credentials"), "true");
  EXPECT_NE(r.header("access-control-allow-methods").find("POST"), std::string::npos)
      << "Access-Control-Allow-Methods: " << r.header("access-control-allow-methods");
  // The client sends X-CSRFToken on writes; the preflight has to allow it.
  EXPECT_NE(text::to_lower(r.header("access-control-allow-headers")).find("x-csrftoken"), std::string::npos)
      << "Access-Control-Allow-Headers: " << r.header("access-control-allow-headers");
  EXPECT_FALSE(r.has_header("x-handler-pid")) << "the preflight reached a handler";

  // The actual request from that origin carries the same two headers.
  const Response actual = client.get("/check_auth_status", {{"Origin", "http://localhost:3000"}});
  ASSERT_TRUE(HasStatus(actual, 200));
  EXPECT_EQ(actual.header("access-control-allow-origin"), "http://localhost:3000");
  EXPECT_EQ(actual.header("access-control-allow-credentials"), "true");
}

TEST_F(BadInputTest, CorsForeignOriginGetsNoAllowOrigin) {
  for (const char* origin : {"https://evil.example", "http://localhost:3001", "null", "http://localhost:3000.evil.example"}) {
    SCOPED_TRACE(origin);
    const Response pre = client.options("/login", {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}});
    ASSERT_TRUE(pre) << pre.error;
    EXPECT_FALSE(pre.has_header("access-control-allow-origin")) << pre.header("access-control-allow-origin");
    EXPECT_FALSE(pre.has_header("access-control-allow-credentials"));
    const Response actual = client.get("/check_auth_status", {{"Origin", origin}});
    ASSERT_TRUE(HasStatus(actual, 200));
    EXPECT_FALSE(actual.has_header("access-control-allow-origin")) << actual.header("access-control-allow-origin");
  }
}

TEST_F(BadInputTest, HealthzIs200) {
  for (const bool https : {true, false}) {
    SCOPED_TRACE(https ? "HTTPS" : "HTTP");
    Client c(https ? env().base_url : env().http_base_url);
    const Response r = c.get("/healthz");
    EXPECT_TRUE(IsSuccess(r, 200)) << r.describe();
  }
}

}  // namespace
}  // namespace t2o::it
