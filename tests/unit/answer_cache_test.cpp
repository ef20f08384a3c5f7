// The per-process answer cache (cache/answer_cache.hpp): hot GET answers and permission
// checks come from memory, and any change, made through any worker or from elsewhere,
// is seen as the cache promises. Two "workers" here are two connections, session stores
// and caches mapping the same run dir, as two processes of a group do; "another host" is
// a connection that shares nothing with them.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "cache/answer_cache.hpp"
#include "db/statement_kind.hpp"
#include "routing/registry.hpp"
#include "server/dispatch.hpp"
#include "session/csrf.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::body_json;
using t2o::testing::insert_user;
using t2o::testing::make_request;
using t2o::testing::open_session;
using t2o::testing::test_database_url;

TEST(StatementKind, ReadsAreToldFromWrites) {
  EXPECT_TRUE(db::is_read_only("SELECT id, updated_at FROM users WHERE id = $1"));
  EXPECT_TRUE(db::is_read_only("  with x AS (SELECT 1) SELECT * FROM x"));
  EXPECT_TRUE(db::is_read_only("EXPLAIN (FORMAT JSON) SELECT 1 FROM request_log"));
  EXPECT_FALSE(db::is_read_only("INSERT INTO roles (name) VALUES ($1)"));
  EXPECT_FALSE(db::is_read_only("update users SET verified = true"));
  EXPECT_FALSE(db::is_read_only("WITH gone AS (DELETE FROM sessions WHERE id = $1 RETURNING id) SELECT count(*) FROM gone"));
  EXPECT_FALSE(db::is_read_only("SELECT pg_notify('t2o_sessions_revoked', '')"));
  EXPECT_FALSE(db::is_read_only("SELECT nextval('users_id_seq')"));
  EXPECT_FALSE(db::is_read_only("TRUNCATE request_log"));
  EXPECT_FALSE(db::is_read_only(""));
}

const GroupTable& group(std::string_view name) {
  for (const GroupTable* table : routing::http_groups()) {
    if (table->name == name) return *table;
  }
  throw std::logic_error("no group " + std::string(name));
}

// One handler process: its own connection, session store, data version and cache.
struct Worker {
  Worker(const Config& config, const std::string& run_dir)
      : db(test_database_url()),
        epoch(run_dir),
        sessions(db, epoch, config.session_lifetime_seconds),
        version(run_dir, sessions.changes()),
        answers(version),
        services{config, db, sessions, nullptr, "test"} {
    db.set_on_write([this] { version.bump(); });
    services.answers = &answers;
  }
  db::Connection db;
  RevocationEpoch epoch;
  SessionStore sessions;
  DataVersion version;
  AnswerCache answers;
  Services services;
};

class AnswerCacheTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    config.secret_key = "unit-test-secret-key-0123456789abcdef";
    a = std::make_unique<Worker>(config, run_dir());
    b = std::make_unique<Worker>(config, run_dir());
    manager = insert_user(*db, "manager", "manager@example.test", std::nullopt, true, "Admin");
    session = open_session(*db, *sessions, manager);
  }

  Response get(Worker& worker, std::string_view group_name, const std::string& path) {
    Request request = make_request(Method::Get, path);
    request.cookies[kSessionCookie] = session.token;
    return dispatch(worker.services, group(group_name).routes, request);
  }

  Response post(Worker& worker, std::string_view group_name, const std::string& path, const std::string& body) {
    Request request = make_request(Method::Post, path);
    request.cookies[kSessionCookie] = session.token;
    request.headers[kCsrfHeader] = csrf_token_for(config.secret_key, session.token);
    request.headers["content-type"] = "application/json";
    request.body = body;
    return dispatch(worker.services, group(group_name).routes, request);
  }

  static bool lists_role(const Response& response, const std::string& name) {
    const Json::Value body = body_json(response);
    for (const Json::Value& role : body["roles"]) {
      if (role["name"].asString() == name) return true;
    }
    return false;
  }

  std::unique_ptr<Worker> a, b;
  long long manager = 0;
  NewSession session;
};

TEST_F(AnswerCacheTest, ARepeatedReadIsAnsweredWithoutTheDatabase) {
  const Response first = get(*a, "admin", "/admin/roles");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto statements = a->db.statements_sent();
  const Response second = get(*a, "admin", "/admin/roles");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(a->db.statements_sent(), statements) << "session, permission and answer all came from memory";
}

TEST_F(AnswerCacheTest, AChangeThroughAnotherWorkerIsSeenByTheNextRequest) {
  ASSERT_FALSE(lists_role(get(*a, "admin", "/admin/roles"), "Auditors"));
  session = open_session(*db, *sessions, t2o::testing::admin_user_id(*db));  // manage_admin
  const Response created = post(*b, "admin", "/admin/create_role", R"({"name":"Auditors"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(lists_role(get(*a, "admin", "/admin/roles"), "Auditors"));
}

TEST_F(AnswerCacheTest, ARevokedPermissionIsRefusedAtOnceByEveryWorker) {
  ASSERT_EQ(get(*a, "admin", "/admin/roles").status, 200);  // manage_users now cached in a
  b->db.exec("DELETE FROM user_roles WHERE user_id = $1", {manager});  // b's write, committed by itself
  EXPECT_EQ(get(*a, "admin", "/admin/roles").status, 403);
}

TEST_F(AnswerCacheTest, AReadOrARolledBackWriteKeepsTheCache) {
  const std::uint64_t before = a->version.current();
  b->db.exec(db::idempotent("SELECT count(*) FROM roles"));
  {
    db::Transaction tx(b->db);
    tx.exec("INSERT INTO roles (name) VALUES ('Never')");
  }  // rolled back
  EXPECT_EQ(a->version.current(), before);
  db::in_transaction(b->db, [](db::Transaction& tx) { tx.exec("INSERT INTO roles (name) VALUES ('Kept')"); });
  EXPECT_NE(a->version.current(), before) << "a committed write moves it";
}

TEST_F(AnswerCacheTest, AChangeFromAnotherHostArrivesWithinThePollInterval) {
  ASSERT_FALSE(lists_role(get(*a, "admin", "/admin/roles"), "Remote"));
  // Another host (or psql): no shared epoch, no hook, only the tables' triggers.
  db::Connection elsewhere(test_database_url());
  elsewhere.exec("INSERT INTO roles (name) VALUES ('Remote')");
  std::this_thread::sleep_for(db::ChangeFeed::kPollInterval + std::chrono::milliseconds(30));
  const Response after = get(*a, "admin", "/admin/roles");
  EXPECT_TRUE(lists_role(after, "Remote")) << after.body;
}

TEST_F(AnswerCacheTest, PerCallerAnswersAreKeptApart) {
  const Response mine = get(*a, "auth", "/current_user_details");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(body_json(mine)["user"]["username"].asString(), "manager");
  const long long other = insert_user(*db, "someone", "someone@example.test");
  session = open_session(*db, *sessions, other);
  const Response theirs = get(*a, "auth", "/current_user_details");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(body_json(theirs)["user"]["username"].asString(), "someone");
}

TEST_F(AnswerCacheTest, ErrorsAreNotKept) {
  EXPECT_EQ(get(*a, "board", "/boards/999999999").status, 404);
  const long long board = db->exec("INSERT INTO boards (name) VALUES ('late') RETURNING id").one_row().integer("id");
  // Made behind the workers' backs and not yet announced: a cached 404 would hide it.
  EXPECT_EQ(get(*a, "board", "/boards/" + std::to_string(board)).status, 200);
}

TEST(AnswerCacheBounds, OneAnswerMayNotFillIt) {
  db::Connection connection(test_database_url());
  db::ChangeFeed feed(connection);
  DataVersion version("", feed);
  AnswerCache cache(version);
  cache.refresh();
  Response huge;
  huge.body.assign(AnswerCache::kMaxBytes / 2, 'x');
  cache.store_answer("huge", huge);
  EXPECT_EQ(cache.answer("huge"), nullptr);
  Response small;
  small.body = "{}";
  cache.store_answer("small", small);
  ASSERT_NE(cache.answer("small"), nullptr);
  cache.refresh();  // without a run dir the version never holds: nothing survives
  EXPECT_EQ(cache.answer("small"), nullptr);
}

}  // namespace
}  // namespace t2o
