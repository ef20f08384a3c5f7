// Unit tests for session/session_store and session/revocation_epoch against the test
// database: storage (hash only), expiry, revocation across processes, touch sink.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "crypto/digest.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::count_rows;
using t2o::testing::insert_user;
using t2o::testing::open_session;

class SessionStoreTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    alice = insert_user(*db, "alice", "alice@example.test");
    bob = insert_user(*db, "bob", "bob@example.test");
  }

  // "Another process": its own connection, its own mapping of the same epoch file.
  struct OtherProcess {
    explicit OtherProcess(const std::string& url, const std::string& run_dir, long long lifetime)
        : db(url), epoch(run_dir), sessions(db, epoch, lifetime) {}
    db::Connection db;
    RevocationEpoch epoch;
    SessionStore sessions;
  };
  std::unique_ptr<OtherProcess> other_process() {
    return std::make_unique<OtherProcess>(t2o::testing::test_database_url(), run_dir(),
                                          config.session_lifetime_seconds);
  }

  long long alice = 0;
  long long bob = 0;
};

TEST_F(SessionStoreTest, EpochIsShared) {
  ASSERT_TRUE(epoch->shared());
  RevocationEpoch second(run_dir());
  const auto before = second.current();
  EXPECT_EQ(epoch->current(), before);
  epoch->bump();
  EXPECT_EQ(second.current(), before + 1);
}

TEST(RevocationEpochLocal, WithoutRunDirEveryReadDiffers) {
  RevocationEpoch local("");
  EXPECT_FALSE(local.shared());
  const auto first = local.current();
  EXPECT_NE(local.current(), first);
}

TEST_F(SessionStoreTest, CreateThenFind) {
  const NewSession created = open_session(*db, *sessions, alice, "192.0.2.10", "Mozilla/5.0 test");
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.token.size(), 43u) << "256 random bits, base64url";

  const auto found = sessions->find(created.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->user_id, alice);
  EXPECT_EQ(found->user_email, "alice@example.test");
  EXPECT_EQ(found->token, created.token);

  auto row = db->exec(
                   "SELECT user_id, ip, user_agent, extract(epoch FROM expires_at - now())::bigint "
                   "FROM sessions WHERE id = $1",
                   {created.id})
                 .one_row();
  EXPECT_EQ(row.integer(0), alice);
  EXPECT_EQ(row.str(1), "192.0.2.10");
  EXPECT_EQ(row.str(2), "Mozilla/5.0 test");
  EXPECT_GE(row.integer(3), config.session_lifetime_seconds - 60);
  EXPECT_LE(row.integer(3), config.session_lifetime_seconds);
}

TEST_F(SessionStoreTest, TokensAreUniquePerSession) {
  std::set<std::string> tokens;
  for (int i = 0; i < 5; ++i) tokens.insert(open_session(*db, *sessions, alice).token);
  EXPECT_EQ(tokens.size(), 5u);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE user_id = $1", {alice}), 5);
}

TEST_F(SessionStoreTest, LongUserAgentIsTruncated) {
  const NewSession created = open_session(*db, *sessions, alice, "192.0.2.10", std::string(600, 'u'));
  EXPECT_EQ(count_rows(*db, "SELECT length(user_agent) FROM sessions WHERE id = $1", {created.id}), 512);
}

TEST_F(SessionStoreTest, UnknownOrMalformedTokenIsNotFound) {
  open_session(*db, *sessions, alice);
  EXPECT_FALSE(sessions->find("no-such-token"));
  EXPECT_FALSE(sessions->find(""));
  EXPECT_FALSE(sessions->find(std::string(129, 'a')));
  EXPECT_FALSE(sessions->find(std::string("\0abc", 4)));
}

TEST_F(SessionStoreTest, OnlyTheSha256OfTheTokenIsStored) {
  const NewSession created = open_session(*db, *sessions, alice);
  auto row = db->exec("SELECT encode(token_hash, 'hex'), strpos(s::text, $2) FROM sessions s WHERE id = $1",
                      {created.id, created.token})
                 .one_row();
  EXPECT_EQ(row.str(0), crypto::to_hex(crypto::sha256(created.token)));
  EXPECT_EQ(row.integer(1), 0) << "the raw token appears in the sessions row";
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions s WHERE strpos(s::text, $1) > 0", {created.token}), 0);
}

TEST_F(SessionStoreTest, ExpiredSessionIsNotFound) {
  const NewSession created = open_session(*db, *sessions, alice);
  ASSERT_TRUE(sessions->find(created.token));
  db->exec("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", {created.id});
  sessions->clear_cache();
  EXPECT_FALSE(sessions->find(created.token));
}

TEST_F(SessionStoreTest, DeletedUserTakesTheSessionAlong) {
  const NewSession created = open_session(*db, *sessions, bob);
  db->exec("DELETE FROM users WHERE id = $1", {bob});
  sessions->clear_cache();
  EXPECT_FALSE(sessions->find(created.token));
}

TEST_F(SessionStoreTest, CacheServesRepeatedLookups) {
  const NewSession created = open_session(*db, *sessions, alice);
  ASSERT_TRUE(sessions->find(created.token));
  // A raw delete that tells nobody: the cache still answers (this is what the epoch and
  // the NOTIFY exist for).
  db->exec("DELETE FROM sessions WHERE id = $1", {created.id});
  EXPECT_TRUE(sessions->find(created.token));
  sessions->clear_cache();
  EXPECT_FALSE(sessions->find(created.token));
}

TEST_F(SessionStoreTest, DeleteSessionIsSeenAtOnceByAnotherProcess) {
  const NewSession created = open_session(*db, *sessions, alice);
  auto other = other_process();
  ASSERT_TRUE(other->sessions.find(created.token)) << "the other process caches the session";
  ASSERT_TRUE(sessions->find(created.token));

  db::Transaction tx(*db);
  ASSERT_TRUE(sessions->delete_session(tx, alice, created.id));
  tx.commit();

  EXPECT_FALSE(other->sessions.find(created.token));
  EXPECT_FALSE(sessions->find(created.token));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE id = $1", {created.id}), 0);
}

TEST_F(SessionStoreTest, EpochBumpAloneDropsAnotherProcessCache) {
  const NewSession created = open_session(*db, *sessions, alice);
  auto other = other_process();
  ASSERT_TRUE(other->sessions.find(created.token));
  db->exec("DELETE FROM sessions WHERE id = $1", {created.id});  // no NOTIFY
  ASSERT_TRUE(other->sessions.find(created.token)) << "still cached: nobody was told";
  epoch->bump();
  EXPECT_FALSE(other->sessions.find(created.token));
}

TEST_F(SessionStoreTest, NotificationAloneDropsAnotherProcessCache) {
  // Another host: an epoch of its own (no run dir), so only the NOTIFY sent by the delete
  // statement can reach it.
  const NewSession created = open_session(*db, *sessions, alice);
  auto other = std::make_unique<OtherProcess>(t2o::testing::test_database_url(), "", config.session_lifetime_seconds);
  ASSERT_TRUE(other->sessions.find(created.token));
  {
    db::Transaction tx(*db);
    ASSERT_TRUE(sessions->delete_session(tx, alice, created.id));
    tx.commit();
  }
  // The NOTIFY travels asynchronously; allow it a moment to arrive.
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = !other->sessions.find(created.token);
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone);
}

TEST_F(SessionStoreTest, DeleteSessionOnlyForItsOwner) {
  const NewSession created = open_session(*db, *sessions, alice);
  {
    db::Transaction tx(*db);
    EXPECT_FALSE(sessions->delete_session(tx, bob, created.id));
    tx.commit();
  }
  EXPECT_TRUE(sessions->find(created.token));
  {
    db::Transaction tx(*db);
    EXPECT_FALSE(sessions->delete_session(tx, alice, created.id + 1000000));
    tx.commit();
  }
  EXPECT_TRUE(sessions->find(created.token));
}

TEST_F(SessionStoreTest, RolledBackDeleteKeepsTheSession) {
  const NewSession created = open_session(*db, *sessions, alice);
  {
    db::Transaction tx(*db);
    ASSERT_TRUE(sessions->delete_session(tx, alice, created.id));
    // no commit: rolled back
  }
  sessions->clear_cache();
  EXPECT_TRUE(sessions->find(created.token));
}

TEST_F(SessionStoreTest, DeleteUserSessionsExceptOne) {
  const NewSession first = open_session(*db, *sessions, alice);
  const NewSession kept = open_session(*db, *sessions, alice);
  const NewSession third = open_session(*db, *sessions, alice);
  const NewSession bobs = open_session(*db, *sessions, bob);
  auto other = other_process();
  for (const NewSession* s : {&first, &kept, &third, &bobs}) ASSERT_TRUE(other->sessions.find(s->token));

  db::Transaction tx(*db);
  EXPECT_EQ(sessions->delete_user_sessions(tx, alice, kept.id), 2);
  tx.commit();

  for (SessionStore* store : {sessions.get(), &other->sessions}) {
    EXPECT_FALSE(store->find(first.token));
    EXPECT_TRUE(store->find(kept.token));
    EXPECT_FALSE(store->find(third.token));
    EXPECT_TRUE(store->find(bobs.token)) << "another user's session is untouched";
  }
}

TEST_F(SessionStoreTest, DeleteAllUserSessions) {
  const NewSession first = open_session(*db, *sessions, alice);
  const NewSession second = open_session(*db, *sessions, alice);
  const NewSession bobs = open_session(*db, *sessions, bob);

  db::Transaction tx(*db);
  EXPECT_EQ(sessions->delete_user_sessions(tx, alice), 2);
  tx.commit();
  EXPECT_FALSE(sessions->find(first.token));
  EXPECT_FALSE(sessions->find(second.token));
  EXPECT_TRUE(sessions->find(bobs.token));

  db::Transaction again(*db);
  EXPECT_EQ(sessions->delete_user_sessions(again, alice), 0);
  again.commit();
}

TEST_F(SessionStoreTest, TouchSinkIsCalledOnLookupButNotOnEveryCacheHit) {
  std::vector<long long> touched;
  sessions->set_touch_sink([&touched](long long session_id) { touched.push_back(session_id); });
  const NewSession created = open_session(*db, *sessions, alice);

  ASSERT_TRUE(sessions->find(created.token));
  ASSERT_EQ(touched.size(), 1u);
  EXPECT_EQ(touched[0], created.id);

  for (int i = 0; i < 5; ++i) ASSERT_TRUE(sessions->find(created.token));
  EXPECT_EQ(touched.size(), 1u) << "cache hits within kTouchInterval do not touch again";

  EXPECT_FALSE(sessions->find("unknown-token"));
  EXPECT_EQ(touched.size(), 1u) << "no touch for an unknown token";

  sessions->clear_cache();
  ASSERT_TRUE(sessions->find(created.token));
  EXPECT_EQ(touched.size(), 2u) << "a fresh database lookup touches again";
}

}  // namespace
}  // namespace t2o
