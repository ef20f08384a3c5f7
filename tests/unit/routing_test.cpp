// Unit tests for server/router (pattern matching, 404 vs 405) and server/dispatch end to
// end: a route table built here, a real Services on the test database, and every guard.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "db/errors.hpp"
#include "errors/http_error.hpp"
#include "server/dispatch.hpp"
#include "server/router.hpp"
#include "session/csrf.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::expect_error_body;
using t2o::testing::header_value;
using t2o::testing::make_request;

// ---- match_pattern ---------------------------------------------------------------------

TEST(RouterPattern, LiteralSegments) {
  std::map<std::string, std::string> params;
  EXPECT_TRUE(match_pattern("/login", "/login", params));
  EXPECT_TRUE(params.empty());
  EXPECT_TRUE(match_pattern("/admin/users/details", "/admin/users/details", params));
  EXPECT_FALSE(match_pattern("/login", "/logout", params));
  EXPECT_FALSE(match_pattern("/login", "/login/", params));
  EXPECT_FALSE(match_pattern("/login", "/Login", params));
  EXPECT_FALSE(match_pattern("/admin/users", "/admin", params));
  EXPECT_FALSE(match_pattern("/admin", "/admin/users", params));
}

TEST(RouterPattern, TokenSegment) {
  std::map<std::string, std::string> params;
  ASSERT_TRUE(match_pattern("/verify_email/<token>", "/verify_email/abc-DEF_123", params));
  EXPECT_EQ(params.size(), 1u);
  EXPECT_EQ(params.at("token"), "abc-DEF_123");
  EXPECT_FALSE(match_pattern("/verify_email/<token>", "/verify_email/", params)) << "empty segment";
  EXPECT_FALSE(match_pattern("/verify_email/<token>", "/verify_email", params));
  EXPECT_FALSE(match_pattern("/verify_email/<token>", "/verify_email/a/b", params));
}

TEST(RouterPattern, IntSegment) {
  std::map<std::string, std::string> params;
  ASSERT_TRUE(match_pattern("/boards/<int:board_id>/columns", "/boards/42/columns", params));
  EXPECT_EQ(params.at("board_id"), "42");
  ASSERT_TRUE(match_pattern("/sessions/<int:id>", "/sessions/0", params));
  EXPECT_EQ(params.at("id"), "0");
  ASSERT_TRUE(match_pattern("/sessions/<int:id>", "/sessions/999999999999999999", params));  // 18 digits
  EXPECT_EQ(params.at("id"), "999999999999999999");
}

TEST(RouterPattern, NonDigitsDoNotMatchAnInt) {
  std::map<std::string, std::string> params{{"stale", "value"}};
  for (const char* path : {"/sessions/abc", "/sessions/12a", "/sessions/-1", "/sessions/+1", "/sessions/1.5",
                           "/sessions/ 1", "/sessions/", "/sessions/9999999999999999999"}) {
    EXPECT_FALSE(match_pattern("/sessions/<int:id>", path, params)) << path;
  }
  // A failed match leaves params alone.
  EXPECT_EQ(params.size(), 1u);
  EXPECT_EQ(params.at("stale"), "value");
}

TEST(RouterPattern, SeveralParameters) {
  std::map<std::string, std::string> params;
  ASSERT_TRUE(
      match_pattern("/boards/<int:board_id>/columns/<int:column_id>/<name>", "/boards/1/columns/22/x y", params));
  EXPECT_EQ(params.at("board_id"), "1");
  EXPECT_EQ(params.at("column_id"), "22");
  EXPECT_EQ(params.at("name"), "x y");
  EXPECT_FALSE(match_pattern("/boards/<int:board_id>/columns/<int:column_id>/<name>", "/boards/1/cols/22/x", params));
}

// ---- find_route ------------------------------------------------------------------------

Response unused_handler(Context&, const Request&) { return success("unused"); }
Response other_handler(Context&, const Request&) { return success("other"); }

const Route kMatchRoutes[] = {
    {Method::Get, "/thing", unused_handler, kPublic},     {Method::Post, "/thing", other_handler, kSession},
    {Method::Delete, "/thing", unused_handler, kSession}, {Method::Get, "/items/<int:id>", unused_handler, kPublic},
    {Method::Get, "/items/new", other_handler, kPublic},  {Method::Get, "/tokens/<token>", unused_handler, kPublic},
};

TEST(RouterFind, MatchSelectsMethod) {
  const RouteMatch get = find_route(kMatchRoutes, Method::Get, "/thing");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(get.route, &kMatchRoutes[0]);
  const RouteMatch post = find_route(kMatchRoutes, Method::Post, "/thing");
  ASSERT_NE(post.route, nullptr);
  EXPECT_EQ(post.route, &kMatchRoutes[1]);
  EXPECT_TRUE(post.route->access.needs_session);
}

TEST(RouterFind, UnknownPathIsNotFound) {
  const RouteMatch match = find_route(kMatchRoutes, Method::Get, "/nothing/here");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowed.empty());
  EXPECT_EQ(find_route(kMatchRoutes, Method::Get, "/items/abc").allowed.size(), 0u) << "non-digit id: no route";
}

TEST(RouterFind, WrongMethodListsAllowedMethods) {
  const RouteMatch match = find_route(kMatchRoutes, Method::Patch, "/thing");
  EXPECT_EQ(match.route, nullptr);
  ASSERT_EQ(match.allowed.size(), 4u);  // a GET route answers HEAD too
  EXPECT_EQ(match.allowed[0], "GET");
  EXPECT_EQ(match.allowed[1], "HEAD");
  EXPECT_EQ(match.allowed[2], "POST");
  EXPECT_EQ(match.allowed[3], "DELETE");
  const RouteMatch put_item = find_route(kMatchRoutes, Method::Put, "/items/7");
  EXPECT_EQ(put_item.route, nullptr);
  ASSERT_EQ(put_item.allowed.size(), 2u);
  EXPECT_EQ(put_item.allowed[0], "GET");
  EXPECT_EQ(put_item.allowed[1], "HEAD");
}

TEST(RouterFind, HeadMatchesGet) {
  const RouteMatch match = find_route(kMatchRoutes, Method::Head, "/items/5");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route, &kMatchRoutes[3]);
  EXPECT_EQ(match.params.at("id"), "5");
  // HEAD does not match a path that has no GET.
  const Route post_only[] = {{Method::Post, "/p", unused_handler, kPublic}};
  EXPECT_EQ(find_route(post_only, Method::Head, "/p").route, nullptr);
}

TEST(RouterFind, FirstMatchingRouteWinsAndFillsParams) {
  const RouteMatch numeric = find_route(kMatchRoutes, Method::Get, "/items/12");
  ASSERT_NE(numeric.route, nullptr);
  EXPECT_EQ(numeric.route, &kMatchRoutes[3]);
  EXPECT_EQ(numeric.params.at("id"), "12");
  const RouteMatch literal = find_route(kMatchRoutes, Method::Get, "/items/new");
  ASSERT_NE(literal.route, nullptr);
  EXPECT_EQ(literal.route, &kMatchRoutes[4]);
  EXPECT_TRUE(literal.params.empty());
}

// ---- dispatch --------------------------------------------------------------------------

Response ok_handler(Context&, const Request&) { return success("ok"); }

Response echo_handler(Context& context, const Request& request) {
  Json::Value body;
  body["success"] = true;
  for (const auto& [name, value] : request.path_params) body["params"][name] = value;
  body["user_id"] = context.session ? static_cast<Json::Int64>(context.session->user_id) : Json::Int64(0);
  return json_response(200, body);
}

Response throws_bad_request(Context&, const Request&) { throw BadRequest("email is required"); }
Response throws_conflict(Context&, const Request&) { throw Conflict("Username already exists"); }
Response throws_runtime_error(Context&, const Request&) {
  throw std::runtime_error("secret internal detail: connection string postgresql://t2o:hunter2@db");
}
Response throws_unique_violation(Context&, const Request&) {
  throw db::UniqueViolation("duplicate key value violates unique constraint \"users_email_lower_key\"", "23505",
                            "users_email_lower_key");
}

const Route kRoutes[] = {
    {Method::Get, "/ok", ok_handler, kPublic},
    {Method::Get, "/items/<int:id>", echo_handler, kPublic},
    {Method::Get, "/thing", ok_handler, kPublic},
    {Method::Put, "/thing", ok_handler, kSession},
    {Method::Get, "/bad", throws_bad_request, kPublic},
    {Method::Get, "/conflict", throws_conflict, kPublic},
    {Method::Get, "/boom", throws_runtime_error, kPublic},
    {Method::Get, "/unique", throws_unique_violation, kPublic},
    {Method::Get, "/me", echo_handler, kSession},
    {Method::Post, "/protected", echo_handler, kSession},
    {Method::Post, "/public_post", ok_handler, kPublic},
    {Method::Post, "/exempt", ok_handler, kPublicCsrfExempt},
    {Method::Post, "/session_exempt", echo_handler, kSessionCsrfExempt},
    {Method::Get, "/admin_only", echo_handler, needs("manage_admin")},
    {Method::Delete, "/admin_only", echo_handler, needs("manage_admin")},
};

class DispatchTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    config.secret_key = "unit-test-secret-key-0123456789abcdef";
    services = std::make_unique<Services>(Services{config, *db, *sessions, nullptr, "test"});
    user_id = t2o::testing::insert_user(*db, "plain_user", "plain@example.test");
    user_session = t2o::testing::open_session(*db, *sessions, user_id);
    admin_session = t2o::testing::open_session(*db, *sessions, t2o::testing::admin_user_id(*db));
  }

  Response run(Request& request) { return dispatch(*services, kRoutes, request); }

  Request logged_in(Method method, const std::string& path, const NewSession& session) {
    Request request = make_request(method, path);
    request.cookies[kSessionCookie] = session.token;
    return request;
  }

  std::string csrf_for(const NewSession& session) { return csrf_token_for(config.secret_key, session.token); }

  std::unique_ptr<Services> services;
  long long user_id = 0;
  NewSession user_session;
  NewSession admin_session;
};

TEST_F(DispatchTest, PublicGetSucceeds) {
  Request request = make_request(Method::Get, "/ok");
  const Response response = run(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  const Json::Value body = t2o::testing::body_json(response);
  EXPECT_EQ(body["success"], Json::Value(true));
  EXPECT_EQ(body["message"].asString(), "ok");
}

TEST_F(DispatchTest, PathParametersReachTheHandler) {
  Request request = make_request(Method::Get, "/items/314");
  const Response response = run(request);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(t2o::testing::body_json(response)["params"]["id"].asString(), "314");
  EXPECT_EQ(request.path_params.at("id"), "314");
}

TEST_F(DispatchTest, UnknownPathIs404JsonError) {
  Request request = make_request(Method::Get, "/no/such/path");
  const Response response = run(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/json");
  expect_error_body(response, "Not found");
  EXPECT_FALSE(header_value(response, "Allow"));
}

TEST_F(DispatchTest, NonDigitIdIs404) {
  Request request = make_request(Method::Get, "/items/abc");
  EXPECT_EQ(run(request).status, 404);
}

TEST_F(DispatchTest, WrongMethodIs405WithAllowHeader) {
  Request request = make_request(Method::Delete, "/thing");
  const Response response = run(request);
  EXPECT_EQ(response.status, 405);
  expect_error_body(response, "Method not allowed");
  EXPECT_EQ(header_value(response, "Allow"), "GET, HEAD, PUT");
}

TEST_F(DispatchTest, HeadRunsTheGetRouteWithoutBody) {
  Request request = make_request(Method::Head, "/ok");
  const Response response = run(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  // A HEAD to a missing path is still a 404 without a body.
  Request missing = make_request(Method::Head, "/missing");
  const Response not_found = run(missing);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_TRUE(not_found.body.empty());
}

TEST_F(DispatchTest, HandlerBadRequestIs400WithItsMessage) {
  Request request = make_request(Method::Get, "/bad");
  const Response response = run(request);
  EXPECT_EQ(response.status, 400);
  expect_error_body(response, "email is required");
}

TEST_F(DispatchTest, HandlerConflictIs409WithItsMessage) {
  Request request = make_request(Method::Get, "/conflict");
  const Response response = run(request);
  EXPECT_EQ(response.status, 409);
  expect_error_body(response, "Username already exists");
}

TEST_F(DispatchTest, UnexpectedExceptionIs500WithoutDetails) {
  Request request = make_request(Method::Get, "/boom");
  const Response response = run(request);
  EXPECT_EQ(response.status, 500);
  expect_error_body(response, "Internal server error");
  EXPECT_EQ(response.body.find("secret"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find("hunter2"), std::string::npos) << response.body;
}

TEST_F(DispatchTest, UniqueViolationIs409WithoutDatabaseText) {
  Request request = make_request(Method::Get, "/unique");
  const Response response = run(request);
  EXPECT_EQ(response.status, 409);
  expect_error_body(response, "Resource already exists");
  EXPECT_EQ(response.body.find("users_email_lower_key"), std::string::npos) << response.body;
}

TEST_F(DispatchTest, TestingEnvironmentAddsHandlerPid) {
  Request request = make_request(Method::Get, "/ok");
  const auto pid = header_value(run(request), "X-Handler-Pid");
  ASSERT_TRUE(pid);
  EXPECT_EQ(*pid, std::to_string(::getpid()));

  config.app_env = "development";
  Request again = make_request(Method::Get, "/ok");
  EXPECT_FALSE(header_value(run(again), "X-Handler-Pid"));
}

TEST_F(DispatchTest, SessionRouteWithoutSessionIs401) {
  Request request = make_request(Method::Get, "/me");
  const Response response = run(request);
  EXPECT_EQ(response.status, 401);
  expect_error_body(response, "Please log in to access this resource.");
}

TEST_F(DispatchTest, SessionRouteWithUnknownCookieIs401) {
  Request request = make_request(Method::Get, "/me");
  request.cookies[kSessionCookie] = "not-a-real-session-token";
  const Response response = run(request);
  EXPECT_EQ(response.status, 401);
  expect_error_body(response, "Please log in to access this resource.");
}

TEST_F(DispatchTest, SessionRouteWithSessionSeesTheUser) {
  Request request = logged_in(Method::Get, "/me", user_session);
  const Response response = run(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(t2o::testing::body_json(response)["user_id"].asInt64(), user_id);
}

TEST_F(DispatchTest, PostWithoutCsrfHeaderIs403) {
  Request request = logged_in(Method::Post, "/protected", user_session);
  const Response response = run(request);
  EXPECT_EQ(response.status, 403);
  expect_error_body(response, "CSRF token validation failed");
}

TEST_F(DispatchTest, PostWithWrongCsrfIs403) {
  for (const std::string& wrong : {std::string("wrong"), csrf_for(admin_session), csrf_for(user_session) + "x",
                                   csrf_for(user_session).substr(1)}) {
    Request request = logged_in(Method::Post, "/protected", user_session);
    request.headers[kCsrfHeader] = wrong;
    const Response response = run(request);
    EXPECT_EQ(response.status, 403) << wrong;
    expect_error_body(response, "CSRF token validation failed");
  }
}

TEST_F(DispatchTest, PostWithRightCsrfIs200) {
  Request request = logged_in(Method::Post, "/protected", user_session);
  request.headers[kCsrfHeader] = csrf_for(user_session);
  const Response response = run(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(t2o::testing::body_json(response)["user_id"].asInt64(), user_id);
}

TEST_F(DispatchTest, CsrfIsCheckedForEveryStateChangingMethod) {
  Request without = logged_in(Method::Delete, "/admin_only", admin_session);
  EXPECT_EQ(run(without).status, 403);
  Request with = logged_in(Method::Delete, "/admin_only", admin_session);
  with.headers[kCsrfHeader] = csrf_for(admin_session);
  EXPECT_EQ(run(with).status, 200);
}

TEST_F(DispatchTest, PublicPostStillNeedsCsrf) {
  Request request = make_request(Method::Post, "/public_post");
  const Response response = run(request);
  EXPECT_EQ(response.status, 403);
  expect_error_body(response, "CSRF token validation failed");
}

TEST_F(DispatchTest, ExemptRouteNeedsNoCsrf) {
  Request anonymous = make_request(Method::Post, "/exempt");
  EXPECT_EQ(run(anonymous).status, 200);
  Request with_session = logged_in(Method::Post, "/session_exempt", user_session);
  const Response response = run(with_session);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(t2o::testing::body_json(response)["user_id"].asInt64(), user_id);
  // Exempt from CSRF is not exempt from the session.
  Request no_session = make_request(Method::Post, "/session_exempt");
  EXPECT_EQ(run(no_session).status, 401);
}

TEST_F(DispatchTest, PermissionMissingIs403) {
  Request request = logged_in(Method::Get, "/admin_only", user_session);
  const Response response = run(request);
  EXPECT_EQ(response.status, 403);
  expect_error_body(response, "Unauthorized access");
}

TEST_F(DispatchTest, PermissionHeldIs200) {
  Request request = logged_in(Method::Get, "/admin_only", admin_session);
  const Response response = run(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(t2o::testing::body_json(response)["user_id"].asInt64(), t2o::testing::admin_user_id(*db));
}

TEST_F(DispatchTest, PermissionRouteWithoutSessionIs401) {
  Request request = make_request(Method::Get, "/admin_only");
  EXPECT_EQ(run(request).status, 401);
}

TEST_F(DispatchTest, PermissionFollowsRoleChanges) {
  // Give the plain user Super Admin: the same session now passes.
  db->exec("INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'Super Admin'", {user_id});
  Request request = logged_in(Method::Get, "/admin_only", user_session);
  EXPECT_EQ(run(request).status, 200);
}

TEST_F(DispatchTest, LoggedOutSessionIsRejected) {
  db::Transaction tx(*db);
  ASSERT_TRUE(sessions->delete_session(tx, user_id, user_session.id));
  tx.commit();
  Request request = logged_in(Method::Get, "/me", user_session);
  EXPECT_EQ(run(request).status, 401);
}

}  // namespace
}  // namespace t2o
