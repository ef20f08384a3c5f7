#pragma once
// Direct SQL on the running stack's database, for what a test cannot wait for (an
// expired token, a 15-minute lock): a db::Connection to T2O_DATABASE_URL (tests/run
// exports the stack's DATABASE_URL), every value a bound parameter.
#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string>

#include "db/connection.hpp"

namespace t2o::it {

// Empty when SQL can be run against the stack, else why not.
inline std::string sql_problem() {
  const char* url = std::getenv("T2O_DATABASE_URL");
  return url && *url ? std::string() : "T2O_DATABASE_URL is not set (tests/run sets it)";
}

// One connection for the whole run, made at first use.
inline db::Connection& stack_db() {
  static std::unique_ptr<db::Connection> connection;
  if (!connection) connection = std::make_unique<db::Connection>(std::getenv("T2O_DATABASE_URL"));
  return *connection;
}

// The single value a query returns, as text ("" and a recorded failure when it fails).
inline std::string sql_value(const db::Query& sql, std::initializer_list<db::Param> params = {}) {
  try {
    return stack_db().exec(sql, params).one_row().str(0);
  } catch (const std::exception& error) {
    ADD_FAILURE() << sql.sql << ": " << error.what();
    return {};
  }
}

// A count(*) (-1 and a recorded failure when it fails).
inline long long sql_count(const db::Query& sql, std::initializer_list<db::Param> params = {}) {
  try {
    return stack_db().exec(sql, params).one_row().integer(0);
  } catch (const std::exception& error) {
    ADD_FAILURE() << sql.sql << ": " << error.what();
    return -1;
  }
}

// Runs a statement; the number of rows it returned (-1 and a recorded failure on error).
inline long long sql_exec(const db::Query& sql, std::initializer_list<db::Param> params = {}) {
  try {
    return stack_db().exec(sql, params).size();
  } catch (const std::exception& error) {
    ADD_FAILURE() << sql.sql << ": " << error.what();
    return -1;
  }
}

}  // namespace t2o::it
