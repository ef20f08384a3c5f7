#pragma once
// Reading a running stack's files from the fault tests: any file whole, and a handler
// group's workers from its supervisor's status file (run/<group>.workers).
#include <fstream>
#include <sstream>
#include <string>

#include "server/worker_pool.hpp"

namespace t2o::faults {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline WorkerStatus group_status(const std::string& var_dir, const std::string& group) {
  return parse_worker_status(read_file(var_dir + "/run/" + group + ".workers"));
}

}  // namespace t2o::faults
