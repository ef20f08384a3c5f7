#pragma once
// Supervision of a group's worker processes. spawn-fcgi starts one supervisor per group on
// the group's socket (fd 0); it forks the workers that accept on that socket, restarts a
// worker that dies (a crash, kill -9, an out-of-memory kill) and stops them all on
// SIGTERM. A crashed worker loses only the request it was answering; nginx sends an
// idempotent one to a sibling (fastcgi_next_upstream).
#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace t2o {

struct PoolSettings {
  std::string name;         // for log lines: "t2o-auth"
  int workers = 1;          // processes accepting on fd 0
  std::string status_file;  // rewritten on every change (deploy/ctl status reads it); "" for none
  // Called in the supervisor after each restart (the metrics count them); may be empty.
  std::function<void()> on_restart;
};

// Forks settings.workers processes that each return work()'s value as their exit status,
// keeps that many running until SIGTERM or SIGINT, then stops them (SIGTERM, SIGKILL
// after 10 s). A worker that dies is replaced at once, or, when it lived less than a
// second (it cannot start), after a pause that doubles from 100 ms to 5 s. Workers get
// SIGTERM when the supervisor dies. Returns 0 after a requested stop.
int run_supervised(const PoolSettings& settings, const std::function<int()>& work);

// What a status file says (the format is written and read here only):
//   supervisor PID / restarts N / worker PID since TIME (or "worker - waiting to restart")
struct WorkerStatus {
  pid_t supervisor = 0;
  unsigned long long restarts = 0;
  std::vector<pid_t> workers;  // the running ones
};
WorkerStatus parse_worker_status(std::string_view text);

}  // namespace t2o
