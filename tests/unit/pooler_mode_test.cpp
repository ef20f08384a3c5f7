// Behind pgbouncer in transaction mode (deploy/PRODUCTION.md, "Scaling out"): statements
// go without being prepared (T2O_DB_PREPARED_STATEMENTS=false), and session revocations
// arrive on a LISTEN connection of their own (T2O_LISTEN_DATABASE_URL), since the pooled
// connection is not a session of ours.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "db/connection.hpp"
#include "session/session_store.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::test_database_url;

class PoolerModeTest : public t2o::testing::DatabaseTest {
 protected:
  void TearDown() override { db::set_prepared_statements(true); }

  static long long prepared_on(db::Connection& connection) {
    return connection.exec(db::idempotent("SELECT count(*) AS n FROM pg_prepared_statements")).one_row().integer("n");
  }
};

TEST_F(PoolerModeTest, WithoutPreparedStatementsNothingIsPrepared) {
  db::set_prepared_statements(false);
  db::Connection connection(test_database_url());
  EXPECT_EQ(connection.exec(db::idempotent("SELECT $1::int + 1 AS n"), {41}).one_row().integer("n"), 42);
  EXPECT_EQ(connection.exec(db::idempotent("SELECT $1::text AS t"), {std::nullopt}).one_row().is_null("t"), true);
  EXPECT_EQ(prepared_on(connection), 0);

  db::set_prepared_statements(true);
  connection.exec(db::idempotent("SELECT $1::int + 1 AS n"), {41});
  EXPECT_GE(prepared_on(connection), 1) << "the default prepares each statement once";
}

TEST_F(PoolerModeTest, RevocationsArriveOnTheirOwnListenerConnection) {
  db::Connection pooled(test_database_url());  // what would go through pgbouncer
  SessionStore store(pooled, *epoch, 3600, test_database_url());
  const long long user = t2o::testing::insert_user(*db, "pooled", "pooled@example.test");
  const NewSession session =
      db::in_transaction(pooled, [&](db::Transaction& tx) { return store.create(tx, user, "127.0.0.1", "unit"); });
  ASSERT_TRUE(store.find(session.token)) << "found, and cached";
  EXPECT_EQ(pooled.exec(db::idempotent("SELECT count(*) AS n FROM pg_listening_channels()")).one_row().integer("n"), 0)
      << "the pooled connection does not LISTEN";

  // Another host logs the session out: its own connection, an epoch this one never sees.
  db::Connection other_host(test_database_url());
  other_host.exec(
      "WITH gone AS (DELETE FROM sessions WHERE id = $1 RETURNING id) "
      "SELECT pg_notify('t2o_sessions_revoked', '') FROM gone",
      {session.id});
  std::this_thread::sleep_for(SessionStore::kNotificationPollInterval + std::chrono::milliseconds(30));
  EXPECT_FALSE(store.find(session.token)) << "the notice reached the listener and emptied the cache";
}

}  // namespace
}  // namespace t2o
