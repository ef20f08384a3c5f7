// The supervisor behind each handler group: it keeps its workers running, replaces one
// that is killed, backs off from one that cannot start, and stops them all on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/worker_pool.hpp"

namespace t2o {
namespace {

using namespace std::chrono_literals;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class WorkerPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/t2o-pool-XXXXXX";
    dir = mkdtemp(pattern);
    status_file = dir + "/group.workers";
  }
  void TearDown() override {
    if (supervisor > 0) {
      kill(supervisor, SIGKILL);
      waitpid(supervisor, nullptr, 0);
    }
    std::system(("rm -rf " + dir).c_str());
  }

  // Runs a supervisor in a child process, as spawn-fcgi does; `work` runs in each worker.
  void start(int workers, int (*work)()) {
    supervisor = fork();
    ASSERT_GE(supervisor, 0);
    if (supervisor == 0) {
      PoolSettings settings;
      settings.name = "t2o-test";
      settings.workers = workers;
      settings.status_file = status_file;
      _exit(run_supervised(settings, [work] { return work(); }));
    }
  }

  // Waits until the status file lists `count` running workers (and `restarts`, unless -1).
  std::vector<pid_t> wait_for_workers(std::size_t count, int restarts = -1,
                                      std::chrono::milliseconds patience = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
      const WorkerStatus status = parse_worker_status(read_file(status_file));
      if (status.workers.size() == count && (restarts < 0 || status.restarts == static_cast<unsigned>(restarts))) {
        return status.workers;
      }
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "status file after waiting: " << read_file(status_file);
    return {};
  }

  // Running, and not a zombie waiting for whoever adopted it to reap it.
  static bool alive(pid_t pid) {
    const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    const auto state = stat.rfind(')');
    return state != std::string::npos && state + 2 < stat.size() && stat[state + 2] != 'Z';
  }

  std::string dir;
  std::string status_file;
  pid_t supervisor = -1;
};

int sleep_forever() {
  while (true) pause();
}

int exit_at_once() { return 3; }

TEST_F(WorkerPoolTest, StartsTheWorkersItIsAskedFor) {
  start(3, sleep_forever);
  const auto pids = wait_for_workers(3, 0);
  ASSERT_EQ(pids.size(), 3u);
  for (pid_t pid : pids) EXPECT_TRUE(alive(pid));
  EXPECT_EQ(parse_worker_status(read_file(status_file)).supervisor, supervisor);
}

TEST_F(WorkerPoolTest, AKilledWorkerIsReplacedAtOnce) {
  start(2, sleep_forever);
  const auto before = wait_for_workers(2, 0);
  ASSERT_EQ(before.size(), 2u);
  const auto killed_at = std::chrono::steady_clock::now();
  kill(before[0], SIGKILL);
  const auto after = wait_for_workers(2, 1);
  const auto took = std::chrono::steady_clock::now() - killed_at;
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after[0], before[0]) << "a new process in the killed one's place";
  EXPECT_EQ(after[1], before[1]) << "its sibling was left alone";
  EXPECT_LT(took, 1000ms) << "a worker that lived a while is replaced without a pause";
}

TEST_F(WorkerPoolTest, AWorkerThatCannotStartIsRetriedWithGrowingPauses) {
  start(1, exit_at_once);
  // Pauses of 100, 200, 400, 800 ms: about 4 restarts in 2 s, not hundreds.
  std::this_thread::sleep_for(2000ms);
  const std::string status = read_file(status_file);
  const unsigned long long restarts = parse_worker_status(status).restarts;
  EXPECT_GE(restarts, 2u) << status;
  EXPECT_LE(restarts, 6u) << status;
  EXPECT_TRUE(alive(supervisor)) << "the supervisor itself stays up";
}

TEST_F(WorkerPoolTest, SigtermStopsEveryWorkerAndTheSupervisor) {
  start(2, sleep_forever);
  const auto pids = wait_for_workers(2, 0);
  ASSERT_EQ(pids.size(), 2u);
  kill(supervisor, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(supervisor, &status, 0), supervisor);
  supervisor = -1;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::this_thread::sleep_for(50ms);
  for (pid_t pid : pids) EXPECT_FALSE(alive(pid)) << "worker " << pid << " outlived its supervisor";
  EXPECT_FALSE(std::ifstream(status_file).good()) << "the status file goes with the supervisor";
}

TEST_F(WorkerPoolTest, WorkersDieWithAKilledSupervisor) {
  start(2, sleep_forever);
  const auto pids = wait_for_workers(2, 0);
  ASSERT_EQ(pids.size(), 2u);
  kill(supervisor, SIGKILL);
  waitpid(supervisor, nullptr, 0);
  supervisor = -1;
  const auto deadline = std::chrono::steady_clock::now() + 2000ms;
  while (std::chrono::steady_clock::now() < deadline && (alive(pids[0]) || alive(pids[1]))) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_FALSE(alive(pids[0]));
  EXPECT_FALSE(alive(pids[1]));
}

TEST(WorkerStatusTest, ReadsWhatTheSupervisorWrites) {
  const WorkerStatus status = parse_worker_status(
      "supervisor 100\nrestarts 3\nworker 101 since 2026-12-06T10:00:00Z\nworker - waiting to restart\n"
      "worker 103 since 2026-12-06T10:00:01Z\n");
  EXPECT_EQ(status.supervisor, 100);
  EXPECT_EQ(status.restarts, 3u);
  EXPECT_EQ(status.workers, (std::vector<pid_t>{101, 103})) << "a slot waiting to restart has no worker";
  EXPECT_TRUE(parse_worker_status("").workers.empty());
  EXPECT_EQ(parse_worker_status("supervisor x\nrestarts\n").supervisor, 0) << "nonsense is no pid";
}

}  // namespace
}  // namespace t2o
