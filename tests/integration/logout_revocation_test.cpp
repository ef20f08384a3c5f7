// Logout revokes the session in every auth process at once. Each process may cache
// sessions; this warms all of those caches with the session, logs out through one process,
// then replays the old cookie concurrently so the requests land on every process: all must
// answer 401.
#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

class LogoutRevocationTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }
};

TEST_F(LogoutRevocationTest, OldCookieIsRefusedByEveryProcessRightAfterLogout) {
  const int expected_processes = env().auth_children > 0 ? env().auth_children : 1;
  Client client;
  const Identity id = unique_identity("revoke");
  ASSERT_EQ(create_verified_user(client, id), "");
  ASSERT_TRUE(IsSuccess(login_json(client, id.username, id.password), 200, "Login successful"));
  const auto session = client.cookie("session");
  ASSERT_TRUE(session);

  // Warm every process's session cache: at least 60 requests, more (up to 400) until all
  // T2O_AUTH_CHILDREN processes have served the session.
  std::map<std::string, int> warm_pids;
  for (int i = 0; i < 400; ++i) {
    if (i >= 60 && static_cast<int>(warm_pids.size()) >= expected_processes) break;
    const Response r = client.get("/current_user_details");
    ASSERT_TRUE(IsSuccess(r, 200)) << "request " << i;
    const std::string pid = r.header("x-handler-pid");
    ASSERT_FALSE(pid.empty()) << "no X-Handler-Pid header: is the stack running with APP_ENV=testing?";
    ++warm_pids[pid];
  }
  EXPECT_EQ(static_cast<int>(warm_pids.size()), expected_processes)
      << "the session reached " << warm_pids.size() << " distinct auth processes, T2O_AUTH_CHILDREN="
      << env().auth_children;

  const Response logout = client.post("/logout");
  ASSERT_TRUE(IsSuccess(logout, 200, "Logout successful"));

  // At once: 50 concurrent requests with the old cookie.
  constexpr int kRequests = 50;
  std::vector<Client> clients;
  clients.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    clients.emplace_back();
    clients.back().set_cookie("session", *session);
  }
  std::vector<Response> responses(kRequests);
  std::latch ready(kRequests + 1);
  std::vector<std::thread> threads;
  threads.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      responses[i] = clients[i].get("/current_user_details");
    });
  }
  ready.arrive_and_wait();
  for (auto& t : threads) t.join();

  std::map<std::string, int> replay_pids;
  int accepted = 0;
  for (int i = 0; i < kRequests; ++i) {
    SCOPED_TRACE("replay " + std::to_string(i));
    const Response& r = responses[i];
    EXPECT_TRUE(IsError(r, 401, kLoginRequired));
    if (r && r.status == 200) ++accepted;
    const std::string pid = r.header("x-handler-pid");
    if (!pid.empty()) ++replay_pids[pid];
  }
  EXPECT_EQ(accepted, 0) << accepted << " of " << kRequests << " requests with the logged-out cookie were served";

  std::string spread;
  for (const auto& [pid, n] : replay_pids) spread += " pid " + pid + ": " + std::to_string(n) + (warm_pids.count(pid) ? "" : " (not warmed)") + ";";
  if (expected_processes > 1) {
    EXPECT_GT(replay_pids.size(), 1u) << "all replays went to one process, so revocation across processes was not "
                                         "exercised:"
                                      << spread;
  }
  std::set<std::string> warmed_and_replayed;
  for (const auto& [pid, n] : replay_pids) {
    if (warm_pids.count(pid)) warmed_and_replayed.insert(pid);
  }
  EXPECT_FALSE(warmed_and_replayed.empty()) << "no replay hit a process whose cache had the session:" << spread;
  RecordProperty("replay_spread", spread);
  std::cout << "[ info     ] warmed " << warm_pids.size() << " processes; replays served by" << spread << "\n";
}

}  // namespace
}  // namespace t2o::it
