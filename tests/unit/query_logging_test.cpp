// LOG_DB_QUERIES: statement text and timing reach stderr; bound values never do.
#include <gtest/gtest.h>

#include "test_database.hpp"

namespace t2o::testing {
namespace {

class QueryLoggingTest : public DatabaseTest {
 protected:
  void TearDown() override { db::set_query_logging(false); }
};

TEST_F(QueryLoggingTest, LogsSqlTextButNotParameterValues) {
  db::set_query_logging(true);
  ::testing::internal::CaptureStderr();
  db->exec("SELECT $1::text AS secret_value_column", {"hunter2-secret"});
  const std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(logged.find("db query duration_ms="), std::string::npos) << logged;
  EXPECT_NE(logged.find("secret_value_column"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("hunter2-secret"), std::string::npos) << logged;
}

TEST_F(QueryLoggingTest, SilentWhenOff) {
  ::testing::internal::CaptureStderr();
  db->exec("SELECT 1");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace t2o::testing
