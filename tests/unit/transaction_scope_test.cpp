// Services run in the transaction their caller opened and never commit it themselves: so
// several services compose into one atomic change, and the caller's rollback undoes all.
// (Before, each service opened and committed its own transaction on the shared
// connection, so calling one from another committed the outer work half-way.)
#include <gtest/gtest.h>

#include "admin/roles_service.hpp"
#include "auth/auth_service.hpp"
#include "board/board_service.hpp"
#include "board/column_service.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::count_rows;

class TransactionScopeTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    db->run("DELETE FROM boards");
  }
};

TEST_F(TransactionScopeTest, ServicesComposeIntoOneChangeThatRollsBackWhole) {
  {
    db::Transaction tx(*db);
    const long long board = board::create_board(tx, "Composed");
    board::create_column(tx, board, "Todo", std::nullopt);
    const auth::SignupInput input{"Ada", "Lovelace", "ada_tx", "ada_tx@example.test", "Analytical-Engine-1"};
    auth::sign_up(tx, config, input);
    admin::create_role(tx, AuditActor{t2o::testing::admin_user_id(*db), "admin@example.com", "", "", ""}, "Composer");
    // Nothing is visible to another connection before the caller commits...
    db::Connection other(t2o::testing::test_database_url());
    EXPECT_EQ(count_rows(other, "SELECT count(*) FROM boards WHERE name = 'Composed'"), 0);
    EXPECT_EQ(count_rows(other, "SELECT count(*) FROM users WHERE username = 'ada_tx'"), 0);
    // ...and the caller does not commit: everything goes.
  }
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM boards"), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM board_columns"), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM users WHERE username = 'ada_tx'"), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM mail_outbox"), 0) << "the welcome mail went with it";
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM roles WHERE name = 'Composer'"), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'"), 0);
}

TEST_F(TransactionScopeTest, ACommitMakesEveryServicesWorkVisibleAtOnce) {
  db::in_transaction(*db, [&](db::Transaction& tx) {
    const long long board = board::create_board(tx, "Kept");
    board::create_column(tx, board, "Todo", std::nullopt);
    board::create_column(tx, board, "Done", std::nullopt);
  });
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM board_columns c JOIN boards b ON b.id = c.board_id "
                            "WHERE b.name = 'Kept'"),
            2);
}

TEST_F(TransactionScopeTest, OnCommitActionsRunOnlyAfterACommit) {
  int ran = 0;
  {
    db::Transaction tx(*db);
    tx.on_commit([&] { ++ran; });
  }
  EXPECT_EQ(ran, 0) << "rolled back";
  db::Transaction tx(*db);
  tx.on_commit([&] { ++ran; });
  tx.commit();
  EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace t2o
