// Two app hosts behind one nginx, one PostgreSQL (tests/run's "faults" suite sets them up:
// host A is the test stack with its handlers on 127.0.0.2, host B runs `deploy/up
// --app-host` on 127.0.0.3 with its own var and run dirs, through pgbouncer in
// transaction mode). What one host does, the other must see: a logout, a lockout, the
// outbox; and losing host A mid-load must cost no request nginx could retry.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fcgi_client.hpp"
#include "http_client.hpp"
#include "json/json.hpp"
#include "load.hpp"
#include "stack_files.hpp"
#include "stack_sql.hpp"

namespace t2o::faults {
namespace {

using namespace std::chrono_literals;
using t2o::it::Client;
using t2o::it::env;

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// One app host: where its groups listen and where its run dir is.
struct Host {
  std::string address;
  std::string var_dir;

  // The group's port: T2O_FCGI_PORT + its index in the handler-groups list.
  int port(const std::string& group) const {
    std::istringstream groups(read_file(env().var_dir + "/handler-groups"));
    std::string name;
    for (int index = 0; groups >> name; ++index) {
      if (name == group) return std::stoi(env_or_empty("T2O_FCGI_PORT")) + index;
    }
    return -1;
  }
  FcgiResponse call(const std::string& group, const FcgiRequest& request) const {
    return fcgi_call(address, port(group), request);
  }
  // The pids the group's supervisor lists (its workers, and with_supervisor itself).
  std::vector<pid_t> pids(const std::string& group, bool with_supervisor = false) const {
    const WorkerStatus status = group_status(var_dir, group);
    std::vector<pid_t> found = status.workers;
    if (with_supervisor && status.supervisor) found.push_back(status.supervisor);
    return found;
  }
};

class TwoHostsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string problem = t2o::it::env_problem(); !problem.empty()) GTEST_FAIL() << problem;
    a = Host{env_or_empty("T2O_HOST_A"), env().var_dir};
    b = Host{env_or_empty("T2O_HOST_B"), env_or_empty("T2O_HOST_B_VAR_DIR")};
    if (a.address.empty() || b.address.empty() || b.var_dir.empty() || env_or_empty("T2O_FCGI_PORT").empty()) {
      GTEST_FAIL() << "T2O_HOST_A, T2O_HOST_B, T2O_HOST_B_VAR_DIR and T2O_FCGI_PORT must be set (tests/run sets them)";
    }
  }

  // Logs in through nginx; the session cookie and CSRF token.
  std::pair<std::string, std::string> log_in(const std::string& user, const std::string& password) {
    Client client;
    const t2o::it::Response login = t2o::it::login_json(client, user, password);
    EXPECT_EQ(login.status, 200) << login.describe();
    if (login.status != 200 || !login.json) return {};
    return {"session=" + client.cookie("session").value_or(""), (*login.json)["csrf_token"].asString()};
  }

  static FcgiRequest get(const std::string& path, const std::string& cookie) {
    FcgiRequest request;
    request.path = path;
    request.headers["Cookie"] = cookie;
    return request;
  }

  static FcgiRequest login_request(const std::string& user, const std::string& password) {
    FcgiRequest request;
    request.method = "POST";
    request.path = "/login";
    request.content_type = "application/json";
    Json::Value body;
    body["username_or_email"] = user;
    body["password"] = password;
    request.body = Json::writeString(Json::StreamWriterBuilder(), body);
    return request;
  }

  Host a, b;
};

TEST_F(TwoHostsTest, NginxBalancesTheGroupsOverBothHosts) {
  const std::vector<pid_t> on_a = a.pids("auth"), on_b = b.pids("auth");
  ASSERT_FALSE(on_a.empty());
  ASSERT_FALSE(on_b.empty());
  Client client;
  int answered_by_a = 0, answered_by_b = 0;
  for (int i = 0; i < 40; ++i) {
    const t2o::it::Response r = client.get("/check_auth_status");
    ASSERT_EQ(r.status, 200) << r.describe();
    const pid_t pid = static_cast<pid_t>(std::stol(r.header("x-handler-pid")));
    if (std::find(on_a.begin(), on_a.end(), pid) != on_a.end()) ++answered_by_a;
    if (std::find(on_b.begin(), on_b.end(), pid) != on_b.end()) ++answered_by_b;
  }
  std::printf("[ two hosts ] 40 requests: %d answered by host A, %d by host B\n", answered_by_a, answered_by_b);
  EXPECT_GE(answered_by_a, 10);
  EXPECT_GE(answered_by_b, 10);
  EXPECT_EQ(answered_by_a + answered_by_b, 40);
}

TEST_F(TwoHostsTest, ALogoutOnHostAIsRefusedOnHostBWithin100ms) {
  const auto [cookie, csrf] = log_in("admin", env().admin_password);
  ASSERT_FALSE(cookie.empty());
  // Every worker of host B has the session in its cache.
  for (std::size_t i = 0; i < 4 * b.pids("auth").size(); ++i) {
    const FcgiResponse r = b.call("auth", get("/current_user_details", cookie));
    ASSERT_EQ(r.status, 200) << r.error << r.body;
  }
  FcgiRequest logout;
  logout.method = "POST";
  logout.path = "/logout";
  logout.headers["Cookie"] = cookie;
  logout.headers["X-CSRFToken"] = csrf;
  const FcgiResponse out = a.call("auth", logout);
  ASSERT_EQ(out.status, 200) << out.error << out.body;
  const auto logged_out = std::chrono::steady_clock::now();

  // Ask host B for 300 ms, spread over its workers: each worker reads the revocation
  // notices at most every 50 ms, so some may still accept the cookie for a moment. The
  // last acceptance must come within 100 ms of the logout; every answer after is 401.
  double last_accepted_ms = -1, first_refused_ms = -1;
  int answers = 0;
  while (std::chrono::steady_clock::now() - logged_out < 300ms) {
    const FcgiResponse r = b.call("auth", get("/current_user_details", cookie));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - logged_out).count();
    ASSERT_TRUE(r.status == 200 || r.status == 401) << r.status << " " << r.error << r.body;
    ++answers;
    if (r.status == 200) last_accepted_ms = ms;
    if (r.status == 401 && first_refused_ms < 0) first_refused_ms = ms;
    std::this_thread::sleep_for(1ms);
  }
  std::printf("[ two hosts ] after a logout on host A, host B (%d answers in 300 ms) first refused the cookie at "
              "%.1f ms and last accepted it at %.1f ms\n",
              answers, first_refused_ms, last_accepted_ms);
  EXPECT_GE(first_refused_ms, 0) << "host B never refused the logged-out cookie";
  EXPECT_LT(last_accepted_ms, 100) << "host B still accepted the cookie 100 ms after the logout";
}

TEST_F(TwoHostsTest, ABoardRenamedOnHostAIsSeenOnHostBWithin100ms) {
  const auto [cookie, csrf] = log_in("admin", env().admin_password);
  ASSERT_FALSE(cookie.empty());
  const auto write = [&, &cookie = cookie, &csrf = csrf](const std::string& method, const std::string& body) {
    FcgiRequest request;
    request.method = method;
    request.path = "/boards";
    request.content_type = "application/json";
    request.headers["Cookie"] = cookie;
    request.headers["X-CSRFToken"] = csrf;
    request.body = body;
    return a.call("board", request);
  };
  const FcgiResponse created = write("POST", R"({"name":"before rename"})");
  ASSERT_EQ(created.status, 201) << created.error << created.body;
  const std::string id = std::to_string(t2o::json::parse(created.body)["id"].asInt64());
  const std::string path = "/boards/" + id;
  // Every worker of host B has the board in its answer cache.
  for (std::size_t i = 0; i < 4 * b.pids("board").size(); ++i) {
    const FcgiResponse r = b.call("board", get(path, cookie));
    ASSERT_EQ(r.status, 200) << r.error << r.body;
    ASSERT_NE(r.body.find("before rename"), std::string::npos);
  }
  const FcgiResponse renamed = write("PUT", R"({"id":)" + id + R"(,"name":"after rename"})");
  ASSERT_EQ(renamed.status, 200) << renamed.error << renamed.body;
  const auto changed = std::chrono::steady_clock::now();

  // As with a logout: each worker of B hears of the change within its 50 ms poll.
  double last_stale_ms = -1, first_fresh_ms = -1;
  while (std::chrono::steady_clock::now() - changed < 300ms) {
    const FcgiResponse r = b.call("board", get(path, cookie));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - changed).count();
    ASSERT_EQ(r.status, 200) << r.error << r.body;
    const bool fresh = r.body.find("after rename") != std::string::npos;
    if (!fresh) last_stale_ms = ms;
    if (fresh && first_fresh_ms < 0) first_fresh_ms = ms;
    std::this_thread::sleep_for(1ms);
  }
  std::printf("[ two hosts ] after a rename on host A, host B first answered the new name at %.1f ms and last "
              "answered the old one at %.1f ms\n",
              first_fresh_ms, last_stale_ms);
  EXPECT_GE(first_fresh_ms, 0) << "host B never answered the new name";
  EXPECT_LT(last_stale_ms, 100) << "host B still answered the old name 100 ms after the change";
  // And on host A itself the change is seen at once, by every worker.
  for (std::size_t i = 0; i < 4 * a.pids("board").size(); ++i) {
    EXPECT_NE(a.call("board", get(path, cookie)).body.find("after rename"), std::string::npos);
  }
}

TEST_F(TwoHostsTest, LockoutCountsFailuresOnBothHosts) {
  Client client;
  const t2o::it::Identity id = t2o::it::unique_identity("lock2");
  ASSERT_EQ(t2o::it::create_verified_user(client, id), "");
  for (int failure = 0; failure < 10; ++failure) {
    const Host& host = failure % 2 ? b : a;
    const FcgiResponse r = host.call("auth", login_request(id.username, "Wrong-Password-1"));
    ASSERT_EQ(r.status, 401) << "failure " << failure << " on " << host.address << ": " << r.error << r.body;
  }
  // Five failures on each host are ten on the account: both refuse even the right password.
  EXPECT_EQ(a.call("auth", login_request(id.username, id.password)).status, 429);
  EXPECT_EQ(b.call("auth", login_request(id.username, id.password)).status, 429);
}

TEST_F(TwoHostsTest, AnOutboxMailIsSentOnceThoughBothHostsMailersRun) {
  ASSERT_EQ(std::system(("test -s " + b.var_dir + "/run/mailer.pid").c_str()), 0) << "host B's mailer runs";
  const std::string tag = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<std::string> recipients;
  for (int i = 0; i < 20; ++i) {
    recipients.push_back("outbox-" + tag + "-" + std::to_string(i) + "@example.test");
    t2o::it::sql_exec(
        "WITH queued AS (INSERT INTO mail_outbox (recipient, subject, body_text) VALUES ($1, 'Two hosts', 'Once.') "
        "RETURNING id) SELECT pg_notify('t2o_outbox', '') FROM queued",
        {recipients.back()});
  }
  for (const std::string& recipient : recipients) {
    ASSERT_TRUE(t2o::it::wait_for_mail(recipient, 30s)) << "no mail to " << recipient;
  }
  std::this_thread::sleep_for(2s);  // time for a second copy, if one were coming
  for (const std::string& recipient : recipients) {
    EXPECT_EQ(t2o::it::mails_to(recipient).size(), 1u) << recipient;
  }
  EXPECT_EQ(t2o::it::sql_count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE $1 AND status = 'sent' "
                               "AND attempts = 1",
                               {"outbox-" + tag + "-%"}),
            20);
}

// Last: host A does not come back for the tests after it.
TEST_F(TwoHostsTest, LosingHostAMidLoadLosesNoRetryableRequest) {
  Client client;
  const t2o::it::Response login = t2o::it::login_json(client, "admin", env().admin_password);
  ASSERT_EQ(login.status, 200) << login.describe();
  std::vector<pid_t> host_a;
  std::istringstream groups(read_file(env().var_dir + "/handler-groups"));
  for (std::string group; groups >> group;) {
    for (pid_t pid : a.pids(group, true)) host_a.push_back(pid);
  }
  ASSERT_FALSE(host_a.empty());

  LoadPlan plan;
  plan.url = env().base_url + "/current_user_details";
  plan.requests = 3000;
  plan.concurrency = 16;
  plan.cookie = "session=" + client.cookie("session").value_or("");
  plan.agent_prefix = "t2o-two-hosts-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-";
  plan.ca_file = env().var_dir + "/tls/cert.pem";
  plan.fault_at = 500;
  plan.fault = [&] {
    for (pid_t pid : host_a) kill(pid, SIGKILL);  // supervisors and workers: the host is gone
  };
  const LoadResult result = run_load(plan);
  std::printf("[ two hosts ] host A killed (SIGKILL) under load: %s\n", result.summary().c_str());
  EXPECT_EQ(result.count_other(), 0) << result.summary();
  for (const std::string& failure : result.failures) ADD_FAILURE() << failure;
}

// Runs after the test above, with host A gone: a request nginx sends to host A fails
// there (connection refused, an upstream error nginx logs with the request line) and is
// answered by host B. On the paths that carry a token, that error line must not be
// written (handlers/routing/nginx_routes.cpp); on any other path it is, which shows the
// log is live and that a token in it would be found. nginx stops trying a failed host for
// fail_timeout (5 s, upstreams.conf), hence the pauses.
TEST_F(TwoHostsTest, AnUpstreamFailureOnATokenPathLogsNoToken) {
  Client client;
  const auto stamp = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  const auto wait_for_host_a_to_be_tried = [] { std::this_thread::sleep_for(5500ms); };
  const std::string access_log = env().var_dir + "/log/nginx-access.log";
  const std::size_t access_before = read_file(access_log).size();

  wait_for_host_a_to_be_tried();
  std::vector<std::string> tokens;
  for (int i = 0; i < 4; ++i) {
    tokens.push_back("verifytoken" + stamp + "x" + std::to_string(i));
    EXPECT_NE(client.get("/verify_email/" + tokens.back()).status, 502);
    tokens.push_back("resettoken" + stamp + "x" + std::to_string(i));
    EXPECT_NE(client.post("/reset_password/" + tokens.back(), R"({"password":"Unused-Password-1"})").status, 502);
  }
  // The access log (token redacted) shows that host A failed some of them: "502, 200".
  std::this_thread::sleep_for(1200ms);  // its buffer is flushed every second
  const std::string access = read_file(access_log).substr(access_before);
  std::istringstream lines(access);
  int failed_over = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("/[redacted]") != std::string::npos && line.find("upstream=502, ") != std::string::npos) ++failed_over;
  }
  EXPECT_GE(failed_over, 1) << "no request on a token path failed on host A first:\n" << access;

  wait_for_host_a_to_be_tried();
  const std::string marker = "visible" + stamp;
  for (int i = 0; i < 4; ++i) client.get("/check_auth_status?marker=" + marker + "x" + std::to_string(i));
  const std::string error_log = read_file(env().var_dir + "/log/nginx-error.log");
  ASSERT_NE(error_log.find(marker), std::string::npos)
      << "nginx logged no upstream failure for a path without a token (is host A still down?)";

  std::this_thread::sleep_for(1200ms);
  std::string logs;
  for (const std::string& var_dir : {env().var_dir, b.var_dir}) {
    for (const char* file : {"nginx-error.log", "nginx-access.log", "auth.log", "account.log", "admin.log",
                             "board.log", "billing.log", "mailer.log"}) {
      logs += read_file(var_dir + "/log/" + file);
    }
  }
  for (const std::string& token : tokens) EXPECT_EQ(logs.find(token), std::string::npos) << token << " is in a log";
}

}  // namespace
}  // namespace t2o::faults
