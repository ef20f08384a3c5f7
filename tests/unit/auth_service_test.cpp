// Unit tests for handlers/auth/auth_service against the test database: signup, email
// verification, login (including Werkzeug hashes carried over from the original), logout
// and resending the verification email.
#include "auth/auth_service.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/digest.hpp"
#include "crypto/password.hpp"
#include "errors/http_error.hpp"
#include "security/one_time_tokens.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::auth {
namespace {

using t2o::testing::count_rows;
using t2o::testing::insert_user;

constexpr const char* kPassword = "Sup3r-secret!";
// Werkzeug's pbkdf2_hmac("sha256", b"correct horse", b"pbkdf2salt", 1000) (see crypto_test.cpp).
constexpr const char* kWerkzeugHash =
    "pbkdf2:sha256:1000$pbkdf2salt$51e28dcf938eabeeda56debf8330d49f0f88892fea06b961cd57f7bf48321277";

// Runs `action`, expects an HttpError with `status`, returns its message.
template <typename Action>
std::string http_error_message(int status, Action action) {
  try {
    action();
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), status) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "expected HttpError " << status;
  return "";
}

class AuthServiceTest : public t2o::testing::DatabaseTest {
 protected:
  SignupInput alice_input() const { return SignupInput{"Alice", "Liddell", "alice", "Alice@Example.test", kPassword}; }

  long long user_count() { return count_rows(*db, "SELECT count(*) FROM users"); }
  long long outbox_count() { return count_rows(*db, "SELECT count(*) FROM mail_outbox"); }

  // The verification token in the newest outbox message to `recipient`.
  std::string token_from_latest_mail(const std::string& recipient) {
    auto row = db->exec(
                     "SELECT body_text, COALESCE(body_html, '') FROM mail_outbox WHERE recipient = $1 "
                     "ORDER BY id DESC LIMIT 1",
                     {recipient})
                   .optional_row();
    if (!row) {
      ADD_FAILURE() << "no mail to " << recipient;
      return "";
    }
    // (No std::regex: GCC 12 warns inside it under -fsanitize, and -Werror is on.)
    const std::string prefix = "https://example.test/app/verify-email/";
    const std::string text = row->str(0);
    const auto at = text.find(prefix);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no verification link in: " << text;
      return "";
    }
    const auto start = at + prefix.size();
    const auto end = text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", start);
    const std::string token = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_NE(row->str(1).find("https://example.test/app/verify-email/" + token), std::string::npos)
        << "the HTML part carries the same link";
    return token;
  }

  LoginResult login(const std::string& who, const std::string& password) {
    LoginInput input;
    input.username_or_email = who;
    input.password = password;
    input.client_ip = "192.0.2.1";
    input.user_agent = "unit-test";
    return log_in(*db, *sessions, config, input);
  }

  // Signs alice up and verifies her through the emailed link.
  long long verified_alice() {
    const long long id = sign_up(*db, config, alice_input());
    EXPECT_TRUE(verify_email_token(*db, token_from_latest_mail("Alice@Example.test")));
    return id;
  }
};

// ---- sign_up --------------------------------------------------------------------------

TEST_F(AuthServiceTest, SignUpCreatesUnverifiedUserWithRoleUser) {
  const long long id = sign_up(*db, config, alice_input());
  EXPECT_GT(id, 0);
  auto row = db->exec(
                   "SELECT first_name, last_name, username, email, verified, password_hash, twofa_enabled "
                   "FROM users WHERE id = $1",
                   {id})
                 .one_row();
  EXPECT_EQ(row.str(0), "Alice");
  EXPECT_EQ(row.str(1), "Liddell");
  EXPECT_EQ(row.str(2), "alice");
  EXPECT_EQ(row.str(3), "Alice@Example.test");
  EXPECT_FALSE(row.boolean(4));
  EXPECT_TRUE(row.str(5).starts_with("$argon2id$")) << row.str(5);
  EXPECT_TRUE(crypto::verify_password(kPassword, row.str(5)).matches);
  EXPECT_FALSE(row.boolean(6));

  auto roles =
      db->exec("SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1", {id});
  ASSERT_EQ(roles.size(), 1);
  EXPECT_EQ(roles[0].str(0), "User");
}

TEST_F(AuthServiceTest, SignUpStoresHashedTokenAndQueuesTheWelcomeMail) {
  const long long id = sign_up(*db, config, alice_input());
  ASSERT_EQ(outbox_count(), 1);
  auto mail = db->exec("SELECT recipient, subject, status FROM mail_outbox").one_row();
  EXPECT_EQ(mail.str(0), "Alice@Example.test");
  EXPECT_NE(mail.str(1).find("verify"), std::string::npos) << mail.str(1);
  EXPECT_EQ(mail.str(2), "pending");

  const std::string token = token_from_latest_mail("Alice@Example.test");
  ASSERT_GE(token.size(), 43u);
  auto stored = db->exec(
                      "SELECT user_id, purpose, encode(token_hash, 'hex'), email, used_at IS NULL, "
                      "extract(epoch FROM expires_at - now())::bigint FROM one_time_tokens")
                    .one_row();
  EXPECT_EQ(stored.integer(0), id);
  EXPECT_EQ(stored.str(1), "verify_email");
  EXPECT_EQ(stored.str(2), crypto::to_hex(crypto::sha256(token))) << "only the hash is stored";
  EXPECT_EQ(stored.str(3), "Alice@Example.test");
  EXPECT_TRUE(stored.boolean(4));
  EXPECT_GT(stored.integer(5), kVerifyEmailLifetimeSeconds - 60);
  EXPECT_LE(stored.integer(5), kVerifyEmailLifetimeSeconds);
}

TEST_F(AuthServiceTest, DuplicateUsernameAnyCaseIsConflict) {
  sign_up(*db, config, alice_input());
  SignupInput again = alice_input();
  again.username = "ALICE";
  again.email = "other@example.test";
  EXPECT_EQ(http_error_message(409, [&] { sign_up(*db, config, again); }), "Username already exists");
  EXPECT_EQ(user_count(), 2);  // admin + alice
  EXPECT_EQ(outbox_count(), 1);
}

TEST_F(AuthServiceTest, DuplicateEmailAnyCaseIsConflict) {
  sign_up(*db, config, alice_input());
  SignupInput again = alice_input();
  again.username = "alice2";
  again.email = "alice@EXAMPLE.TEST";
  EXPECT_EQ(http_error_message(409, [&] { sign_up(*db, config, again); }), "Email already exists");
  again.email = "ADMIN@example.com";
  EXPECT_EQ(http_error_message(409, [&] { sign_up(*db, config, again); }), "Email already exists");
  EXPECT_EQ(user_count(), 2);
}

TEST_F(AuthServiceTest, InvalidFieldsAreBadRequestNamingTheField) {
  struct Case {
    SignupInput input;
    std::string field;
  };
  SignupInput base = alice_input();
  std::vector<Case> cases;
  cases.push_back({base, "first_name"});
  cases.back().input.first_name = "";
  cases.push_back({base, "last_name"});
  cases.back().input.last_name = std::string(61, 'x');
  cases.push_back({base, "username"});
  cases.back().input.username = "al ice";
  cases.push_back({base, "email"});
  cases.back().input.email = "not-an-email";
  for (const Case& c : cases) {
    const std::string message = http_error_message(400, [&] { sign_up(*db, config, c.input); });
    EXPECT_NE(message.find(c.field), std::string::npos) << c.field << ": " << message;
  }
  EXPECT_EQ(user_count(), 1);
  EXPECT_EQ(outbox_count(), 0);
}

TEST_F(AuthServiceTest, WeakPasswordIsBadRequest) {
  for (const char* weak : {"short1!", "alllowercase1!", "NoDigitsHere!", "NoSymbols123"}) {
    SignupInput input = alice_input();
    input.password = weak;
    EXPECT_EQ(http_error_message(400, [&] { sign_up(*db, config, input); }), "Password does not meet the criteria")
        << weak;
  }
  EXPECT_EQ(user_count(), 1);
}

// ---- verify_email_token ---------------------------------------------------------------

TEST_F(AuthServiceTest, VerifyEmailTokenWorksOnce) {
  const long long id = sign_up(*db, config, alice_input());
  const std::string token = token_from_latest_mail("Alice@Example.test");
  EXPECT_TRUE(verify_email_token(*db, token));
  EXPECT_TRUE(db->exec("SELECT verified FROM users WHERE id = $1", {id}).one_row().boolean(0));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM one_time_tokens WHERE used_at IS NOT NULL"), 1);
  EXPECT_FALSE(verify_email_token(*db, token)) << "single use";
}

TEST_F(AuthServiceTest, UnknownVerifyTokenIsRejected) {
  const long long id = sign_up(*db, config, alice_input());
  const std::string token = token_from_latest_mail("Alice@Example.test");
  EXPECT_FALSE(verify_email_token(*db, "not-the-token"));
  EXPECT_FALSE(verify_email_token(*db, ""));
  EXPECT_FALSE(verify_email_token(*db, token.substr(1)));
  EXPECT_FALSE(db->exec("SELECT verified FROM users WHERE id = $1", {id}).one_row().boolean(0));
}

TEST_F(AuthServiceTest, ExpiredVerifyTokenIsRejected) {
  const long long id = sign_up(*db, config, alice_input());
  const std::string token = token_from_latest_mail("Alice@Example.test");
  db->exec("UPDATE one_time_tokens SET expires_at = now() - interval '1 second'");
  EXPECT_FALSE(verify_email_token(*db, token));
  EXPECT_FALSE(db->exec("SELECT verified FROM users WHERE id = $1", {id}).one_row().boolean(0));
}

TEST_F(AuthServiceTest, VerifyTokenOnlyVerifiesTheAddressItWasSentTo) {
  const long long id = sign_up(*db, config, alice_input());
  const std::string token = token_from_latest_mail("Alice@Example.test");
  db->exec("UPDATE users SET email = 'changed@example.test' WHERE id = $1", {id});
  EXPECT_FALSE(verify_email_token(*db, token));
  EXPECT_FALSE(db->exec("SELECT verified FROM users WHERE id = $1", {id}).one_row().boolean(0));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM one_time_tokens WHERE used_at IS NULL"), 1)
      << "the refused token stays unused";
}

// ---- log_in ---------------------------------------------------------------------------

TEST_F(AuthServiceTest, LoginBeforeVerificationIsRefused) {
  sign_up(*db, config, alice_input());
  EXPECT_EQ(http_error_message(401, [&] { login("alice", kPassword); }),
            "Please verify your email address before logging in");
  // The unverified message only comes after the password checked out.
  EXPECT_EQ(http_error_message(401, [&] { login("alice", "Wrong-passw0rd"); }), "Invalid credentials");
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions"), 0);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  verified_alice();
  const std::string wrong = http_error_message(401, [&] { login("alice", "Wrong-passw0rd"); });
  const std::string unknown = http_error_message(401, [&] { login("nobody", kPassword); });
  const std::string unknown_email = http_error_message(401, [&] { login("nobody@example.test", kPassword); });
  EXPECT_EQ(wrong, "Invalid credentials");
  EXPECT_EQ(unknown, wrong);
  EXPECT_EQ(unknown_email, wrong);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions"), 0);
}

TEST_F(AuthServiceTest, UserWithoutPasswordCannotLogIn) {
  db->exec("UPDATE users SET password_hash = NULL WHERE username = 'admin'");
  EXPECT_EQ(http_error_message(401, [&] { login("admin", ""); }), "Invalid credentials");
  EXPECT_EQ(http_error_message(401, [&] { login("admin", kPassword); }), "Invalid credentials");
}

TEST_F(AuthServiceTest, LoginByUsernameOrEmailInAnyCase) {
  const long long id = verified_alice();
  for (const char* who : {"alice", "ALICE", "Alice@Example.test", "alice@example.test", "ALICE@EXAMPLE.TEST"}) {
    const LoginResult result = login(who, kPassword);
    EXPECT_EQ(result.user_id, id) << who;
    EXPECT_GT(result.session.id, 0) << who;
    const auto session = sessions->find(result.session.token);
    ASSERT_TRUE(session) << who;
    EXPECT_EQ(session->user_id, id);
    EXPECT_EQ(session->id, result.session.id);
  }
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE user_id = $1", {id}), 5)
      << "a new session at every login";
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE ip = '192.0.2.1' AND user_agent = 'unit-test'"), 5);
}

TEST_F(AuthServiceTest, PasswordIsCaseSensitive) {
  verified_alice();
  EXPECT_EQ(http_error_message(401, [&] { login("alice", "sUP3R-SECRET!"); }), "Invalid credentials");
}

TEST_F(AuthServiceTest, UsernameMatchWinsOverAnotherUsersEmail) {
  // bob's username is carol's email: "carol@example.test" logs bob in by username.
  const long long bob = insert_user(*db, "carol@example.test", "bob@example.test", crypto::hash_password(kPassword));
  insert_user(*db, "carol", "carol@example.test", crypto::hash_password("Other-passw0rd"));
  EXPECT_EQ(login("carol@example.test", kPassword).user_id, bob);
}

TEST_F(AuthServiceTest, WerkzeugHashLogsInAndIsRehashedToArgon2id) {
  const long long id = insert_user(*db, "legacy", "legacy@example.test", std::string(kWerkzeugHash));
  EXPECT_EQ(http_error_message(401, [&] { login("legacy", "correct horsf"); }), "Invalid credentials");
  EXPECT_EQ(db->exec("SELECT password_hash FROM users WHERE id = $1", {id}).one_row().str(0), kWerkzeugHash)
      << "a failed login leaves the legacy hash alone";

  const LoginResult result = login("legacy", "correct horse");
  EXPECT_EQ(result.user_id, id);
  const std::string stored = db->exec("SELECT password_hash FROM users WHERE id = $1", {id}).one_row().str(0);
  EXPECT_TRUE(stored.starts_with("$argon2id$")) << stored;
  const crypto::PasswordCheck check = crypto::verify_password("correct horse", stored);
  EXPECT_TRUE(check.matches);
  EXPECT_FALSE(check.needs_rehash);

  // And the next login uses the new hash.
  EXPECT_EQ(login("legacy@example.test", "correct horse").user_id, id);
  EXPECT_EQ(db->exec("SELECT password_hash FROM users WHERE id = $1", {id}).one_row().str(0), stored);
}

// ---- log_out --------------------------------------------------------------------------

TEST_F(AuthServiceTest, LogOutRemovesTheSession) {
  const long long id = verified_alice();
  const LoginResult first = login("alice", kPassword);
  const LoginResult second = login("alice", kPassword);
  ASSERT_TRUE(sessions->find(first.session.token));

  log_out(*db, *sessions, id, first.session.id);
  EXPECT_FALSE(sessions->find(first.session.token));
  EXPECT_TRUE(sessions->find(second.session.token)) << "only the one session ends";
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE id = $1", {first.session.id}), 0);
}

TEST_F(AuthServiceTest, LogOutCannotEndAnotherUsersSession) {
  verified_alice();
  const long long bob = insert_user(*db, "bob", "bob@example.test");
  const LoginResult alices = login("alice", kPassword);
  log_out(*db, *sessions, bob, alices.session.id);
  EXPECT_TRUE(sessions->find(alices.session.token));
}

// ---- resend_verification_email ----------------------------------------------------------

TEST_F(AuthServiceTest, ResendQueuesANewWorkingLinkForUnverifiedAccount) {
  const long long id = sign_up(*db, config, alice_input());
  const std::string first = token_from_latest_mail("Alice@Example.test");
  resend_verification_email(*db, config, "ALICE@example.TEST");
  ASSERT_EQ(outbox_count(), 2);
  const std::string second = token_from_latest_mail("Alice@Example.test");
  EXPECT_NE(first, second);
  EXPECT_TRUE(verify_email_token(*db, second));
  EXPECT_TRUE(db->exec("SELECT verified FROM users WHERE id = $1", {id}).one_row().boolean(0));
}

TEST_F(AuthServiceTest, ResendIsSilentForVerifiedOrUnknownAccounts) {
  verified_alice();
  const long long before = outbox_count();
  resend_verification_email(*db, config, "Alice@Example.test");
  resend_verification_email(*db, config, "nobody@example.test");
  resend_verification_email(*db, config, "admin@example.com");
  EXPECT_EQ(outbox_count(), before);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM one_time_tokens"), 1);
}

}  // namespace
}  // namespace t2o::auth
