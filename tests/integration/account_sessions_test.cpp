// The account group's password change and session list, through nginx (API.md "Account
// group"): POST /change_password, GET /sessions, DELETE /sessions/<id>.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

constexpr const char* kPasswordPolicy = "Password does not meet the criteria";
constexpr const char* kInvalidCredentials = "Invalid credentials";
constexpr const char* kUserAgent = "t2o-integration-tests/1";  // what http_client.cpp sends
const std::set<std::string> kSessionFields = {"id", "created_at", "last_seen_at", "ip", "user_agent", "current"};

// A logged-in session of a user.
struct Session {
  Client client;
  std::string csrf;
  long long id = 0;  // from GET /sessions (current:true)

  Headers csrf_header() const { return {{"X-CSRFToken", csrf}}; }
};

Json::Value change_body(const std::string& current, const std::string& replacement) {
  Json::Value body;
  body["current_password"] = current;
  body["new_password"] = replacement;
  return body;
}

constexpr int kProbes = 12;

// GET /current_user_details kProbes times (so several auth processes answer, each with its
// own session cache): how often each status came back.
std::map<long, int> probe(Client& client) {
  std::map<long, int> statuses;
  for (int i = 0; i < kProbes; ++i) ++statuses[client.get("/current_user_details").status];
  return statuses;
}
// What probe() returns when every request got `status`.
std::map<long, int> always(long status) { return {{status, kProbes}}; }

class AccountSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }

  void NewUser(Identity& id, const std::string& tag) {
    id = unique_identity(tag);
    Client client;
    ASSERT_EQ(create_verified_user(client, id), "");
  }

  // Logs `id` in on a new session and finds that session's id in GET /sessions.
  void LogIn(const Identity& id, Session& session, const std::string& password = {}) {
    const Response login = login_json(session.client, id.username, password.empty() ? id.password : password);
    ASSERT_TRUE(IsSuccess(login, 200, "Login successful"));
    ASSERT_TRUE((*login.json)["csrf_token"].isString()) << login.describe();
    session.csrf = (*login.json)["csrf_token"].asString();
    const Response list = session.client.get("/sessions");
    ASSERT_TRUE(IsSuccess(list, 200));
    ASSERT_TRUE((*list.json)["sessions"].isArray()) << list.describe();
    for (const auto& s : (*list.json)["sessions"]) {
      if (s["current"] == Json::Value(true) && s["id"].isIntegral()) session.id = s["id"].asInt64();
    }
    ASSERT_NE(session.id, 0) << "no current:true session with an integer id: " << list.describe();
  }
};

// --- POST /change_password -------------------------------------------------------------------

TEST_F(AccountSessionsTest, ChangePasswordChecksCurrentAndPolicyThenEndsOtherSessions) {
  Identity id;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acpw"));
  Session current, other;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, current));
  ASSERT_NO_FATAL_FAILURE(LogIn(id, other));
  EXPECT_EQ(probe(other.client), always(200));
  const std::string fresh = "Changed-" + id.username.substr(id.username.size() - 6) + "-9x!";

  // Wrong current password.
  EXPECT_TRUE(IsError(current.client.post_json("/change_password", change_body("Wrong-Pass-1!", fresh),
                                               current.csrf_header()),
                      401));
  // Right current password, new one against the policy.
  for (const std::string weak : {"short1!", "alllowercase1!", "ALLUPPERCASE1!", "NoDigitsHere!", "NoSymbols123"}) {
    EXPECT_TRUE(IsError(current.client.post_json("/change_password", change_body(id.password, weak),
                                                 current.csrf_header()),
                        400, kPasswordPolicy))
        << weak;
  }
  // Missing fields.
  Json::Value only_new;
  only_new["new_password"] = fresh;
  EXPECT_TRUE(IsError(current.client.post_json("/change_password", only_new, current.csrf_header()), 400));
  Json::Value only_current;
  only_current["current_password"] = id.password;
  EXPECT_TRUE(IsError(current.client.post_json("/change_password", only_current, current.csrf_header()), 400));
  // None of that changed anything.
  EXPECT_EQ(probe(other.client), always(200)) << "a refused change ended another session";
  {
    Client check;
    EXPECT_TRUE(IsSuccess(login_json(check, id.username, id.password), 200)) << "a refused change changed the password";
  }

  // Success: 200; the other session ends at once, the current one goes on.
  EXPECT_TRUE(IsSuccess(current.client.post_json("/change_password", change_body(id.password, fresh),
                                                 current.csrf_header()),
                        200));
  EXPECT_EQ(probe(other.client), always(401)) << "the other session survived the password change";
  EXPECT_TRUE(IsError(other.client.get("/current_user_details"), 401, kLoginRequired));
  EXPECT_EQ(probe(current.client), always(200)) << "the current session must stay valid";
  // Its CSRF token too: a second change through the same session works.
  const std::string fresher = fresh + "2";
  EXPECT_TRUE(IsSuccess(current.client.post_json("/change_password", change_body(fresh, fresher),
                                                 current.csrf_header()),
                        200));

  Client later;
  EXPECT_TRUE(IsError(login_json(later, id.username, id.password), 401, kInvalidCredentials));
  EXPECT_TRUE(IsError(login_json(later, id.username, fresh), 401, kInvalidCredentials));
  EXPECT_TRUE(IsSuccess(login_json(later, id.username, fresher), 200, "Login successful"));
}

TEST_F(AccountSessionsTest, ChangePasswordNeedsSessionAndCsrf) {
  Identity id;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acpwg"));
  const Json::Value body = change_body(id.password, "Other-Pass-77!");
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.post_json("/change_password", body), 401, kLoginRequired));
  EXPECT_TRUE(IsError(anonymous.post_json("/change_password", body, {{"X-CSRFToken", "x"}}), 401, kLoginRequired));
  Session session;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, session));
  EXPECT_TRUE(IsError(session.client.post_json("/change_password", body), 403, kCsrfFailed));
  EXPECT_TRUE(
      IsError(session.client.post_json("/change_password", body, {{"X-CSRFToken", "wrong"}}), 403, kCsrfFailed));
  Client check;
  EXPECT_TRUE(IsSuccess(login_json(check, id.username, id.password), 200)) << "a refused change changed the password";
}

// --- GET /sessions ------------------------------------------------------------------------

TEST_F(AccountSessionsTest, SessionsListsTheCallersOwnSessionsWithOneCurrent) {
  Identity id, stranger;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acls"));
  ASSERT_NO_FATAL_FAILURE(NewUser(stranger, "aclx"));
  Session a, b, c, x;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, a));
  ASSERT_NO_FATAL_FAILURE(LogIn(id, b));
  ASSERT_NO_FATAL_FAILURE(LogIn(id, c));
  ASSERT_NO_FATAL_FAILURE(LogIn(stranger, x));
  EXPECT_EQ(std::set<long long>({a.id, b.id, c.id, x.id}).size(), 4u);

  const Response r = b.client.get("/sessions");
  ASSERT_TRUE(IsSuccess(r, 200));
  const Json::Value& sessions = (*r.json)["sessions"];
  ASSERT_TRUE(sessions.isArray()) << r.describe();
  std::set<long long> ids;
  int current = 0;
  for (const auto& s : sessions) {
    ASSERT_TRUE(s.isObject()) << r.describe();
    EXPECT_EQ(member_names(s), kSessionFields) << "session entry fields: " << json_text(s);
    ASSERT_TRUE(s["id"].isIntegral()) << json_text(s);
    ids.insert(s["id"].asInt64());
    EXPECT_TRUE(s["created_at"].isString() && !s["created_at"].asString().empty()) << json_text(s);
    EXPECT_TRUE(s["last_seen_at"].isString() && !s["last_seen_at"].asString().empty()) << json_text(s);
    EXPECT_TRUE(s["ip"].isString() && !s["ip"].asString().empty()) << json_text(s);
    EXPECT_EQ(s["user_agent"], Json::Value(kUserAgent)) << json_text(s);
    ASSERT_TRUE(s["current"].isBool()) << json_text(s);
    if (s["current"].asBool()) {
      ++current;
      EXPECT_EQ(s["id"].asInt64(), b.id) << "current:true on another session than the caller's";
    }
  }
  EXPECT_EQ(current, 1) << "exactly one session must be current: " << r.describe();
  EXPECT_EQ(ids, std::set<long long>({a.id, b.id, c.id})) << "the caller's three sessions, no other user's: "
                                                          << r.describe();

  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.get("/sessions"), 401, kLoginRequired));
}

// --- DELETE /sessions/<id> ------------------------------------------------------------------

TEST_F(AccountSessionsTest, DeletingOwnOtherSessionEndsItAtOnce) {
  Identity id;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acdel"));
  Session a, b;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, a));
  ASSERT_NO_FATAL_FAILURE(LogIn(id, b));
  EXPECT_EQ(probe(b.client), always(200));  // cached in several processes

  const Response r = a.client.del("/sessions/" + std::to_string(b.id), "", "application/json", a.csrf_header());
  EXPECT_TRUE(IsSuccess(r, 200));
  EXPECT_EQ(probe(b.client), always(401)) << "the deleted session still answers";
  EXPECT_TRUE(IsError(b.client.get("/current_user_details"), 401, kLoginRequired));
  EXPECT_TRUE(IsError(b.client.get("/sessions"), 401, kLoginRequired));
  EXPECT_EQ(probe(a.client), always(200)) << "deleting another session ended the caller's";

  const Response list = a.client.get("/sessions");
  ASSERT_TRUE(IsSuccess(list, 200));
  std::set<long long> ids;
  for (const auto& s : (*list.json)["sessions"]) ids.insert(s["id"].asInt64());
  EXPECT_EQ(ids, std::set<long long>({a.id})) << list.describe();

  // Gone means gone: deleting it again is 404.
  EXPECT_TRUE(IsError(a.client.del("/sessions/" + std::to_string(b.id), "", "application/json", a.csrf_header()), 404));
}

TEST_F(AccountSessionsTest, DeletingTheCurrentSessionLogsTheCallerOut) {
  Identity id;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acself"));
  Session a;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, a));
  const auto token = a.client.cookie("session");
  ASSERT_TRUE(token);
  const Response r = a.client.del("/sessions/" + std::to_string(a.id), "", "application/json", a.csrf_header());
  EXPECT_TRUE(IsSuccess(r, 200));
  Client replay;
  replay.set_cookie("session", *token);
  EXPECT_TRUE(IsError(replay.get("/current_user_details"), 401, kLoginRequired));
}

TEST_F(AccountSessionsTest, AnotherUsersSessionOrANonNumericIdIs404) {
  Identity id, stranger;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acown"));
  ASSERT_NO_FATAL_FAILURE(NewUser(stranger, "acstr"));
  Session a, x;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, a));
  ASSERT_NO_FATAL_FAILURE(LogIn(stranger, x));

  EXPECT_TRUE(IsError(a.client.del("/sessions/" + std::to_string(x.id), "", "application/json", a.csrf_header()), 404));
  EXPECT_EQ(probe(x.client), always(200)) << "another user's session was deleted";
  for (const std::string bad : {"abc", "1x", "-1", "99999999999999999999999"}) {
    const Response r = a.client.del("/sessions/" + bad, "", "application/json", a.csrf_header());
    EXPECT_TRUE(IsError(r, 404)) << "/sessions/" << bad;
  }
  EXPECT_TRUE(IsSuccess(a.client.get("/current_user_details"), 200));
}

TEST_F(AccountSessionsTest, DeleteNeedsCsrfAndSession) {
  Identity id;
  ASSERT_NO_FATAL_FAILURE(NewUser(id, "acdg"));
  Session a, b;
  ASSERT_NO_FATAL_FAILURE(LogIn(id, a));
  ASSERT_NO_FATAL_FAILURE(LogIn(id, b));
  const std::string path = "/sessions/" + std::to_string(b.id);
  EXPECT_TRUE(IsError(a.client.del(path), 403, kCsrfFailed));
  EXPECT_TRUE(IsError(a.client.del(path, "", "application/json", {{"X-CSRFToken", "wrong"}}), 403, kCsrfFailed));
  // b's CSRF token is bound to b's session, not to a's.
  EXPECT_TRUE(IsError(a.client.del(path, "", "application/json", b.csrf_header()), 403, kCsrfFailed));
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.del(path), 401, kLoginRequired));
  EXPECT_TRUE(IsError(anonymous.del(path, "", "application/json", b.csrf_header()), 401, kLoginRequired));
  EXPECT_EQ(probe(b.client), always(200)) << "a refused DELETE ended the session";
}

}  // namespace
}  // namespace t2o::it
