// A request whose database connection breaks (a restart, a failover) runs again on a
// fresh connection, within T2O_DB_RETRY_BUDGET_MS, as long as nothing it did can have
// taken effect; otherwise it answers 503 and is not repeated. Connections are cut with
// pg_terminate_backend, and an outage is made by closing the database to new connections.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "log/request_log_writer.hpp"
#include "server/dispatch.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::make_request;
using t2o::testing::test_database_url;

// What the handlers below did, across the attempts of one request.
int attempts = 0;
db::Connection* cutter = nullptr;  // a second connection that ends the handler's one

void cut_connection_of(db::Connection& victim) {
  const long long pid = victim.exec(db::idempotent("SELECT pg_backend_pid() AS pid")).one_row().integer("pid");
  cutter->exec("SELECT pg_terminate_backend($1)", {pid});
}

// Writes inside a transaction and loses the connection before COMMIT on the first
// attempt: nothing took effect, so the request may run again.
Response write_lost_before_commit(Context& context, const Request&) {
  ++attempts;
  db::Transaction tx(context.db());
  tx.exec("INSERT INTO request_log (log_level, message) VALUES ('INFO', 'blip-before-commit')");
  if (attempts == 1) {
    cut_connection_of(context.db());
    tx.exec("SELECT 1");
  }
  tx.commit();
  return success("written");
}

// Adds one to a counter outside any transaction, then loses the connection: the update
// may have taken effect, so the request must not run again.
Response write_then_lose(Context& context, const Request&) {
  ++attempts;
  context.db().exec("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = 'admin'");
  cut_connection_of(context.db());
  context.db().exec("UPDATE users SET failed_logins = failed_logins WHERE username = 'admin'");
  return success("written");
}

Response read_something(Context& context, const Request&) {
  ++attempts;
  context.db().exec(db::idempotent("SELECT count(*) FROM users"));
  return success("read");
}

const Route kRoutes[] = {
    {Method::Post, "/lost-before-commit", write_lost_before_commit, kPublicCsrfExempt},
    {Method::Post, "/write-then-lose", write_then_lose, kPublicCsrfExempt},
    {Method::Get, "/read", read_something, kPublic},
};

class DatabaseBlipTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    handler_db = std::make_unique<db::Connection>(test_database_url());
    handler_sessions = std::make_unique<SessionStore>(*handler_db, *epoch, 3600);
    services = std::make_unique<Services>(Services{config, *handler_db, *handler_sessions, nullptr, "unit"});
    attempts = 0;
    cutter = db.get();
    db->exec("UPDATE users SET failed_logins = 0 WHERE username = 'admin'");
  }
  void TearDown() override {
    if (db) db->run("ALTER DATABASE " + database_name() + " CONNECTION LIMIT -1");
    cutter = nullptr;
  }

  std::string database_name() {
    return db->exec(db::idempotent("SELECT quote_ident(current_database()) AS name")).one_row().str("name");
  }
  // Ends every other connection of this user to the test database and refuses new ones,
  // as a restarting server does; `db` stays connected to open it again.
  void close_database() {
    db->run("ALTER DATABASE " + database_name() + " CONNECTION LIMIT 0");
    db->exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = current_user");
  }
  void open_database() { db->run("ALTER DATABASE " + database_name() + " CONNECTION LIMIT -1"); }

  Response run(Method method, const std::string& path) {
    Request request = make_request(method, path);
    return dispatch(*services, kRoutes, request);
  }

  std::unique_ptr<db::Connection> handler_db;
  std::unique_ptr<SessionStore> handler_sessions;
  std::unique_ptr<Services> services;
};

TEST_F(DatabaseBlipTest, ATransactionLostBeforeCommitRunsAgainAndIsWrittenOnce) {
  const Response response = run(Method::Post, "/lost-before-commit");
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(services->db_retries, 1u);
  EXPECT_EQ(t2o::testing::count_rows(*db, "SELECT count(*) FROM request_log WHERE message = 'blip-before-commit'"), 1);
}

TEST_F(DatabaseBlipTest, AWriteThatMayHaveTakenEffectIsNotRepeated) {
  const Response response = run(Method::Post, "/write-then-lose");
  EXPECT_EQ(response.status, 503) << response.body;
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(services->db_retries, 0u);
  EXPECT_EQ(t2o::testing::count_rows(*db, "SELECT failed_logins FROM users WHERE username = 'admin'"), 1)
      << "the counter went up once, not twice";
}

TEST_F(DatabaseBlipTest, AReadWaitsOutAShortOutage) {
  run(Method::Get, "/read");  // connected
  close_database();
  std::thread reopen([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    open_database();
  });
  const auto started = std::chrono::steady_clock::now();
  const Response response = run(Method::Get, "/read");
  const auto waited = std::chrono::steady_clock::now() - started;
  reopen.join();
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_GE(services->db_retries, 1u);
  EXPECT_GE(waited, std::chrono::milliseconds(250)) << "it answered only once the database was back";
}

TEST_F(DatabaseBlipTest, AnOutageLongerThanTheBudgetAnswers503InTime) {
  config.db_retry_budget_ms = 300;
  run(Method::Get, "/read");
  close_database();
  const auto started = std::chrono::steady_clock::now();
  const Response response = run(Method::Get, "/read");
  const auto waited = std::chrono::steady_clock::now() - started;
  open_database();
  EXPECT_EQ(response.status, 503);
  EXPECT_LE(waited, std::chrono::milliseconds(1000)) << "the budget bounds the wait";
  EXPECT_EQ(run(Method::Get, "/read").status, 200) << "the same process serves once the database is back";
}

TEST_F(DatabaseBlipTest, NoBudgetMeansNoRetry) {
  config.db_retry_budget_ms = 0;
  EXPECT_EQ(run(Method::Post, "/lost-before-commit").status, 503);
  EXPECT_EQ(attempts, 1);
}

TEST_F(DatabaseBlipTest, WhatMayHaveTakenEffectIsTrackedPerUnitOfWork) {
  db::Connection& connection = *handler_db;
  connection.begin_unit();
  connection.exec(db::idempotent("SELECT 1"));
  {
    db::Transaction tx(connection);
    tx.exec("INSERT INTO request_log (log_level, message) VALUES ('INFO', 'rolled back')");
  }
  EXPECT_FALSE(connection.may_have_taken_effect()) << "reads and rolled-back work change nothing";
  {
    db::Transaction tx(connection);
    tx.commit();
  }
  EXPECT_TRUE(connection.may_have_taken_effect()) << "a COMMIT was sent";
  connection.begin_unit();
  connection.exec("UPDATE users SET failed_logins = 0 WHERE username = 'admin'");
  EXPECT_TRUE(connection.may_have_taken_effect()) << "a write outside a transaction commits by itself";
  connection.begin_unit();
  connection.reconnect();
  connection.add_on_connect("SET application_name = 'blip'");
  EXPECT_FALSE(connection.may_have_taken_effect()) << "session settings are not the caller's work";
}

// The request log's rows wait in memory while the database is away and are written, all
// of them, once it is back.
TEST_F(DatabaseBlipTest, TheRequestLogKeepsItsRowsThroughAnOutage) {
  using std::chrono::milliseconds;
  RequestLogWriter writer(test_database_url());
  auto row = [](const std::string& message) {
    LogRecord record;
    record.message = message;
    record.status = 200;
    return record;
  };
  writer.enqueue(row("blip-log-before"));
  ASSERT_TRUE(writer.flush(milliseconds(5000)));
  close_database();
  for (int i = 0; i < 20; ++i) writer.enqueue(row("blip-log-during-" + std::to_string(i)));
  EXPECT_FALSE(writer.flush(milliseconds(400))) << "nothing can be written while the database is closed";
  EXPECT_EQ(writer.queued(), 20u);
  open_database();
  EXPECT_TRUE(writer.flush(milliseconds(10000)));
  EXPECT_EQ(writer.queued(), 0u);
  EXPECT_EQ(writer.dropped_total(), 0u);
  EXPECT_EQ(t2o::testing::count_rows(*db, "SELECT count(*) FROM request_log WHERE message LIKE 'blip-log-%'"), 21);
  EXPECT_EQ(t2o::testing::count_rows(*db, "SELECT count(DISTINCT message) FROM request_log WHERE message LIKE "
                                          "'blip-log-during-%'"),
            20)
      << "each row once";
}

}  // namespace
}  // namespace t2o
