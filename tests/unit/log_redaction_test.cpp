// Secrets stay out of logs: token paths are masked; unhandled errors are mailed to the
// admins in production at most once per distinct error per 10 minutes.
#include <gtest/gtest.h>

#include "log/error_mailer.hpp"
#include "server/router.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::testing {
namespace {

TEST(LoggablePath, MasksTokenSegmentsOnly) {
  EXPECT_EQ(loggable_path("/reset_password/<token>", "/reset_password/abcDEF123"), "/reset_password/[redacted]");
  EXPECT_EQ(loggable_path("/verify_email/<token>", "/verify_email/xyz"), "/verify_email/[redacted]");
  EXPECT_EQ(loggable_path("/sessions/<int:id>", "/sessions/42"), "/sessions/42");
  EXPECT_EQ(loggable_path("", "/unknown/path"), "/unknown/path");
}

TEST(LoggablePath, FindRouteReportsThePatternEvenForTheWrongMethod) {
  static const Route routes[] = {
      {Method::Post, "/reset_password/<token>", [](Context&, const Request&) { return success("ok"); }, kPublic},
  };
  const RouteMatch match = find_route(routes, Method::Get, "/reset_password/secret-token");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(loggable_path(match.pattern, "/reset_password/secret-token"), "/reset_password/[redacted]");
}

class ErrorMailerTest : public DatabaseTest {
 protected:
  LogRecord error_record(const std::string& message) {
    LogRecord record;
    record.level = "ERROR";
    record.group = "auth";
    record.method = "GET";
    record.path = "/current_user_details";
    record.message = message;
    return record;
  }
  long long mails() { return count_rows(*db, "SELECT count(*) FROM mail_outbox"); }
  void SetUp() override {
    DatabaseTest::SetUp();
    db->run("DELETE FROM error_notifications");
    config.app_env = "production";
    config.admin_emails = {"ops@example.com", "oncall@example.com"};
  }
};

TEST_F(ErrorMailerTest, MailsEachAdminOnceThenThrottles) {
  EXPECT_TRUE(mail_unhandled_error(*db, config, error_record("boom")));
  EXPECT_EQ(mails(), 2);
  EXPECT_FALSE(mail_unhandled_error(*db, config, error_record("boom")));
  EXPECT_EQ(mails(), 2);
  // A different error is mailed; the first one again after 10 minutes.
  EXPECT_TRUE(mail_unhandled_error(*db, config, error_record("another failure")));
  EXPECT_EQ(mails(), 4);
  db->run("UPDATE error_notifications SET last_sent_at = now() - interval '11 minutes'");
  EXPECT_TRUE(mail_unhandled_error(*db, config, error_record("boom")));
  EXPECT_EQ(mails(), 6);
}

TEST_F(ErrorMailerTest, NothingOutsideProductionOrWithoutRecipients) {
  config.app_env = "development";
  EXPECT_FALSE(mail_unhandled_error(*db, config, error_record("boom")));
  config.app_env = "production";
  config.admin_emails.clear();
  EXPECT_FALSE(mail_unhandled_error(*db, config, error_record("boom")));
  EXPECT_EQ(mails(), 0);
}

}  // namespace
}  // namespace t2o::testing
