// After a lost connection only statements declared idempotent are sent again: any other
// may already have taken effect (failed_logins + 1 applied twice), so its failure must
// reach the caller. Connections are cut with pg_terminate_backend from a second one.
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "test_database.hpp"

namespace t2o {
namespace {

class RetryTest : public t2o::testing::DatabaseTest {
 protected:
  // Ends `victim`'s server process, as a database restart would.
  void cut(db::Connection& victim) {
    const long long pid = victim.exec(db::idempotent("SELECT pg_backend_pid()")).one_row().integer(0);
    db->exec("SELECT pg_terminate_backend($1)", {pid});
  }
};

TEST_F(RetryTest, AStatementNotDeclaredIdempotentIsNotSentAgain) {
  db::Connection victim(t2o::testing::test_database_url());
  cut(victim);
  EXPECT_THROW(victim.exec("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = 'admin'"),
               db::ConnectionLost);
  // The connection is made again for the next statement.
  EXPECT_EQ(victim.exec(db::idempotent("SELECT 1")).one_row().integer(0), 1);
}

TEST_F(RetryTest, AnIdempotentStatementIsSentAgainOnAFreshConnection) {
  db::Connection victim(t2o::testing::test_database_url());
  cut(victim);
  EXPECT_EQ(victim.exec(db::idempotent("SELECT 41 + 1")).one_row().integer(0), 42);
}

TEST_F(RetryTest, NothingIsSentAgainInsideATransaction) {
  db::Connection victim(t2o::testing::test_database_url());
  db::Transaction tx(victim);
  cut(victim);
  EXPECT_THROW(tx.exec(db::idempotent("SELECT 1")), db::ConnectionLost);
}

TEST_F(RetryTest, TransactionsDoNotNest) {
  db::Transaction outer(*db);
  EXPECT_THROW(db::Transaction inner(*db), std::logic_error);
}

}  // namespace
}  // namespace t2o
