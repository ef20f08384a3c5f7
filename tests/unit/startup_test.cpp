// A handler process that starts while PostgreSQL is down: it comes up (nothing connects
// in a constructor), answers 503 to every request that needs the database, and needs no
// restart once the database is back.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "server/dispatch.hpp"
#include "session/revocation_epoch.hpp"
#include "session/session_store.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::make_request;

// Nothing listens on port 1 of loopback.
constexpr const char* kUnreachableDatabase = "postgresql://t2o@127.0.0.1:1/t2o?connect_timeout=2";

Response needs_database(Context& context, const Request&) {
  context.db().exec(db::idempotent("SELECT 1"));
  return success("ok");
}

const Route kRoutes[] = {
    {Method::Get, "/with-db", needs_database, kPublic},
    {Method::Get, "/with-session", needs_database, kSession},
};

TEST(Startup, ALazyConnectionIsMadeAtItsFirstStatement) {
  db::Connection db(kUnreachableDatabase, db::Connect::Lazily);
  db.add_on_connect("LISTEN t2o_test");  // recorded, not run: there is no connection yet
  EXPECT_THROW(db.exec(db::idempotent("SELECT 1")), db::ConnectionLost);
  EXPECT_THROW(db::Connection{kUnreachableDatabase}, db::ConnectionLost) << "Connect::Now still connects at once";
}

TEST(Startup, WithoutADatabaseRequestsAnswer503AndTheProcessLivesOn) {
  db::Connection db(kUnreachableDatabase, db::Connect::Lazily);
  RevocationEpoch epoch("");
  SessionStore sessions(db, epoch, 3600);  // must not throw without a database
  Config config;
  config.db_retry_budget_ms = 100;  // the requests retry, then give up: keep it short
  Services services{config, db, sessions, nullptr, "unit"};

  Request request = make_request(Method::Get, "/with-db");
  EXPECT_EQ(dispatch(services, kRoutes, request).status, 503);
  Request with_cookie = make_request(Method::Get, "/with-session");
  with_cookie.cookies["session"] = "some-session-token";
  EXPECT_EQ(dispatch(services, kRoutes, with_cookie).status, 503) << "the session lookup needs the database too";
}

TEST(Startup, TheSameProcessServesOnceTheDatabaseIsBack) {
  const std::string url = t2o::testing::test_database_url();
  ASSERT_FALSE(url.empty()) << "T2O_TEST_DATABASE_URL is not set";
  db::Connection db(url, db::Connect::Lazily);
  RevocationEpoch epoch("");
  SessionStore sessions(db, epoch, 3600);
  Config config;
  Services services{config, db, sessions, nullptr, "unit"};
  Request request = make_request(Method::Get, "/with-db");
  EXPECT_EQ(dispatch(services, kRoutes, request).status, 200);
}

}  // namespace
}  // namespace t2o
