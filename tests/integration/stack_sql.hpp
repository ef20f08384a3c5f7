#pragma once
// Direct SQL on the running stack's database, for what a test cannot wait for (an
// expired token, a 15-minute lock): runs
//   T2O_VAR_DIR=... $T2O_REPO_DIR/deploy/ctl psql -X -q -v ON_ERROR_STOP=1 -At -c SQL
// (deploy/ctl passes every argument after "psql" on to psql).
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "http_client.hpp"

namespace t2o::it {

inline std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// A SQL string literal.
inline std::string sql_literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Empty when SQL can be run against the stack, else why not.
inline std::string sql_problem() {
  if (env().var_dir.empty()) return "T2O_VAR_DIR is not set";
  if (env().repo_dir.empty()) return "T2O_REPO_DIR is not set (needed to run deploy/ctl psql)";
  return {};
}

// Runs one SQL command; returns psql's exit status (-1 when it could not run) and its
// unaligned, tuples-only output (stdout and stderr) in *output.
inline int run_sql(const std::string& sql, std::string* output = nullptr) {
  const std::string command = "T2O_VAR_DIR=" + sh_quote(env().var_dir) + " " +
                              sh_quote(env().repo_dir + "/deploy/ctl") +
                              " psql -X -q -v ON_ERROR_STOP=1 -At -c " + sh_quote(sql) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  const int status = ::pclose(pipe);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (output) *output = text;
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace t2o::it
