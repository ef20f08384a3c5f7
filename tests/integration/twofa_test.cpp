// Two-factor authentication end to end, through nginx (API.md "Auth group", TOTP rules,
// email one-time code): GET /twofa_uri, POST /update_twofa, and /login with `token`.
// TOTP codes are computed here from the URI's secret with an independent RFC 6238
// implementation (totp_helper.hpp), not with the handlers' own code.
//
// Time steps: the server accepts a code within ±1 step of its clock and refuses a step at
// or before the last one it accepted for the user. The tests therefore never reuse a step
// except to check the replay refusal, and take the next step (now + 30 s) when they need a
// fresh code right after one was accepted; next_code() waits for a step boundary only when
// even that one is used.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "mail_text.hpp"
#include "stack_sql.hpp"
#include "test_support.hpp"
#include "totp_helper.hpp"

namespace t2o::it {
namespace {

constexpr const char* kTwofaRequired = "2FA token required";
constexpr const char* kTwofaUpdateFailed = "Failed to update 2FA. Invalid token or not provided.";
constexpr const char* kTwofaUpdated = "2FA updated successfully";
constexpr const char* kAppName = "T2Overse";

// One signed-up, verified, logged-in user with a TOTP secret once set up.
struct TwofaUser {
  Identity id;
  Client client;     // the logged-in session used for /twofa_uri and /update_twofa
  std::string csrf;  // that session's CSRF token
  std::string secret_base32;
  std::string key;              // raw secret
  std::uint64_t last_step = 0;  // the last TOTP step the server accepted for this user
  std::vector<std::string> recovery_codes;

  // A TOTP code for the live secret that the server has not accepted yet: the current
  // step when it is newer than the last accepted one, else the next step (±1 is
  // accepted); waits for the clock when even the next step is already used.
  std::string next_code() {
    std::uint64_t step = std::max(totp::step_of(std::time(nullptr)), last_step + 1);
    while (step > totp::step_of(std::time(nullptr)) + 1) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return totp::code_for_step(key, step);
  }
  // Records that the server accepted the code of `code`'s step (call after a 200).
  void accepted(const std::string& code) {
    const std::uint64_t now_step = totp::step_of(std::time(nullptr));
    for (std::uint64_t s = now_step + 1; s >= now_step - 2; --s) {  // newest first
      if (totp::code_for_step(key, s) == code) {
        last_step = std::max(last_step, s);
        return;
      }
    }
  }
};

Json::Value twofa_body(bool enabled, const std::string& token) {
  Json::Value body;
  body["enabled"] = enabled;
  body["token"] = token;
  return body;
}

Response update_twofa(TwofaUser& user, const Json::Value& body) {
  return user.client.post_json("/update_twofa", body, {{"X-CSRFToken", user.csrf}});
}

Response login_with(const Identity& id, const std::optional<std::string>& token, Client* into = nullptr) {
  Client fresh;
  Client& client = into ? *into : fresh;
  Json::Value body;
  body["username_or_email"] = id.username;
  body["password"] = id.password;
  if (token) body["token"] = *token;
  return client.post_json("/login", body);
}

Response current_user(Client& client) { return client.get("/current_user_details"); }

// The login-code mails caught for `email` that are not in `known`: their 6-digit codes.
std::optional<std::string> wait_for_login_code(const std::string& email, const std::vector<std::string>& known,
                                               std::string* mail_path = nullptr) {
  const auto mail = wait_for_mail(email, std::chrono::seconds(20), known);
  if (!mail) return std::nullopt;
  if (mail_path) *mail_path = mail->path;
  const auto codes = six_digit_codes(plain_text_body(*mail));
  if (codes.size() != 1) return std::string();  // "": a mail, but not exactly one 6-digit code in its text
  return codes.front();
}

class TwofaTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }

  // Signs up, verifies and logs in a new user.
  void NewUser(TwofaUser& user, const std::string& tag) {
    user.id = unique_identity(tag);
    ASSERT_EQ(create_verified_user(user.client, user.id), "");
    const Response login = login_json(user.client, user.id.username, user.id.password);
    ASSERT_TRUE(IsSuccess(login, 200, "Login successful"));
    ASSERT_TRUE((*login.json)["csrf_token"].isString()) << login.describe();
    user.csrf = (*login.json)["csrf_token"].asString();
  }

  // GET /twofa_uri: checks the answer and returns the secret (base32) it names.
  void FetchUri(TwofaUser& user, std::string& secret_base32, std::string& key) {
    const Response r = user.client.get("/twofa_uri");
    ASSERT_TRUE(IsSuccess(r, 200, "2FA confirmation"));
    const Json::Value& j = *r.json;
    ASSERT_TRUE(j["uri"].isString()) << r.describe();
    const std::string uri = j["uri"].asString();
    const auto parsed = totp::parse_otpauth_uri(uri);
    ASSERT_TRUE(parsed) << "not an otpauth:// URI: " << uri;
    EXPECT_EQ(parsed->type, "totp") << uri;
    EXPECT_EQ(parsed->label, std::string(kAppName) + ":" + user.id.email) << uri;
    EXPECT_EQ(parsed->params.count("issuer"), 1u) << uri;
    if (parsed->params.count("issuer")) {
      EXPECT_EQ(parsed->params.at("issuer"), kAppName) << uri;
    }
    // Defaults when given at all: SHA1, 6 digits, 30 s.
    if (parsed->params.count("algorithm")) {
      EXPECT_EQ(parsed->params.at("algorithm"), "SHA1") << uri;
    }
    if (parsed->params.count("digits")) {
      EXPECT_EQ(parsed->params.at("digits"), "6") << uri;
    }
    if (parsed->params.count("period")) {
      EXPECT_EQ(parsed->params.at("period"), "30") << uri;
    }
    ASSERT_EQ(parsed->params.count("secret"), 1u) << uri;
    secret_base32 = parsed->params.at("secret");
    const auto raw = totp::base32_decode(secret_base32);
    ASSERT_TRUE(raw) << "secret is not base32: " << secret_base32;
    EXPECT_EQ(raw->size(), 20u) << "the secret must be 160 bits: " << secret_base32;
    key = *raw;

    ASSERT_TRUE(j["qr_svg"].isString()) << "no qr_svg string: " << r.describe();
    const std::string svg = j["qr_svg"].asString();
    EXPECT_EQ(svg.rfind("<svg", 0), 0u) << "qr_svg does not start with <svg: " << svg.substr(0, 80);
    EXPECT_NE(svg.find("</svg>"), std::string::npos) << "qr_svg is not a complete SVG";
  }

  // /twofa_uri then /update_twofa enabled:true with the current code: 2FA is on.
  void Enable(TwofaUser& user) {
    ASSERT_NO_FATAL_FAILURE(FetchUri(user, user.secret_base32, user.key));
    const std::string code = totp::code_at(user.key, std::time(nullptr));
    const Response r = update_twofa(user, twofa_body(true, code));
    ASSERT_TRUE(IsSuccess(r, 200, kTwofaUpdated));
    user.last_step = 0;
    user.accepted(code);
    const Json::Value& codes = (*r.json)["recovery_codes"];
    ASSERT_TRUE(codes.isArray()) << "no recovery_codes array when enabling: " << r.describe();
    EXPECT_EQ(codes.size(), 10u) << r.describe();
    std::set<std::string> distinct;
    user.recovery_codes.clear();
    for (const auto& c : codes) {
      ASSERT_TRUE(c.isString()) << r.describe();
      EXPECT_FALSE(c.asString().empty()) << r.describe();
      distinct.insert(c.asString());
      user.recovery_codes.push_back(c.asString());
    }
    EXPECT_EQ(distinct.size(), codes.size()) << "recovery codes are not distinct: " << r.describe();
    const Response me = current_user(user.client);
    ASSERT_TRUE(IsSuccess(me, 200));
    EXPECT_EQ((*me.json)["user"]["twofa_enabled"], Json::Value(true)) << me.describe();
  }

  static bool TwofaEnabled(Client& client) {
    const Response me = current_user(client);
    return me && me.status == 200 && me.json && (*me.json)["user"]["twofa_enabled"] == Json::Value(true);
  }
};

TEST_F(TwofaTest, UriNamesIssuerEmailAnd160BitSecretWithSvgQr) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfuri"));
  std::string secret1, key1, secret2, key2;
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, secret1, key1));
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, secret2, key2));
  EXPECT_NE(key1, key2) << "every /twofa_uri call must create a new secret";
  // A pending secret alone does not turn 2FA on.
  EXPECT_FALSE(TwofaEnabled(user.client));
  EXPECT_TRUE(IsSuccess(login_with(user.id, std::nullopt), 200, "Login successful"));
}

TEST_F(TwofaTest, TwofaUriAndUpdateNeedSessionAndCsrf) {
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.get("/twofa_uri"), 401, kLoginRequired));
  EXPECT_TRUE(IsError(anonymous.post_json("/update_twofa", twofa_body(true, "123456")), 401, kLoginRequired));
  EXPECT_TRUE(IsError(anonymous.post_json("/update_twofa", twofa_body(true, "123456"), {{"X-CSRFToken", "x"}}), 401,
                      kLoginRequired));

  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfcsrf"));
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, user.secret_base32, user.key));
  const std::string code = totp::code_at(user.key, std::time(nullptr));
  // A valid code, but no / a wrong CSRF header: 403 and 2FA stays off.
  EXPECT_TRUE(IsError(user.client.post_json("/update_twofa", twofa_body(true, code)), 403, kCsrfFailed));
  EXPECT_TRUE(IsError(user.client.post_json("/update_twofa", twofa_body(true, code), {{"X-CSRFToken", "wrong"}}), 403,
                      kCsrfFailed));
  EXPECT_FALSE(TwofaEnabled(user.client));
  // The refused requests used nothing up: the same code still enables it.
  const Response r = update_twofa(user, twofa_body(true, code));
  EXPECT_TRUE(IsSuccess(r, 200, kTwofaUpdated));
  EXPECT_TRUE(TwofaEnabled(user.client));
}

TEST_F(TwofaTest, EnableNeedsAValidCodeForThePendingSecret) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfen"));

  // No pending secret yet.
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(true, "123456")), 400, kTwofaUpdateFailed));

  std::string old_secret, old_key;
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, old_secret, old_key));
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, user.secret_base32, user.key));
  const std::time_t now = std::time(nullptr);

  // A wrong code, missing token, missing or non-boolean enabled, empty body.
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(true, totp::wrong_code(user.key, now))), 400, kTwofaUpdateFailed));
  Json::Value no_token;
  no_token["enabled"] = true;
  EXPECT_TRUE(IsError(update_twofa(user, no_token), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(true, "")), 400, kTwofaUpdateFailed));
  Json::Value no_enabled;
  no_enabled["token"] = totp::code_at(user.key, now);
  EXPECT_TRUE(IsError(update_twofa(user, no_enabled), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(IsError(update_twofa(user, Json::Value(Json::objectValue)), 400, kTwofaUpdateFailed));
  // A code for the superseded pending secret (the second /twofa_uri replaced it).
  const std::string old_code = totp::code_at(old_key, now);
  if (old_code != totp::code_at(user.key, now)) {
    EXPECT_TRUE(IsError(update_twofa(user, twofa_body(true, old_code)), 400, kTwofaUpdateFailed));
  }
  EXPECT_FALSE(TwofaEnabled(user.client));
  EXPECT_TRUE(IsSuccess(login_with(user.id, std::nullopt), 200, "Login successful")) << "2FA must still be off";

  // The right code: on, with 10 distinct recovery codes (checked in Enable).
  const std::string code = totp::code_at(user.key, std::time(nullptr));
  const Response r = update_twofa(user, twofa_body(true, code));
  ASSERT_TRUE(IsSuccess(r, 200, kTwofaUpdated));
  const Json::Value& codes = (*r.json)["recovery_codes"];
  ASSERT_TRUE(codes.isArray()) << r.describe();
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(string_set(codes).size(), 10u) << "recovery codes are not distinct: " << r.describe();
  EXPECT_TRUE(TwofaEnabled(user.client));
}

TEST_F(TwofaTest, TotpLoginRefusesReplayAndPendingSecretDoesNotReplaceLiveOne) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tftotp"));
  ASSERT_NO_FATAL_FAILURE(Enable(user));
  const std::string enabling_code = totp::code_for_step(user.key, user.last_step);

  // The code that enabled 2FA was accepted once already: presenting it again is a replay,
  // answered like any wrong token: 400 and a one-time code by mail.
  const std::vector<std::string> before = mail_paths(mails_to(user.id.email));
  EXPECT_TRUE(IsError(login_with(user.id, enabling_code), 400, kTwofaRequired));
  std::string mail_path;
  const auto emailed = wait_for_login_code(user.id.email, before, &mail_path);
  EXPECT_TRUE(emailed) << "no login-code mail after a login with a wrong (replayed) token";
  if (emailed) {
    EXPECT_EQ(emailed->size(), 6u) << "expected exactly one 6-digit code in the text of " << mail_path;
  }

  // A new pending secret while 2FA is on.
  std::string pending_secret, pending_key;
  ASSERT_NO_FATAL_FAILURE(FetchUri(user, pending_secret, pending_key));
  EXPECT_NE(pending_key, user.key);
  EXPECT_TRUE(TwofaEnabled(user.client)) << "/twofa_uri must not turn 2FA off";

  // The pending secret's code is not a login factor: it is not active yet.
  const std::string pending_code = totp::code_at(pending_key, std::time(nullptr));
  bool pending_code_also_live = false;  // a one-in-a-million coincidence of two codes
  for (std::uint64_t s = user.last_step - 1; s <= user.last_step + 2; ++s) {
    pending_code_also_live = pending_code_also_live || totp::code_for_step(user.key, s) == pending_code;
  }
  if (!pending_code_also_live) {
    EXPECT_TRUE(IsError(login_with(user.id, pending_code), 400, kTwofaRequired));
  }

  // The live secret still works: its next-step code (now + 30 s, within ±1 step).
  const std::string live_code = user.next_code();
  Client session;
  const Response login = login_with(user.id, live_code, &session);
  ASSERT_TRUE(IsSuccess(login, 200, "Login successful")) << "live secret's next code " << live_code;
  user.accepted(live_code);
  EXPECT_TRUE(IsSuccess(current_user(session), 200));
  EXPECT_EQ((*login.json)["user"]["twofa_enabled"], Json::Value(true)) << login.describe();

  // ... once: the same code again is a replay.
  EXPECT_TRUE(IsError(login_with(user.id, live_code), 400, kTwofaRequired));
  // Password right, token missing / wrong: still the 2FA answer, never a session.
  EXPECT_TRUE(IsError(login_with(user.id, std::nullopt), 400, kTwofaRequired));
  const Response wrong = login_with(user.id, totp::wrong_code(user.key, std::time(nullptr)));
  EXPECT_TRUE(IsError(wrong, 400, kTwofaRequired));
  EXPECT_FALSE(wrong.set_cookie("session")) << "a refused 2FA login set a session cookie";
}

TEST_F(TwofaTest, LoginWithoutTokenEmailsAOneTimeCodeAtMostOncePerMinute) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfmail"));
  ASSERT_NO_FATAL_FAILURE(Enable(user));
  const std::vector<std::string> before = mail_paths(mails_to(user.id.email));

  const Response first = login_with(user.id, std::nullopt);
  ASSERT_TRUE(IsError(first, 400, kTwofaRequired));
  EXPECT_FALSE(first.set_cookie("session"));
  std::string mail_path;
  const auto code = wait_for_login_code(user.id.email, before, &mail_path);
  ASSERT_TRUE(code) << "no mail to " << user.id.email << " within 20 s after a login without token";
  ASSERT_EQ(code->size(), 6u) << "expected exactly one 6-digit code in the text of " << mail_path;

  // Within the minute: the same answer, but no second mail.
  std::vector<std::string> known = before;
  known.push_back(mail_path);
  ASSERT_TRUE(IsError(login_with(user.id, std::nullopt), 400, kTwofaRequired));
  if (sql_problem().empty()) {
    EXPECT_EQ(sql_count("SELECT count(*) FROM mail_outbox WHERE lower(recipient) = lower($1)", {user.id.email}), 2)
        << "expected exactly the welcome mail and one login-code mail in mail_outbox";
  }
  const auto second = wait_for_mail(user.id.email, std::chrono::seconds(4), known);
  EXPECT_FALSE(second) << "a second login-code mail within the minute: " << second->path;

  // The emailed code logs in, once.
  Client session;
  const Response login = login_with(user.id, *code, &session);
  ASSERT_TRUE(IsSuccess(login, 200, "Login successful")) << "emailed code " << *code;
  EXPECT_TRUE(IsSuccess(current_user(session), 200));
  EXPECT_TRUE(IsError(login_with(user.id, *code), 400, kTwofaRequired)) << "the emailed code must be single use";
}

TEST_F(TwofaTest, RecoveryCodesAreSingleUseAndDisable2fa) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfrec"));
  ASSERT_NO_FATAL_FAILURE(Enable(user));
  ASSERT_EQ(user.recovery_codes.size(), 10u);

  // A recovery code logs in once.
  Client session;
  ASSERT_TRUE(IsSuccess(login_with(user.id, user.recovery_codes[0], &session), 200, "Login successful"));
  EXPECT_TRUE(IsSuccess(current_user(session), 200));
  EXPECT_TRUE(IsError(login_with(user.id, user.recovery_codes[0]), 400, kTwofaRequired));
  // Each is its own single-use code.
  EXPECT_TRUE(IsSuccess(login_with(user.id, user.recovery_codes[1]), 200, "Login successful"));

  // Disabling with a wrong code or a used recovery code fails; 2FA stays on.
  const std::string wrong = totp::wrong_code(user.key, std::time(nullptr));
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(false, wrong)), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(false, user.recovery_codes[0])), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(false, "")), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(TwofaEnabled(user.client));

  // An unused recovery code disables it.
  EXPECT_TRUE(IsSuccess(update_twofa(user, twofa_body(false, user.recovery_codes[2])), 200, kTwofaUpdated));
  EXPECT_FALSE(TwofaEnabled(user.client));
  const Response plain = login_with(user.id, std::nullopt);
  EXPECT_TRUE(IsSuccess(plain, 200, "Login successful")) << "login after disabling 2FA must need no token";
  if (plain.json) {
    EXPECT_EQ((*plain.json)["user"]["twofa_enabled"], Json::Value(false)) << plain.describe();
  }
}

TEST_F(TwofaTest, DisableWithCurrentTotpCodeButNotAReplayedOne) {
  TwofaUser user;
  ASSERT_NO_FATAL_FAILURE(NewUser(user, "tfoff"));
  ASSERT_NO_FATAL_FAILURE(Enable(user));
  const std::string enabling_code = totp::code_for_step(user.key, user.last_step);

  // The code that turned 2FA on cannot turn it off again (already accepted).
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(false, enabling_code)), 400, kTwofaUpdateFailed));
  const std::string wrong = totp::wrong_code(user.key, std::time(nullptr));
  EXPECT_TRUE(IsError(update_twofa(user, twofa_body(false, wrong)), 400, kTwofaUpdateFailed));
  EXPECT_TRUE(TwofaEnabled(user.client));

  // A fresh code does.
  const std::string code = user.next_code();
  EXPECT_TRUE(IsSuccess(update_twofa(user, twofa_body(false, code)), 200, kTwofaUpdated)) << "fresh code " << code;
  EXPECT_FALSE(TwofaEnabled(user.client));
  EXPECT_TRUE(IsSuccess(login_with(user.id, std::nullopt), 200, "Login successful"));
}

}  // namespace
}  // namespace t2o::it
