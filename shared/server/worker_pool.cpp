#include "server/worker_pool.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <vector>

#include "util/utc_time.hpp"

namespace t2o {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kFirstPause(100);
constexpr milliseconds kLongestPause(5000);
constexpr auto kShortLife = std::chrono::seconds(1);
constexpr auto kStopGrace = std::chrono::seconds(10);

struct Slot {
  pid_t pid = 0;                // 0: not running
  Clock::time_point started{};  // when the running worker was forked
  std::time_t started_wall = 0;
  Clock::time_point restart_at{};  // when an empty slot is filled again
  milliseconds pause{0};           // grows while the worker keeps dying young
};

void say(const std::string& line) {
  const std::string text = line + "\n";
  [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "exited with status " + std::to_string(WEXITSTATUS(status));
}

class Supervisor {
 public:
  Supervisor(const PoolSettings& settings, const std::function<int()>& work, const sigset_t& original_mask)
      : settings_(settings), work_(work), original_mask_(original_mask), slots_(std::max(1, settings.workers)) {}

  int run(const sigset_t& waited) {
    for (Slot& slot : slots_) start(slot);
    write_status();
    while (true) {
      siginfo_t info{};
      const timespec timeout = wait_time();
      const int signal_number = sigtimedwait(&waited, &info, &timeout);
      if (signal_number == SIGTERM || signal_number == SIGINT) return stop_all();
      if (signal_number == SIGCHLD) reap();
      restart_due();
    }
  }

 private:
  void start(Slot& slot) {
    const pid_t supervisor = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
      say(settings_.name + ": cannot fork a worker; trying again");
      slot.restart_at = Clock::now() + kLongestPause;
      return;
    }
    if (pid == 0) {
      // The worker: the supervisor's blocked signals are its own business, and a worker
      // must not outlive its supervisor (nothing would stop it).
      sigprocmask(SIG_SETMASK, &original_mask_, nullptr);
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != supervisor) _exit(0);
      _exit(work_());
    }
    slot.pid = pid;
    slot.started = Clock::now();
    slot.started_wall = std::time(nullptr);
  }

  void reap() {
    int status = 0;
    pid_t pid;
    bool changed = false;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      for (Slot& slot : slots_) {
        if (slot.pid != pid) continue;
        const bool died_young = Clock::now() - slot.started < kShortLife;
        slot.pid = 0;
        slot.pause = died_young ? std::min(std::max(slot.pause * 2, kFirstPause), kLongestPause) : milliseconds(0);
        slot.restart_at = Clock::now() + slot.pause;
        say(settings_.name + ": worker " + std::to_string(pid) + " " + describe_exit(status) + "; restarting it" +
            (slot.pause.count() ? " in " + std::to_string(slot.pause.count()) + " ms" : ""));
        changed = true;
      }
    }
    if (changed) write_status();
  }

  void restart_due() {
    bool changed = false;
    for (Slot& slot : slots_) {
      if (slot.pid != 0 || Clock::now() < slot.restart_at) continue;
      start(slot);
      if (slot.pid == 0) continue;
      ++restarts_;
      if (settings_.on_restart) settings_.on_restart();
      changed = true;
    }
    if (changed) write_status();
  }

  // Until the next restart is due, or a second (a missed SIGCHLD costs at most that).
  timespec wait_time() const {
    auto wait = milliseconds(1000);
    for (const Slot& slot : slots_) {
      if (slot.pid != 0) continue;
      const auto until = std::chrono::duration_cast<milliseconds>(slot.restart_at - Clock::now());
      wait = std::max(milliseconds(0), std::min(wait, until));
    }
    return timespec{static_cast<time_t>(wait.count() / 1000), static_cast<long>(wait.count() % 1000) * 1000000L};
  }

  int stop_all() {
    for (const Slot& slot : slots_) {
      if (slot.pid) kill(slot.pid, SIGTERM);
    }
    const auto deadline = Clock::now() + kStopGrace;
    while (std::any_of(slots_.begin(), slots_.end(), [](const Slot& slot) { return slot.pid != 0; })) {
      int status = 0;
      const pid_t pid = waitpid(-1, &status, WNOHANG);
      if (pid > 0) {
        for (Slot& slot : slots_) {
          if (slot.pid == pid) slot.pid = 0;
        }
        continue;
      }
      if (pid < 0) break;  // no children left
      if (Clock::now() >= deadline) {
        for (const Slot& slot : slots_) {
          if (slot.pid) kill(slot.pid, SIGKILL);
        }
      }
      usleep(20000);
    }
    if (!settings_.status_file.empty()) unlink(settings_.status_file.c_str());
    return 0;
  }

  // Written beside and renamed over, so a reader never sees half of it.
  void write_status() const {
    if (settings_.status_file.empty()) return;
    const std::string next = settings_.status_file + ".next";
    {
      std::ofstream out(next, std::ios::trunc);
      out << "supervisor " << getpid() << "\n";
      out << "restarts " << restarts_ << "\n";
      for (const Slot& slot : slots_) {
        const UtcTime since{static_cast<long long>(slot.started_wall) * 1000000};
        if (slot.pid) out << "worker " << slot.pid << " since " << iso_utc(since) << "\n";
        else out << "worker - waiting to restart\n";
      }
    }
    std::rename(next.c_str(), settings_.status_file.c_str());
  }

  const PoolSettings& settings_;
  const std::function<int()>& work_;
  const sigset_t original_mask_;
  std::vector<Slot> slots_;
  unsigned long long restarts_ = 0;
};

}  // namespace

int run_supervised(const PoolSettings& settings, const std::function<int()>& work) {
  // The signals the supervisor waits for are blocked, so they queue for sigtimedwait
  // instead of running handlers.
  sigset_t waited, original;
  sigemptyset(&waited);
  sigaddset(&waited, SIGCHLD);
  sigaddset(&waited, SIGTERM);
  sigaddset(&waited, SIGINT);
  sigprocmask(SIG_BLOCK, &waited, &original);
  Supervisor supervisor(settings, work, original);
  const int status = supervisor.run(waited);
  sigprocmask(SIG_SETMASK, &original, nullptr);
  return status;
}

WorkerStatus parse_worker_status(std::string_view text) {
  WorkerStatus status;
  std::istringstream lines{std::string(text)};
  std::string word, value;
  while (lines >> word) {
    if (word != "supervisor" && word != "restarts" && word != "worker") continue;
    if (!(lines >> value)) break;
    char* end = nullptr;
    const unsigned long long number = std::strtoull(value.c_str(), &end, 10);
    if (end == value.c_str() || *end != '\0') continue;  // "worker - waiting to restart"
    if (word == "supervisor") status.supervisor = static_cast<pid_t>(number);
    if (word == "restarts") status.restarts = number;
    if (word == "worker") status.workers.push_back(static_cast<pid_t>(number));
  }
  return status;
}

}  // namespace t2o
