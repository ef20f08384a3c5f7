// 2FA against the real test database: pending secrets, enabling, replay refusal,
// recovery codes used once, emailed login codes (expiry with a clock the test sets),
// and the login flow with lockout counting.
#include <gtest/gtest.h>

#include <regex>

#include "auth/auth_routes.hpp"
#include "auth/auth_service.hpp"
#include "auth/lockout.hpp"
#include "auth/token_field.hpp"
#include "auth/twofa_service.hpp"
#include "crypto/password.hpp"
#include "crypto/secret_box.hpp"
#include "errors/http_error.hpp"
#include "security/one_time_tokens.hpp"
#include "security/totp.hpp"
#include "security/totp_secrets.hpp"
#include "server/context.hpp"
#include "service_calls.hpp"
#include "setup/totp_secrets.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::testing {
namespace {

const std::string kPassword = "Correct-Horse-9";

class TwofaTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    user_id = insert_user(*db, "twofa_user", "twofa@example.com", crypto::hash_password(kPassword));
  }

  // The pending secret as the authenticator app gets it: the column holds it sealed.
  std::string pending_secret() {
    const std::string sealed = stored("twofa_pending_secret");
    return totp::open_secret(config, user_id, sealed).value_or("(does not open)");
  }

  std::string stored(const std::string& column) {
    return db->exec("SELECT " + column + " FROM users WHERE id = $1", {user_id}).one_row().str(0);
  }

  std::string code_for(const std::string& secret_base32, std::time_t at) {
    return totp::code_at(*totp::base32_decode(secret_base32), at);
  }

  std::vector<std::string> enable_at(std::time_t now) {
    auth::begin_twofa_setup(*db, config, user_id);
    secret = pending_secret();
    return auth::enable_twofa(*db, config, user_id, code_for(secret, now), now);
  }

  bool second_factor(const std::string& token, std::time_t now) {
    db::Transaction tx(*db);
    const bool accepted = auth::accept_second_factor(tx, config, user_id, token, now);
    tx.commit();
    return accepted;
  }

  auth::LoginInput login_input(std::optional<std::string> token, std::time_t now) {
    auth::LoginInput input;
    input.username_or_email = "twofa_user";
    input.password = kPassword;
    input.token = std::move(token);
    input.now = now;
    return input;
  }

  long long mails_to_user() {
    return count_rows(*db, "SELECT count(*) FROM mail_outbox WHERE recipient = 'twofa@example.com'");
  }

  std::string last_mailed_code() {
    const std::string body =
        db->exec("SELECT body_text FROM mail_outbox WHERE recipient = 'twofa@example.com' ORDER BY id DESC LIMIT 1")
            .one_row()
            .str(0);
    std::smatch match;
    EXPECT_TRUE(std::regex_search(body, match, std::regex("\\b([0-9]{6})\\b")));
    return match[1];
  }

  long long user_id = 0;
  std::string secret;
  const std::time_t t0 = 1800000000;
};

TEST_F(TwofaTest, SetupStoresAPendingSecretAndDescribesIt) {
  const auth::TwofaSetup setup = auth::begin_twofa_setup(*db, config, user_id);
  EXPECT_EQ(setup.secret_base32, pending_secret());
  EXPECT_EQ(setup.uri, "otpauth://totp/T2Overse:twofa%40example.com?secret=" + setup.secret_base32 + "&issuer=T2Overse");
  EXPECT_EQ(setup.qr_svg.rfind("<svg", 0), 0u);
  EXPECT_FALSE(db->exec("SELECT twofa_enabled FROM users WHERE id = $1", {user_id}).one_row().boolean(0));
}

TEST_F(TwofaTest, EnableNeedsAValidCodeForThePendingSecret) {
  auth::begin_twofa_setup(*db, config, user_id);
  EXPECT_THROW(auth::enable_twofa(*db, config, user_id, "000000", t0), BadRequest);
  const std::vector<std::string> codes = auth::enable_twofa(*db, config, user_id, code_for(pending_secret(), t0), t0);
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM recovery_codes WHERE user_id = $1", {user_id}), 10);
  // Stored hashed: no code appears in the table.
  for (const std::string& code : codes) {
    EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM recovery_codes WHERE encode(code_hash, 'escape') LIKE '%' || $1 || '%'",
                         {auth::normalize_recovery_code(code)}),
              0);
  }
}

TEST_F(TwofaTest, EnableWithoutPendingSecretFails) {
  EXPECT_THROW(auth::enable_twofa(*db, config, user_id, "123456", t0), BadRequest);
}

TEST_F(TwofaTest, PendingSecretDoesNotReplaceTheLiveOne) {
  enable_at(t0);
  const std::string live = secret;
  auth::begin_twofa_setup(*db, config, user_id);  // a new pending secret
  EXPECT_NE(pending_secret(), live);
  EXPECT_TRUE(second_factor(code_for(live, t0 + 30), t0 + 30));
}

TEST_F(TwofaTest, AnAcceptedCodeIsRefusedWhenPresentedAgain) {
  enable_at(t0);
  // The enabling code's step is used up, so is any earlier one.
  EXPECT_FALSE(second_factor(code_for(secret, t0), t0));
  EXPECT_FALSE(second_factor(code_for(secret, t0 - 30), t0));
  const std::string next = code_for(secret, t0 + 30);
  EXPECT_TRUE(second_factor(next, t0 + 30));
  EXPECT_FALSE(second_factor(next, t0 + 30));
  EXPECT_FALSE(second_factor(next, t0 + 45));
}

TEST_F(TwofaTest, RecoveryCodesWorkOnceEach) {
  const std::vector<std::string> codes = enable_at(t0);
  EXPECT_TRUE(second_factor(codes[0], t0));
  EXPECT_FALSE(second_factor(codes[0], t0));
  // Case and the dash do not matter.
  std::string upper = codes[1];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  upper.erase(std::remove(upper.begin(), upper.end(), '-'), upper.end());
  EXPECT_TRUE(second_factor(upper, t0));
  EXPECT_FALSE(second_factor(codes[1], t0));
  EXPECT_FALSE(second_factor("aaaaa-bbbbb", t0));
}

TEST_F(TwofaTest, DisableNeedsACurrentCodeOrARecoveryCode) {
  const std::vector<std::string> codes = enable_at(t0);
  EXPECT_THROW(auth::disable_twofa(*db, config, user_id, "000000", t0 + 30), BadRequest);
  EXPECT_THROW(auth::disable_twofa(*db, config, user_id, code_for(secret, t0), t0), BadRequest);  // replayed
  auth::disable_twofa(*db, config, user_id, codes[3], t0 + 30);
  auto row = db->exec("SELECT twofa_enabled, twofa_secret IS NULL FROM users WHERE id = $1", {user_id}).one_row();
  EXPECT_FALSE(row.boolean(0));
  EXPECT_TRUE(row.boolean(1));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM recovery_codes WHERE user_id = $1", {user_id}), 0);
}

TEST_F(TwofaTest, LoginWithoutTokenAsksForOneAndMailsACodeAtMostOncePerMinute) {
  enable_at(t0);
  try {
    auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0 + 5));
    FAIL() << "login without token must fail";
  } catch (const BadRequest& error) {
    EXPECT_STREQ(error.what(), "2FA token required");
  }
  EXPECT_EQ(mails_to_user(), 1);
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0 + 50)), BadRequest);
  EXPECT_EQ(mails_to_user(), 1);  // throttled
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0 + 70)), BadRequest);
  EXPECT_EQ(mails_to_user(), 2);
}

TEST_F(TwofaTest, EmailedCodeLogsInOnceWithinTenMinutes) {
  enable_at(t0);
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0)), BadRequest);
  const std::string code = last_mailed_code();
  const auth::LoginResult result = auth::log_in(*db, *sessions, config, login_input(code, t0 + 60));
  EXPECT_EQ(result.user_id, user_id);
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(code, t0 + 61)), BadRequest);
}

TEST_F(TwofaTest, EmailedCodeExpiresAfterTenMinutes) {
  enable_at(t0);
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0)), BadRequest);
  const std::string code = last_mailed_code();
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(code, t0 + 601)), BadRequest);
}

// Codes have six digits and were unique across everyone and kept forever, so after about a
// thousand codes in all an insert collided and /login answered 409.
TEST_F(TwofaTest, FiveThousandEmailedCodesAllGoOut) {
  std::vector<long long> users;
  for (int i = 0; i < 50; ++i) {
    users.push_back(insert_user(*db, "coder" + std::to_string(i), "coder" + std::to_string(i) + "@example.com"));
  }
  int sent = 0;
  for (int round = 0; round < 100; ++round) {
    // A minute apart, so no mail is held back by the one-per-minute limit.
    const std::time_t now = t0 + round * (auth::kLoginCodeMailIntervalSeconds + 1);
    for (long long id : users) {
      ASSERT_NO_THROW(sent += auth::send_login_code(*db, config, id, now) ? 1 : 0) << "code " << sent + 1;
    }
  }
  EXPECT_EQ(sent, 5000);
  // Each user keeps only the live code and the one it replaced; older ones are purged.
  EXPECT_LE(count_rows(*db, "SELECT count(*) FROM one_time_tokens WHERE purpose = 'login_code'"), 2 * 50);
}

TEST_F(TwofaTest, TheSameCodeMailedToTwoUsersLogsInEachOnce) {
  const long long other = insert_user(*db, "twin", "twin@example.com");
  db::Transaction tx(*db);
  store_one_time_token(tx, user_id, TokenPurpose::LoginCode, "424242", "twofa@example.com", t0);
  store_one_time_token(tx, other, TokenPurpose::LoginCode, "424242", "twin@example.com", t0);
  EXPECT_TRUE(consume_login_code(tx, other, "424242", t0 + 1));
  EXPECT_FALSE(consume_login_code(tx, other, "424242", t0 + 2)) << "used once";
  EXPECT_TRUE(consume_login_code(tx, user_id, "424242", t0 + 3)) << "the other user's code is untouched";
  tx.commit();
}

// The code sent as a JSON number lost its leading zeros, so one code in ten was refused.
TEST(SecondFactorToken, NumbersAreZeroPaddedToSixDigits) {
  Json::Value body;
  body["token"] = 12345;
  EXPECT_EQ(auth::second_factor_token(body), "012345");
  body["token"] = 7;
  EXPECT_EQ(auth::second_factor_token(body), "000007");
  body["token"] = "abcde-fghij";
  EXPECT_EQ(auth::second_factor_token(body), "abcde-fghij");
  body["token"] = 1234567;
  EXPECT_EQ(auth::second_factor_token(body), std::nullopt);
  body["token"] = -1;
  EXPECT_EQ(auth::second_factor_token(body), std::nullopt);
  body["token"] = 1.5;
  EXPECT_EQ(auth::second_factor_token(body), std::nullopt);
  EXPECT_EQ(auth::second_factor_token(Json::Value(Json::objectValue)), std::nullopt);
}

TEST_F(TwofaTest, UpdateTwofaTakesACodeBelow100000SentAsANumber) {
  auth::begin_twofa_setup(*db, config, user_id);
  secret = pending_secret();
  // A moment whose code starts with 0 (one step in ten).
  std::time_t at = t0;
  while (code_for(secret, at)[0] != '0') at += 30;
  const std::string code = code_for(secret, at);

  Services services{config, *db, *sessions, nullptr, "auth", [at] { return at; }};
  Context context{services, SessionInfo{}};
  context.session->user_id = user_id;
  Request request = make_request(Method::Post, "/update_twofa");
  request.headers["content-type"] = "application/json";
  request.body = R"({"enabled": true, "token": )" + std::to_string(std::stoi(code)) + "}";
  const Response response = auth::update_twofa(context, request);
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(db->exec("SELECT twofa_enabled FROM users WHERE id = $1", {user_id}).one_row().boolean(0));
}

TEST_F(TwofaTest, LoginWithTotpAndRecoveryCode) {
  const std::vector<std::string> codes = enable_at(t0);
  EXPECT_EQ(auth::log_in(*db, *sessions, config, login_input(code_for(secret, t0 + 30), t0 + 30)).user_id, user_id);
  EXPECT_EQ(auth::log_in(*db, *sessions, config, login_input(codes[5], t0 + 30)).user_id, user_id);
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(codes[5], t0 + 31)), BadRequest);
}

class LockoutTest : public TwofaTest {};

TEST_F(LockoutTest, TenFailuresWithinFifteenMinutesLockEvenTheRightPassword) {
  auth::LoginInput wrong = login_input(std::nullopt, t0);
  wrong.password = "Wrong-Password-1";
  for (int i = 0; i < auth::kMaxFailures; ++i) {
    wrong.now = t0 + i * 60;  // all within 15 minutes
    EXPECT_THROW(auth::log_in(*db, *sessions, config, wrong), Unauthorized) << i;
  }
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0 + 600)), TooManyRequests);
  // Still locked just before the 15 minutes from the locking failure are over, open after.
  const std::time_t locked_at = t0 + (auth::kMaxFailures - 1) * 60;
  EXPECT_THROW(auth::log_in(*db, *sessions, config, login_input(std::nullopt, locked_at + 899)), TooManyRequests);
  EXPECT_EQ(auth::log_in(*db, *sessions, config, login_input(std::nullopt, locked_at + 901)).user_id, user_id);
}

TEST_F(LockoutTest, FailuresOutsideTheWindowDoNotAddUp) {
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(auth::record_login_failure(*db, user_id, t0 + i));
  // The window started at t0; a failure 15 minutes later starts a new count.
  EXPECT_FALSE(auth::record_login_failure(*db, user_id, t0 + 901));
  EXPECT_FALSE(auth::is_locked(*db, user_id, t0 + 902));
}

TEST_F(LockoutTest, ASuccessResetsTheCount) {
  for (int i = 0; i < 9; ++i) auth::record_login_failure(*db, user_id, t0 + i);
  auth::log_in(*db, *sessions, config, login_input(std::nullopt, t0 + 20));
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(auth::record_login_failure(*db, user_id, t0 + 30 + i));
  EXPECT_FALSE(auth::is_locked(*db, user_id, t0 + 40));
  EXPECT_TRUE(auth::record_login_failure(*db, user_id, t0 + 41));
  EXPECT_TRUE(auth::is_locked(*db, user_id, t0 + 42));
}

// Secrets at rest (crypto/secret_box.hpp): what a database backup shows is sealed text.
TEST_F(TwofaTest, TheColumnsNeverHoldTheBase32Secret) {
  const auth::TwofaSetup setup = auth::begin_twofa_setup(*db, config, user_id);
  const std::string pending = stored("twofa_pending_secret");
  EXPECT_EQ(pending.find(setup.secret_base32), std::string::npos);
  EXPECT_TRUE(crypto::SecretBox::is_sealed(pending)) << pending;
  auth::enable_twofa(*db, config, user_id, code_for(setup.secret_base32, t0), t0);
  const std::string live = stored("twofa_secret");
  EXPECT_EQ(live.find(setup.secret_base32), std::string::npos);
  EXPECT_EQ(totp::open_secret(config, user_id, live), setup.secret_base32);
  // Bound to its user: the same value on another account does not open.
  EXPECT_FALSE(totp::open_secret(config, user_id + 1, live));
}

TEST_F(TwofaTest, AWrongKeyFailsClosedWithALoggedError) {
  enable_at(t0);
  Config wrong = config;
  wrong.data_keys = {"a-different-data-key-than-the-one-that-sealed"};
  ::testing::internal::CaptureStderr();
  db::Transaction tx(*db);
  const bool accepted = auth::accept_second_factor(tx, wrong, user_id, code_for(secret, t0 + 30), t0 + 30);
  tx.commit();
  const std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(accepted) << "a secret that does not open must refuse the code, not wave it through";
  EXPECT_NE(logged.find("level=ERROR TOTP secret of user " + std::to_string(user_id) + " cannot be opened"),
            std::string::npos)
      << logged;
  // The login with that key is refused too; with the right key the same code passes.
  EXPECT_ANY_THROW(auth::log_in(*db, *sessions, wrong, login_input(code_for(secret, t0 + 60), t0 + 60)));
  EXPECT_TRUE(second_factor(code_for(secret, t0 + 90), t0 + 90));
}

TEST_F(TwofaTest, KeysRotate) {
  config.data_keys = {"old-data-key-0123456789"};
  enable_at(t0);
  const std::string sealed_old = stored("twofa_secret");
  // New key first, old one still listed: the old value opens, new values use the new key.
  config.data_keys = {"new-data-key-9876543210", "old-data-key-0123456789"};
  const crypto::SecretBox box = crypto::SecretBox::for_config(config);
  EXPECT_FALSE(box.sealed_with_current_key(sealed_old));
  EXPECT_EQ(totp::open_secret(config, user_id, sealed_old), secret);
  EXPECT_EQ(setup::reseal_totp_secrets(*db, config).resealed, 1);
  const std::string sealed_new = stored("twofa_secret");
  EXPECT_TRUE(box.sealed_with_current_key(sealed_new));
  EXPECT_EQ(setup::reseal_totp_secrets(*db, config).resealed, 0) << "nothing left to reseal";
  config.data_keys = {"new-data-key-9876543210"};  // the old key dropped
  EXPECT_TRUE(second_factor(code_for(secret, t0 + 30), t0 + 30));
}

TEST_F(TwofaTest, PlainSecretsFromBeforeSealingAreSealedByTheMigration) {
  const std::string plain = totp::new_secret_base32();
  db->exec("UPDATE users SET twofa_secret = $2, twofa_enabled = true WHERE id = $1", {user_id, plain});
  // Another user's value opens with no key: reported, left alone, and no obstacle to the rest.
  const long long broken = insert_user(*db, "broken_2fa", "broken@example.com");
  db->exec("UPDATE users SET twofa_secret = 'v1.00000000.AAAA', twofa_enabled = true WHERE id = $1", {broken});
  const setup::ResealOutcome outcome = setup::reseal_totp_secrets(*db, config);
  EXPECT_EQ(outcome.resealed, 1);
  ASSERT_EQ(outcome.problems.size(), 1u);
  EXPECT_NE(outcome.problems[0].find("user " + std::to_string(broken)), std::string::npos) << outcome.problems[0];
  EXPECT_EQ(stored("twofa_secret").find(plain), std::string::npos);
  EXPECT_TRUE(second_factor(code_for(plain, t0), t0));
}

}  // namespace
}  // namespace t2o::testing
