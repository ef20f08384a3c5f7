// Mail goes through the outbox: with the SMTP server down, signup still answers at once,
// and the welcome mail is delivered, exactly once, after the server comes back.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "http_client.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

// Stops the stack's SMTP catcher and starts it again when it goes out of scope, whatever
// happened in between (a failed ASSERT returns early).
class SmtpOutage {
 public:
  SmtpOutage() { stopped_ = run_ctl("smtp-stop", &output_) == 0; }
  ~SmtpOutage() { restart(); }
  SmtpOutage(const SmtpOutage&) = delete;
  SmtpOutage& operator=(const SmtpOutage&) = delete;

  bool stopped() const { return stopped_; }
  const std::string& output() const { return output_; }

  // Returns "" on success, else ctl's output.
  std::string restart() {
    if (!stopped_) return {};
    std::string out;
    if (run_ctl("smtp-start", &out) != 0) return "deploy/ctl smtp-start failed: " + out;
    stopped_ = false;
    return {};
  }

 private:
  bool stopped_ = false;
  std::string output_;
};

class MailOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_problem().empty()) << env_problem();
    ASSERT_FALSE(env().repo_dir.empty()) << "T2O_REPO_DIR is not set (deploy/ctl is needed)";
  }
};

TEST_F(MailOutageTest, SignupIsFastWhileSmtpIsDownAndMailArrivesOnceAfterwards) {
  Client client;
  const Identity id = unique_identity("outage");

  SmtpOutage outage;
  ASSERT_TRUE(outage.stopped()) << "deploy/ctl smtp-stop failed: " << outage.output();

  const auto started = std::chrono::steady_clock::now();
  const Response signup = client.post_json("/signup", id.signup_json());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(IsSuccess(signup, 201, "Please check your email to verify your account"));
  EXPECT_LT(seconds, 2.0) << "signup waited on the mail server (took " << seconds << " s)";

  // Let the mailer try (and fail) a couple of times; nothing can arrive meanwhile.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_TRUE(mails_to(id.email).empty()) << "a mail arrived while the catcher was stopped";

  const std::string restarted = outage.restart();
  ASSERT_EQ(restarted, "");

  const auto mail = wait_for_mail(id.email, std::chrono::seconds(30));
  ASSERT_TRUE(mail) << "the welcome mail to " << id.email << " did not arrive within 30 s of smtp-start";
  const std::string token = verification_token(*mail);
  EXPECT_FALSE(token.empty()) << mail->raw;

  // Exactly once: no duplicate from a retry that had in fact succeeded.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const auto all = mails_to(id.email);
  EXPECT_EQ(all.size(), 1u) << "the welcome mail was delivered " << all.size() << " times";

  // And the delayed link still works.
  if (!token.empty()) {
    EXPECT_TRUE(IsSuccess(client.get("/verify_email/" + token), 200, "Your account has been verified"));
  }
}

}  // namespace
}  // namespace t2o::it
