// The account group's POST /update_profile and GET /logs through nginx (API.md "Account
// group"): own profile versus someone else's (manage_users, and only a user whose
// permissions the editor holds too), duplicate email/username messages, re-verification of
// a changed email; /logs scoping, paging, filters, bad query values and the LOG shape.
//
// Request-log rows are written by a background thread about every 100 ms, so tests poll
// (up to a few seconds) before asserting that an entry exists. AUDIT rows are written in
// the request's own transaction and are there at once.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "admin_support.hpp"
#include "http_client.hpp"
#include "stack_sql.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

namespace t2o::it {
namespace {

constexpr const char* kProfileUpdated = "Profile updated successfully.";

Json::Value profile_body(const Identity& id) {
  Json::Value body;
  body["first_name"] = id.first_name;
  body["last_name"] = id.last_name;
  body["username"] = id.username;
  body["email"] = id.email;
  return body;
}

// The USER fields update_profile takes, from a USER object.
Json::Value profile_body(const Json::Value& user) {
  Json::Value body;
  for (const char* field : {"first_name", "last_name", "username", "email"}) body[field] = user[field];
  return body;
}

class ProfileLogsBase : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_problem().empty()) << env_problem();
    ASSERT_TRUE(shared_actors().problem.empty()) << shared_actors().problem;
  }
  Actor& admin() { return shared_actors().admin; }
  Actor& manager() { return shared_actors().manager; }
};

// --- POST /update_profile ----------------------------------------------------------------------

class ProfileTest : public ProfileLogsBase {};

TEST_F(ProfileTest, NeedsASessionAndACsrfToken) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_csrf"), "");
  Json::Value body = profile_body(user.id);
  body["first_name"] = "Changed";
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.post_json("/update_profile", body), 401, kLoginRequired));
  EXPECT_TRUE(IsError(user.client.post_json("/update_profile", body), 403, kCsrfFailed));
  EXPECT_TRUE(IsError(user.client.post_json("/update_profile", body, {{"X-CSRFToken", "bogus"}}), 403, kCsrfFailed));
  EXPECT_EQ(current_user(user)["first_name"].asString(), user.id.first_name);
}

TEST_F(ProfileTest, EditsTheCallersOwnProfile) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_own"), "");
  Identity changed = user.id;
  changed.first_name = "Grace";
  changed.last_name = "Hopper";
  changed.username = user.id.username + "_n";
  ASSERT_TRUE(IsSuccess(user.post("/update_profile", profile_body(changed)), 200, kProfileUpdated));
  const Json::Value me = current_user(user);
  EXPECT_EQ(me["first_name"].asString(), "Grace");
  EXPECT_EQ(me["last_name"].asString(), "Hopper");
  EXPECT_EQ(me["username"].asString(), changed.username);
  EXPECT_EQ(me["email"].asString(), user.id.email);
  EXPECT_EQ(me["verified"], Json::Value(true)) << "an unchanged email stays verified";
  // An explicit user_id naming the caller is the same thing.
  Json::Value with_id = profile_body(changed);
  with_id["user_id"] = static_cast<Json::Int64>(user.user_id);
  with_id["last_name"] = "Hopper2";
  EXPECT_TRUE(IsSuccess(user.post("/update_profile", with_id), 200, kProfileUpdated));
  EXPECT_EQ(current_user(user)["last_name"].asString(), "Hopper2");
  // The new username logs in.
  Actor again;
  EXPECT_EQ(log_in(again, changed.username, user.id.password), "");
}

TEST_F(ProfileTest, MissingOrInvalidFieldsAre400) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_bad"), "");
  for (const char* field : {"first_name", "last_name", "username", "email"}) {
    SCOPED_TRACE(field);
    Json::Value body = profile_body(user.id);
    body.removeMember(field);
    EXPECT_TRUE(IsError(user.post("/update_profile", body), 400));
  }
  Json::Value bad_email = profile_body(user.id);
  bad_email["email"] = "not-an-email";
  EXPECT_TRUE(IsError(user.post("/update_profile", bad_email), 400));
  Json::Value bad_username = profile_body(user.id);
  bad_username["username"] = "a b";
  EXPECT_TRUE(IsError(user.post("/update_profile", bad_username), 400));
  Json::Value weak = profile_body(user.id);
  weak["password"] = "short";
  EXPECT_TRUE(IsError(user.post("/update_profile", weak), 400, "Password does not meet the criteria"));
  Json::Value bad_id = profile_body(user.id);
  bad_id["user_id"] = "abc";
  EXPECT_TRUE(IsError(user.post("/update_profile", bad_id), 400));
  EXPECT_TRUE(IsError(user.client.post("/update_profile", "{oops", "application/json", user.csrf_header()), 400));
  const Json::Value me = current_user(user);
  EXPECT_EQ(me["email"].asString(), user.id.email);
  EXPECT_EQ(me["username"].asString(), user.id.username);
  Actor again;
  EXPECT_EQ(log_in(again, user.id.username, user.id.password), "") << "a refused password change went through";
}

TEST_F(ProfileTest, DuplicateEmailOrUsernameIs400WithAPIMessages) {
  Actor user, other;
  ASSERT_EQ(new_user(user, "pf_dup"), "");
  ASSERT_EQ(new_user(other, "pf_dup"), "");
  Json::Value taken_email = profile_body(user.id);
  taken_email["email"] = upper(other.id.email);
  EXPECT_TRUE(IsError(user.post("/update_profile", taken_email), 400, "Email already in use."));
  Json::Value taken_username = profile_body(user.id);
  taken_username["username"] = upper(other.id.username);
  EXPECT_TRUE(IsError(user.post("/update_profile", taken_username), 400, "Username already exists."));
  Json::Value admin_email = profile_body(user.id);
  admin_email["email"] = kAdminEmail;
  EXPECT_TRUE(IsError(user.post("/update_profile", admin_email), 400, "Email already in use."));
  const Json::Value me = current_user(user);
  EXPECT_EQ(me["email"].asString(), user.id.email);
  EXPECT_EQ(me["username"].asString(), user.id.username);
  EXPECT_EQ(me["verified"], Json::Value(true));
}

TEST_F(ProfileTest, ChangingTheEmailReverifiesItWithAWorkingLink) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_mail"), "");
  const std::string new_email = unique_identity("pf_newmail").email;
  Json::Value body = profile_body(user.id);
  body["email"] = new_email;
  ASSERT_TRUE(IsSuccess(user.post("/update_profile", body), 200, kProfileUpdated));
  Json::Value me = current_user(user);
  EXPECT_EQ(me["email"].asString(), new_email);
  EXPECT_EQ(me["verified"], Json::Value(false));

  const auto mail = wait_for_mail(new_email);
  ASSERT_TRUE(mail.has_value()) << "no verification mail to " << new_email << " in " << mail_dir();
  const std::string token = verification_token(*mail);
  ASSERT_FALSE(token.empty()) << mail->raw;
  Client browser;
  EXPECT_TRUE(IsSuccess(browser.get("/verify_email/" + token), 200, "Your account has been verified"));
  me = current_user(user);
  EXPECT_EQ(me["verified"], Json::Value(true));
  Actor again;
  EXPECT_EQ(log_in(again, new_email, user.id.password), "");
  EXPECT_TRUE(IsError(login_json(again.client, user.id.email, user.id.password), 401)) << "the old email still logs in";
}

TEST_F(ProfileTest, APasswordInTheProfileReplacesTheOldOne) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_pw"), "");
  Json::Value body = profile_body(user.id);
  body["password"] = "New-Pass-" + user.id.password;
  ASSERT_TRUE(IsSuccess(user.post("/update_profile", body), 200, kProfileUpdated));
  Actor fresh;
  EXPECT_EQ(log_in(fresh, user.id.username, body["password"].asString()), "");
  EXPECT_TRUE(IsError(login_json(fresh.client, user.id.username, user.id.password), 401, "Invalid credentials"));
  EXPECT_TRUE(HasStatus(user.get("/current_user_details"), 200)) << "the editing session itself stays";
}

TEST_F(ProfileTest, APlainUserCannotEditSomeoneElse) {
  Actor user, victim;
  ASSERT_EQ(new_user(user, "pf_a"), "");
  ASSERT_EQ(new_user(victim, "pf_v"), "");
  Json::Value body = profile_body(victim.id);
  body["user_id"] = static_cast<Json::Int64>(victim.user_id);
  body["email"] = unique_identity("pf_steal").email;
  body["password"] = "Stolen-Pass-1!";
  EXPECT_TRUE(IsError(user.post("/update_profile", body), 403, kUnauthorizedAccess));
  const Json::Value after = current_user(victim);
  EXPECT_EQ(after["email"].asString(), victim.id.email);
  EXPECT_EQ(after["verified"], Json::Value(true));
  Actor again;
  EXPECT_EQ(log_in(again, victim.id.username, victim.id.password), "");
}

TEST_F(ProfileTest, AManageUsersHolderEditsAPlainUserButNotASuperAdmin) {
  Actor victim;
  ASSERT_EQ(new_user(victim, "pf_mv"), "");
  Json::Value body = profile_body(victim.id);
  body["user_id"] = static_cast<Json::Int64>(victim.user_id);
  body["first_name"] = "Edited";
  body["last_name"] = "ByManager";
  EXPECT_TRUE(IsSuccess(manager().post("/update_profile", body), 200, kProfileUpdated));
  const Json::Value edited = current_user(victim);
  EXPECT_EQ(edited["first_name"].asString(), "Edited");
  EXPECT_EQ(edited["last_name"].asString(), "ByManager");

  // The seeded admin holds permissions the manager does not: refused, even when nothing
  // would change (so a missing check here could not alter the admin).
  const Json::Value admin_user = current_user(admin());
  ASSERT_TRUE(admin_user.isObject());
  Json::Value same = profile_body(admin_user);
  same["user_id"] = admin_user["id"];
  EXPECT_TRUE(IsError(manager().post("/update_profile", same), 403, kUnauthorizedAccess));
  EXPECT_EQ(current_user(admin())["email"], admin_user["email"]);

  // And the Super Admin may edit the manager (who holds less).
  const Json::Value manager_user = current_user(manager());
  Json::Value down = profile_body(manager_user);
  down["user_id"] = manager_user["id"];
  EXPECT_TRUE(IsSuccess(admin().post("/update_profile", down), 200, kProfileUpdated));
}

TEST_F(ProfileTest, AnEditIsAuditedAndTheEditorSeesIt) {
  Actor user;
  ASSERT_EQ(new_user(user, "pf_aud"), "");
  Json::Value body = profile_body(user.id);
  body["first_name"] = "Audited";
  ASSERT_TRUE(IsSuccess(user.post("/update_profile", body), 200));
  const Response mine = user.get("/logs?level=AUDIT");
  ASSERT_TRUE(HasStatus(mine, 200));
  ASSERT_EQ((*mine.json)["logs"].size(), 1u) << mine.describe();
  const Json::Value entry = (*mine.json)["logs"][0];
  EXPECT_EQ(entry["log_level"], Json::Value("AUDIT"));
  EXPECT_EQ(entry["user_email"].asString(), user.id.email);
  EXPECT_NE(entry["message"].asString().find("user " + std::to_string(user.user_id)), std::string::npos);
}

// --- GET /logs ---------------------------------------------------------------------------------

class LogsTest : public ProfileLogsBase {
 protected:
  // GET /logs?query, expecting 200 and the API.md shape.
  Json::Value Logs(Actor& actor, const std::string& query) {
    const Response r = actor.get("/logs" + (query.empty() ? std::string() : "?" + query));
    EXPECT_TRUE(HasStatus(r, 200)) << query;
    if (!r.json) return Json::Value();
    const Json::Value& body = *r.json;
    EXPECT_TRUE(body["logs"].isArray()) << r.describe();
    EXPECT_TRUE(body["total_pages"].isIntegral()) << r.describe();
    EXPECT_TRUE(body["current_page"].isIntegral()) << r.describe();
    return body;
  }

  // Polls until GET /logs?query as `actor` returns at least one entry.
  Json::Value LogsEventually(Actor& actor, const std::string& query) {
    Json::Value body;
    wait_until([&] {
      body = Logs(actor, query);
      return body["logs"].isArray() && !body["logs"].empty();
    });
    return body;
  }
};

TEST_F(LogsTest, NeedsASession) {
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.get("/logs"), 401, kLoginRequired));
  EXPECT_TRUE(IsError(anonymous.get("/logs?level=AUDIT"), 401, kLoginRequired));
}

TEST_F(LogsTest, EntriesHaveTheLogShapeAndIsoUtcTimestamps) {
  Actor user;
  ASSERT_EQ(new_user(user, "lg_shape"), "");
  ASSERT_TRUE(HasStatus(user.get("/sessions"), 200));
  const Json::Value body = LogsEventually(user, "q=GET%20%2Fsessions");
  ASSERT_FALSE(body["logs"].empty()) << "the GET /sessions request never showed up in /logs";
  EXPECT_EQ(body["current_page"], Json::Value(1));
  EXPECT_GE(body["total_pages"].asInt64(), 1);
  static const std::regex iso(R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|\+00:00)$)");
  for (const auto& entry : body["logs"]) {
    EXPECT_EQ(member_names(entry), kLogKeys) << json_text(entry);
    EXPECT_TRUE(entry["id"].isIntegral());
    for (const char* field : {"timestamp", "log_level", "message", "client_ip", "user_agent", "user_email"}) {
      EXPECT_TRUE(entry[field].isString()) << field << " in " << json_text(entry);
    }
    std::smatch m;
    const std::string ts = entry["timestamp"].asString();
    ASSERT_TRUE(std::regex_match(ts, m, iso)) << ts;
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    const std::time_t when = timegm(&tm);
    EXPECT_LT(std::abs(std::difftime(std::time(nullptr), when)), 600.0) << "not UTC or not now: " << ts;
    EXPECT_EQ(entry["user_agent"].asString(), "t2o-integration-tests/1");
    EXPECT_FALSE(entry["client_ip"].asString().empty());
    EXPECT_NE(entry["message"].asString().find("GET /sessions"), std::string::npos);
  }
}

TEST_F(LogsTest, APlainUserSeesOnlyTheirOwnEntries) {
  Actor user, other;
  ASSERT_EQ(new_user(user, "lg_own"), "");
  ASSERT_EQ(new_user(other, "lg_oth"), "");
  ASSERT_TRUE(HasStatus(other.get("/sessions"), 200));
  ASSERT_TRUE(HasStatus(user.get("/sessions"), 200));
  // Both users' requests are in the log (the admin sees the other's)...
  const std::string other_filter = "user_email=" + text::url_encode(other.id.email);
  EXPECT_FALSE(LogsEventually(admin(), other_filter)["logs"].empty()) << "the other user's entries never appeared";
  EXPECT_FALSE(LogsEventually(user, "")["logs"].empty());
  // ...but the plain user gets only their own, on every page and with every filter.
  for (const std::string query : {"per_page=100", "per_page=100&page=2", "level=INFO&per_page=100",
                                  "q=GET&per_page=100", "level=AUDIT&per_page=100"}) {
    SCOPED_TRACE(query);
    const Json::Value body = Logs(user, query);
    for (const auto& entry : body["logs"]) {
      EXPECT_EQ(entry["user_email"].asString(), user.id.email) << json_text(entry);
    }
  }
  const Json::Value theirs = Logs(user, other_filter);
  EXPECT_TRUE(theirs["logs"].empty()) << json_text(theirs);
  const Json::Value admins = Logs(user, "user_email=" + text::url_encode(kAdminEmail));
  EXPECT_TRUE(admins["logs"].empty()) << json_text(admins);
}

TEST_F(LogsTest, AnAccessLogsHolderSeesEveryonesEntries) {
  Actor someone;
  ASSERT_EQ(new_user(someone, "lg_any"), "");
  ASSERT_TRUE(HasStatus(someone.get("/sessions"), 200));
  // The manager holds access_logs through role Admin.
  const Json::Value body = LogsEventually(manager(), "user_email=" + text::url_encode(upper(someone.id.email)));
  ASSERT_FALSE(body["logs"].empty());
  for (const auto& entry : body["logs"]) EXPECT_EQ(entry["user_email"].asString(), someone.id.email);
  const Json::Value everyone = Logs(manager(), "per_page=100");
  std::set<std::string> emails;
  for (const auto& entry : everyone["logs"]) {
    if (entry["user_email"].isString()) emails.insert(entry["user_email"].asString());
  }
  EXPECT_GE(emails.size(), 2u) << json_text(everyone);
}

TEST_F(LogsTest, NewestFirstPagedWithCurrentAndTotalPages) {
  // Three AUDIT entries with a marker (written synchronously by the admin changes).
  RbacStateGuard guard;
  const std::string marker = unique_identity("lgpage").username;
  std::vector<long long> role_ids;
  for (int i = 0; i < 3; ++i) {
    const Response created = admin().post("/admin/create_role", name_body(marker + "_" + std::to_string(i)));
    ASSERT_TRUE(IsSuccess(created, 201));
    role_ids.push_back((*created.json)["role"]["id"].asInt64());
  }
  const std::string filter = "level=AUDIT&q=" + marker;
  const Json::Value all = Logs(admin(), filter);
  ASSERT_EQ(all["logs"].size(), 3u) << json_text(all);
  EXPECT_EQ(all["total_pages"], Json::Value(1));
  EXPECT_EQ(all["current_page"], Json::Value(1));
  for (int i = 0; i < 3; ++i) {
    // Newest first: the role made last comes first.
    EXPECT_NE(all["logs"][i]["message"].asString().find(marker + "_" + std::to_string(2 - i)), std::string::npos)
        << json_text(all["logs"][i]);
  }

  const Json::Value page1 = Logs(admin(), filter + "&per_page=2&page=1");
  const Json::Value page2 = Logs(admin(), filter + "&per_page=2&page=2");
  const Json::Value page3 = Logs(admin(), filter + "&per_page=2&page=3");
  ASSERT_EQ(page1["logs"].size(), 2u);
  ASSERT_EQ(page2["logs"].size(), 1u);
  EXPECT_TRUE(page3["logs"].empty()) << json_text(page3);
  EXPECT_EQ(page1["total_pages"], Json::Value(2));
  EXPECT_EQ(page2["total_pages"], Json::Value(2));
  EXPECT_EQ(page3["total_pages"], Json::Value(2));
  EXPECT_EQ(page1["current_page"], Json::Value(1));
  EXPECT_EQ(page2["current_page"], Json::Value(2));
  EXPECT_EQ(page3["current_page"], Json::Value(3));
  EXPECT_GT(page1["logs"][0]["id"].asInt64(), page1["logs"][1]["id"].asInt64());
  EXPECT_GT(page1["logs"][1]["id"].asInt64(), page2["logs"][0]["id"].asInt64());
  EXPECT_EQ(page1["logs"][0]["id"], all["logs"][0]["id"]);
  EXPECT_EQ(page2["logs"][0]["id"], all["logs"][2]["id"]);

  for (long long id : role_ids) {
    Json::Value by_id;
    by_id["role_id"] = static_cast<Json::Int64>(id);
    EXPECT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200));
  }
}

TEST_F(LogsTest, PerPageDefaultsToTenAndAllowsOneToOneHundred) {
  // The admin sees everything: far more than 100 entries once a few suites ran; make sure.
  const Json::Value first = LogsEventually(admin(), "per_page=1");
  ASSERT_EQ(first["logs"].size(), 1u);
  const long long total = first["total_pages"].asInt64();  // == number of entries
  ASSERT_GE(total, 1);
  const Json::Value by_default = Logs(admin(), "");
  EXPECT_EQ(by_default["logs"].size(), static_cast<Json::ArrayIndex>(std::min<long long>(total, 10)))
      << json_text(by_default["total_pages"]);
  const Json::Value hundred = Logs(admin(), "per_page=100");
  EXPECT_LE(hundred["logs"].size(), 100u);
  EXPECT_GE(hundred["logs"].size(), static_cast<Json::ArrayIndex>(std::min<long long>(total, 100)));
  // total_pages follows per_page.
  const long long pages_of_ten = by_default["total_pages"].asInt64();
  EXPECT_GE(pages_of_ten, (total + 9) / 10);
  EXPECT_LE(pages_of_ten, (total + 9) / 10 + 2);  // a few new entries may land in between
  // A page past the end: empty, still 200.
  const Json::Value beyond = Logs(admin(), "per_page=100&page=" + std::to_string(hundred["total_pages"].asInt64() + 5));
  EXPECT_TRUE(beyond["logs"].empty());
  EXPECT_EQ(beyond["current_page"].asInt64(), hundred["total_pages"].asInt64() + 5);
}

TEST_F(LogsTest, BadQueryValuesAre400) {
  for (const char* query : {"page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=101", "per_page=abc",
                            "per_page=-5", "level=NOPE", "level=INFO%27%20OR%201%3D1"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(IsError(manager().get(std::string("/logs?") + query), 400));
  }
  for (const char* query : {"page=1", "per_page=1", "per_page=100", "level=INFO", "level=WARNING", "level=ERROR",
                            "level=AUDIT"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(HasStatus(manager().get(std::string("/logs?") + query), 200));
  }
}

TEST_F(LogsTest, LevelQAndUserEmailFilters) {
  const Json::Value audit = LogsEventually(admin(), "level=AUDIT&per_page=100");
  for (const auto& entry : audit["logs"]) EXPECT_EQ(entry["log_level"], Json::Value("AUDIT"));
  const Json::Value info = LogsEventually(admin(), "level=INFO&per_page=100");
  ASSERT_FALSE(info["logs"].empty());
  for (const auto& entry : info["logs"]) EXPECT_EQ(entry["log_level"], Json::Value("INFO"));
  const Json::Value q = LogsEventually(admin(), "q=current_user_DETAILS&per_page=100");
  for (const auto& entry : q["logs"]) {
    EXPECT_NE(text::to_lower(entry["message"].asString()).find("current_user_details"), std::string::npos)
        << json_text(entry);
  }
  // A LIKE wildcard in q is a plain character.
  const Json::Value percent = Logs(admin(), "q=%25%25%25zz&per_page=100");
  EXPECT_TRUE(percent["logs"].empty()) << json_text(percent);
  const Json::Value mine = LogsEventually(admin(), "user_email=ADMIN%40Example.com&per_page=100");
  ASSERT_FALSE(mine["logs"].empty());
  for (const auto& entry : mine["logs"]) EXPECT_EQ(entry["user_email"], Json::Value(kAdminEmail));
}

}  // namespace
}  // namespace t2o::it
