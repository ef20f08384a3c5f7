#pragma once
// The FastCGI loop: one request after another on the socket spawn-fcgi hands us (fd 0).
// Handlers never see FastCGI; they get a Request and return a Response.
#include <string>

#include "server/route.hpp"

namespace t2o::fcgi {

// Loads config and runs T2O_WORKERS supervised workers (server/worker_pool.hpp) that serve
// the group's routes until SIGTERM/SIGINT, each flushing its request log on the way out.
// Returns the process exit code.
int serve(const GroupTable& group);

}  // namespace t2o::fcgi
