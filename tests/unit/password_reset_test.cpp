// Forgotten passwords against the real test database: single use, one hour (with a clock
// the test sets), bound to the email, every session deleted, no enumeration.
#include <gtest/gtest.h>

#include <regex>

#include "auth/auth_service.hpp"
#include "auth/password_reset_service.hpp"
#include "crypto/password.hpp"
#include "errors/http_error.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::testing {
namespace {

class PasswordResetTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    user_id = insert_user(*db, "reset_user", "Reset@Example.com", crypto::hash_password("Old-Password-1"));
  }

  std::string mailed_token() {
    const std::string body = db->exec("SELECT body_text FROM mail_outbox ORDER BY id DESC LIMIT 1").one_row().str(0);
    std::smatch match;
    EXPECT_TRUE(std::regex_search(body, match, std::regex("https://example\\.test/app/reset-password/([A-Za-z0-9_-]+)")));
    return match[1];
  }

  long long sessions_of_user() { return count_rows(*db, "SELECT count(*) FROM sessions WHERE user_id = $1", {user_id}); }

  long long user_id = 0;
  const std::time_t t0 = 1800000000;
};

TEST_F(PasswordResetTest, UnknownEmailQueuesNothing) {
  auth::request_password_reset(*db, config, "nobody@example.com", t0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM mail_outbox"), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM one_time_tokens"), 0);
}

TEST_F(PasswordResetTest, ResetChangesThePasswordOnceAndDeletesEverySession) {
  open_session(*db, *sessions, user_id);
  open_session(*db, *sessions, user_id);
  auth::request_password_reset(*db, config, "reset@example.com", t0);  // any case
  const std::string token = mailed_token();
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM one_time_tokens WHERE encode(token_hash, 'escape') = $1", {token}), 0);

  auth::reset_password(*db, *sessions, token, "RESET@example.com", "New-Password-2", t0 + 10);
  EXPECT_EQ(sessions_of_user(), 0);
  const std::string stored = db->exec("SELECT password_hash FROM users WHERE id = $1", {user_id}).one_row().str(0);
  EXPECT_TRUE(crypto::verify_password("New-Password-2", stored).matches);
  EXPECT_THROW(auth::reset_password(*db, *sessions, token, "reset@example.com", "Newer-Password-3", t0 + 20),
               BadRequest);
}

TEST_F(PasswordResetTest, TokenIsBoundToTheEmail) {
  auth::request_password_reset(*db, config, "reset@example.com", t0);
  const std::string token = mailed_token();
  EXPECT_THROW(auth::reset_password(*db, *sessions, token, "other@example.com", "New-Password-2", t0), BadRequest);
  auth::reset_password(*db, *sessions, token, "reset@example.com", "New-Password-2", t0);
}

TEST_F(PasswordResetTest, TokenExpiresAfterOneHour) {
  auth::request_password_reset(*db, config, "reset@example.com", t0);
  const std::string token = mailed_token();
  EXPECT_THROW(auth::reset_password(*db, *sessions, token, "reset@example.com", "New-Password-2", t0 + 3601),
               BadRequest);
  auth::reset_password(*db, *sessions, token, "reset@example.com", "New-Password-2", t0 + 3599);
}

TEST_F(PasswordResetTest, WeakPasswordDoesNotUseUpTheToken) {
  auth::request_password_reset(*db, config, "reset@example.com", t0);
  const std::string token = mailed_token();
  try {
    auth::reset_password(*db, *sessions, token, "reset@example.com", "weak", t0);
    FAIL() << "a weak password must be refused";
  } catch (const BadRequest& error) {
    EXPECT_STREQ(error.what(), "Password does not meet the criteria");
  }
  auth::reset_password(*db, *sessions, token, "reset@example.com", "Strong-Enough-4", t0);
}

TEST_F(PasswordResetTest, ANewRequestReplacesTheOldLink) {
  auth::request_password_reset(*db, config, "reset@example.com", t0);
  const std::string first = mailed_token();
  auth::request_password_reset(*db, config, "reset@example.com", t0 + 5);
  const std::string second = mailed_token();
  EXPECT_THROW(auth::reset_password(*db, *sessions, first, "reset@example.com", "New-Password-2", t0 + 6), BadRequest);
  auth::reset_password(*db, *sessions, second, "reset@example.com", "New-Password-2", t0 + 6);
}

}  // namespace
}  // namespace t2o::testing
