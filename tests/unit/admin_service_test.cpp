// Against the real test database: the RBAC rules (no escalation, no lock-out, the change
// lock), the audit trail (same transaction as the change), /logs' paging and capped count,
// and the profile editing rules.
//
// Only t2o_account and t2o_shared are needed here: the admin group's own services
// (handlers/admin) are covered through nginx by tests/integration/admin_test.cpp, and the
// shared rules they are built on are tested directly below.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "account/account_routes.hpp"
#include "account/logs_service.hpp"
#include "account/profile_service.hpp"
#include "admin/users_service.hpp"
#include "audit/audit_log.hpp"
#include "crypto/password.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "security/one_time_tokens.hpp"
#include "security/rbac_rules.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::testing {
namespace {

// DatabaseTest plus the seed's role permissions and the admin's Super Admin put back (an
// earlier test may have committed changes to them), and the usual cast: the seeded admin,
// a "manager" with role Admin and a plain User.
class RbacDbTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    restore_admin_profile();
    db->run(
        "DELETE FROM role_permissions WHERE role_id IN (SELECT id FROM roles WHERE name IN ('Super Admin', 'Admin', "
        "'User')); "
        "INSERT INTO role_permissions (role_id, permission_id) SELECT r.id, p.id FROM roles r, permissions p "
        "WHERE r.name = 'Super Admin' "
        "OR (r.name = 'Admin' AND p.name IN ('view_dashboard', 'manage_users', 'view_reports', 'edit', 'access_logs')) "
        "OR (r.name = 'User' AND p.name IN ('view_dashboard', 'edit')); "
        "DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = 'admin'); "
        "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
        "WHERE u.username = 'admin' AND r.name = 'Super Admin'");
    admin = admin_user_id(*db);
    manager = insert_user(*db, "manager", "manager@example.com", crypto::hash_password("Manager-Pass-1"), true, "Admin");
    plain = insert_user(*db, "plain", "plain@example.com", crypto::hash_password("Plain-Pass-1"), true, "User");
  }

  // A test that fails half-way (or a broken rule) may have edited the seeded admin, which
  // DatabaseTest keeps: put the seed's profile back, before and after each test.
  void TearDown() override {
    if (db) restore_admin_profile();
  }

  void restore_admin_profile() {
    db->run(
        "UPDATE users SET first_name = 'Admin', last_name = 'User', email = 'admin@example.com', verified = true "
        "WHERE username = 'admin'");
  }

  long long role(const std::string& name) {
    return db->exec("SELECT id FROM roles WHERE name = $1", {name}).one_row().integer(0);
  }

  // A committed role carrying `permissions`.
  long long make_role(const std::string& name, const std::vector<std::string>& permissions) {
    const long long id = db->exec("INSERT INTO roles (name) VALUES ($1) RETURNING id", {name}).one_row().integer(0);
    for (const auto& p : permissions) {
      db->exec("INSERT INTO role_permissions (role_id, permission_id) SELECT $1, id FROM permissions WHERE name = $2",
               {id, p});
    }
    return id;
  }

  void give(long long user_id, long long role_id) {
    db->exec("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", {user_id, role_id});
  }

  bool role_rule(long long caller, long long role_id) {
    db::Transaction tx(*db);
    return rbac::holds_every_permission_of_role(tx, caller, role_id);
  }

  bool permission_rule(long long caller, const std::string& permission) {
    db::Transaction tx(*db);
    return rbac::holds_permission(tx, caller, permission);
  }

  AuditActor actor_for(long long user_id, const std::string& email) {
    return AuditActor{user_id, email, "203.0.113.9", "unit-agent", "req-1"};
  }

  long long audit_rows() { return count_rows(*db, "SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'"); }

  long long admin = 0, manager = 0, plain = 0;
};

// --- rbac_rules -------------------------------------------------------------------------------------

class RbacRulesTest : public RbacDbTest {};

TEST_F(RbacRulesTest, HoldsEveryPermissionOfRole) {
  EXPECT_TRUE(role_rule(admin, role("Super Admin")));
  EXPECT_TRUE(role_rule(admin, role("Admin")));
  EXPECT_TRUE(role_rule(admin, role("User")));
  EXPECT_FALSE(role_rule(manager, role("Super Admin")));
  EXPECT_TRUE(role_rule(manager, role("Admin")));
  EXPECT_TRUE(role_rule(manager, role("User")));
  EXPECT_FALSE(role_rule(plain, role("Admin")));
  EXPECT_TRUE(role_rule(plain, role("User")));
  EXPECT_TRUE(role_rule(plain, make_role("Empty", {})));
  // Permissions add up across the caller's roles.
  const long long mixed = make_role("Mixed", {"view_dashboard", "manage_settings"});
  EXPECT_FALSE(role_rule(plain, mixed));
  give(plain, make_role("Settings", {"manage_settings"}));
  EXPECT_TRUE(role_rule(plain, mixed));
  EXPECT_FALSE(role_rule(plain, role("Admin")));
  // A user without roles holds nothing.
  const long long nobody = insert_user(*db, "nobody", "nobody@example.com", std::nullopt, true, "");
  EXPECT_FALSE(role_rule(nobody, role("User")));
}

TEST_F(RbacRulesTest, HoldsEveryPermissionOfUser) {
  const auto user_rule = [this](long long caller, long long target) {
    db::Transaction tx(*db);
    return rbac::holds_every_permission_of_user(tx, caller, target);
  };
  EXPECT_TRUE(user_rule(admin, manager));
  EXPECT_FALSE(user_rule(manager, admin));
  EXPECT_TRUE(user_rule(manager, plain));
  EXPECT_FALSE(user_rule(plain, manager));
  EXPECT_TRUE(user_rule(plain, plain));
  const long long other_manager =
      insert_user(*db, "manager2", "manager2@example.com", std::nullopt, true, "Admin");
  EXPECT_TRUE(user_rule(manager, other_manager));
  const long long nobody = insert_user(*db, "nobody", "nobody@example.com", std::nullopt, true, "");
  EXPECT_TRUE(user_rule(plain, nobody));
  EXPECT_FALSE(user_rule(nobody, plain));
  // The same permission through a different role counts.
  give(nobody, make_role("Viewer", {"view_dashboard", "edit"}));
  EXPECT_TRUE(user_rule(nobody, plain));
}

TEST_F(RbacRulesTest, HoldsPermission) {
  EXPECT_TRUE(permission_rule(manager, "manage_users"));
  EXPECT_TRUE(permission_rule(manager, "access_logs"));
  EXPECT_FALSE(permission_rule(manager, "manage_admin"));
  EXPECT_FALSE(permission_rule(manager, "manage_settings"));
  EXPECT_TRUE(permission_rule(admin, "manage_admin"));
  EXPECT_FALSE(permission_rule(plain, "manage_users"));
  EXPECT_FALSE(permission_rule(admin, "no_such_permission"));
}

TEST_F(RbacRulesTest, RequireAnAdminRemainsRefusesTakingTheLastOneAway) {
  {
    db::Transaction tx(*db);
    EXPECT_NO_THROW(rbac::require_an_admin_remains(tx));
  }
  {
    db::Transaction tx(*db);
    tx.exec("DELETE FROM user_roles WHERE user_id = $1", {admin});
    try {
      rbac::require_an_admin_remains(tx);
      ADD_FAILURE() << "no Conflict with nobody holding manage_admin";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 409);
    }
  }
  {
    db::Transaction tx(*db);
    tx.exec("DELETE FROM role_permissions WHERE permission_id = (SELECT id FROM permissions WHERE name = 'manage_admin')");
    EXPECT_THROW(rbac::require_an_admin_remains(tx), Conflict);
  }
  {
    db::Transaction tx(*db);
    tx.exec("DELETE FROM roles WHERE name = 'Super Admin'");
    EXPECT_THROW(rbac::require_an_admin_remains(tx), Conflict);
  }
  // Rolled back: the admin still holds it.
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM user_roles WHERE user_id = $1", {admin}), 1);

  // With a second holder (through another role carrying manage_admin) either may go.
  give(plain, make_role("Keyholder", {"manage_admin"}));
  {
    db::Transaction tx(*db);
    tx.exec("DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2", {admin, role("Super Admin")});
    EXPECT_NO_THROW(rbac::require_an_admin_remains(tx));
  }
}

TEST_F(RbacRulesTest, LockRbacChangesSerialisesChanges) {
  db::Connection other(test_database_url());
  db::Transaction holder(*db);
  rbac::lock_rbac_changes(holder);
  {
    db::Transaction tx(other);
    EXPECT_FALSE(tx.exec("SELECT pg_try_advisory_xact_lock(hashtext('t2o_rbac'))").one_row().boolean(0))
        << "a second transaction got the RBAC lock while the first held it";
  }
  holder.commit();
  db::Transaction tx(other);
  EXPECT_TRUE(tx.exec("SELECT pg_try_advisory_xact_lock(hashtext('t2o_rbac'))").one_row().boolean(0));
}

// --- audit_log --------------------------------------------------------------------------------------

class AdminAuditLogTest : public RbacDbTest {};

TEST_F(AdminAuditLogTest, WritesActorActionTargetBeforeAndAfterAtLevelAudit) {
  Json::Value before, after;
  before["roles"] = Json::Value(Json::arrayValue);
  after["roles"].append("Admin");
  {
    db::Transaction tx(*db);
    write_audit(tx, actor_for(admin, "admin@example.com"), "user.role.assign", "user 7 (x), role Admin", before, after);
    tx.commit();
  }
  const auto row = db->exec(
                         "SELECT log_level, message, user_id, user_email, client_ip, user_agent, request_id, "
                         "audit_action, audit_target, audit_before::text, audit_after::text FROM request_log")
                       .one_row();
  EXPECT_EQ(row.str(0), "AUDIT");
  EXPECT_EQ(row.str(1), "admin@example.com user.role.assign user 7 (x), role Admin");
  EXPECT_EQ(row.integer(2), admin);
  EXPECT_EQ(row.str(3), "admin@example.com");
  EXPECT_EQ(row.str(4), "203.0.113.9");
  EXPECT_EQ(row.str(5), "unit-agent");
  EXPECT_EQ(row.str(6), "req-1");
  EXPECT_EQ(row.str(7), "user.role.assign");
  EXPECT_EQ(row.str(8), "user 7 (x), role Admin");
  EXPECT_EQ(json::parse(row.view(9)), before);
  EXPECT_EQ(json::parse(row.view(10)), after);

  // "Not applicable" is SQL NULL, not a JSON null.
  {
    db::Transaction tx(*db);
    write_audit(tx, actor_for(admin, "admin@example.com"), "role.create", "role 9 (R)", Json::Value(), after);
    tx.commit();
  }
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM request_log WHERE audit_action = 'role.create' AND audit_before IS NULL "
                            "AND audit_after IS NOT NULL"),
            1);
}

TEST_F(AdminAuditLogTest, RolledBackChangeLeavesNoAuditEntry) {
  {
    db::Transaction tx(*db);
    tx.exec("INSERT INTO roles (name) VALUES ('Doomed')");
    write_audit(tx, actor_for(admin, "admin@example.com"), "role.create", "role (Doomed)", Json::Value(), Json::Value());
    // no commit: an error after the audit row would end here
  }
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM roles WHERE name = 'Doomed'"), 0);
  EXPECT_EQ(audit_rows(), 0);
  {
    db::Transaction tx(*db);
    tx.exec("INSERT INTO roles (name) VALUES ('Kept')");
    write_audit(tx, actor_for(admin, "admin@example.com"), "role.create", "role (Kept)", Json::Value(), Json::Value());
    tx.commit();
  }
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM roles WHERE name = 'Kept'"), 1);
  EXPECT_EQ(audit_rows(), 1);
}

TEST_F(AdminAuditLogTest, OversizedOrBrokenTextIsStoredSafely) {
  AuditActor actor = actor_for(admin, "admin@example.com");
  actor.user_agent = std::string(3000, 'A');
  actor.client_ip = "198.51.100.1, \xff\xfe";
  {
    db::Transaction tx(*db);
    EXPECT_NO_THROW(write_audit(tx, actor, "role.create", std::string("role (bad \xc3\x28 utf8)"), Json::Value(),
                                Json::Value()));
    tx.commit();
  }
  const auto row = db->exec("SELECT length(user_agent), audit_target FROM request_log").one_row();
  EXPECT_LE(row.integer(0), 512);
  EXPECT_NE(row.str(1).find("role (bad"), std::string::npos);
}

// --- logs_service ---------------------------------------------------------------------------------

class LogsServiceTest : public RbacDbTest {
 protected:
  long long insert_log(const std::string& level, const std::string& message, std::optional<long long> user_id,
                       std::optional<std::string> email, std::optional<std::string> ip = std::string("192.0.2.1")) {
    return db->exec(
                 "INSERT INTO request_log (log_level, message, user_id, user_email, client_ip, user_agent) "
                 "VALUES ($1, $2, $3, $4, $5, 'agent') RETURNING id",
                 {level, message, user_id, email, ip})
        .one_row()
        .integer(0);
  }

  static std::vector<long long> ids(const account::LogPage& page) {
    std::vector<long long> out;
    for (const auto& entry : page.logs) out.push_back(entry.id);
    return out;
  }

  account::LogPage read(long long page, long long per_page, std::optional<long long> only_user = std::nullopt) {
    account::LogQuery q;
    q.page = page;
    q.per_page = per_page;
    q.only_user_id = only_user;
    return account::read_logs(*db, q);
  }
};

TEST_F(LogsServiceTest, NewestFirstInPagesWithExactTotalPages) {
  std::vector<long long> inserted;
  for (int i = 0; i < 25; ++i) inserted.push_back(insert_log("INFO", "GET /x " + std::to_string(i), plain, "plain@example.com"));
  const auto page1 = read(1, 10);
  const auto page3 = read(3, 10);
  const auto page4 = read(4, 10);
  EXPECT_EQ(page1.total_pages, 3);
  EXPECT_FALSE(page1.total_is_estimate);
  ASSERT_EQ(page1.logs.size(), 10u);
  EXPECT_EQ(ids(page1).front(), inserted.back());
  for (std::size_t i = 1; i < 10; ++i) EXPECT_GT(ids(page1)[i - 1], ids(page1)[i]);
  ASSERT_EQ(page3.logs.size(), 5u);
  EXPECT_EQ(ids(page3).back(), inserted.front());
  EXPECT_TRUE(page4.logs.empty());
  EXPECT_EQ(page4.total_pages, 3);
  EXPECT_EQ(read(1, 25).total_pages, 1);
  EXPECT_EQ(read(1, 24).total_pages, 2);
  EXPECT_EQ(read(1, 1).total_pages, 25);
  // Nothing at all: zero pages, an empty list.
  db->run("DELETE FROM request_log");
  EXPECT_EQ(read(1, 10).total_pages, 0);
  EXPECT_TRUE(read(1, 10).logs.empty());
}

TEST_F(LogsServiceTest, EntriesCarryWhatTheLogShows) {
  insert_log("INFO", "GET /sessions 200", plain, "plain@example.com");
  insert_log("ERROR", "POST /login 500: boom", std::nullopt, std::nullopt, std::nullopt);
  const auto page = read(1, 10);
  ASSERT_EQ(page.logs.size(), 2u);
  EXPECT_EQ(page.logs[0].level, "ERROR");
  EXPECT_EQ(page.logs[0].client_ip, "");
  EXPECT_FALSE(page.logs[0].user_email);
  EXPECT_EQ(page.logs[1].user_email, "plain@example.com");
  EXPECT_EQ(page.logs[1].client_ip, "192.0.2.1");
  EXPECT_EQ(page.logs[1].message, "GET /sessions 200");
  // The time is the stored instant, whatever the session's time zone.
  db->run("DELETE FROM request_log");
  db->run("INSERT INTO request_log (log_level, message, logged_at) VALUES ('INFO', 'then', "
          "'2024-03-10 12:34:56.5+00')");
  db->run("SET TIME ZONE 'America/New_York'");
  const auto again = read(1, 10);
  db->run("SET TIME ZONE 'UTC'");
  ASSERT_EQ(again.logs.size(), 1u);
  EXPECT_EQ(iso_utc(again.logs[0].logged_at, 6), "2024-03-10T12:34:56.500000Z");
}

// GET /logs answers API.md's LOG objects (the route writes them from the entries).
TEST_F(LogsServiceTest, TheRouteAnswersTheLogShape) {
  insert_log("INFO", "GET /sessions 200", plain, "plain@example.com");
  insert_log("ERROR", "POST /login 500: boom", std::nullopt, std::nullopt, std::nullopt);
  Services services{config, *db, *sessions, nullptr, "account"};
  Context context{services, SessionInfo{}};
  context.session->user_id = t2o::testing::admin_user_id(*db);  // holds access_logs: sees every entry
  const Response response = account::logs(context, t2o::testing::make_request(Method::Get, "/logs"));
  ASSERT_EQ(response.status, 200) << response.body;
  const Json::Value body = json::parse(response.body);
  EXPECT_EQ(body["success"], true);
  EXPECT_EQ(body["current_page"], 1);
  EXPECT_EQ(body["total_pages"], 1);
  ASSERT_EQ(body["logs"].size(), 2u);
  const std::set<std::string> keys = {"id", "timestamp", "log_level", "message", "client_ip", "user_agent", "user_email"};
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");
  for (const auto& entry : body["logs"]) {
    const auto names = entry.getMemberNames();
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), keys);
    EXPECT_TRUE(std::regex_match(entry["timestamp"].asString(), iso)) << entry["timestamp"];
  }
  EXPECT_TRUE(body["logs"][0]["user_email"].isNull());
  EXPECT_EQ(body["logs"][1]["user_email"], "plain@example.com");
}

TEST_F(LogsServiceTest, FiltersScopeAndCombine) {
  insert_log("INFO", "GET /sessions 200", plain, "plain@example.com");
  insert_log("AUDIT", "plain@example.com user.profile.update user 3", plain, "plain@example.com");
  insert_log("INFO", "GET /admin/roles 200", manager, "Manager@Example.com");
  insert_log("WARNING", "GET /100% done_ 200", manager, "manager@example.com");
  insert_log("INFO", "POST /login 200", std::nullopt, std::nullopt);

  const auto messages = [&](const account::LogQuery& q) {
    std::set<std::string> out;
    for (const auto& entry : account::read_logs(*db, q).logs) out.insert(entry.message);
    return out;
  };
  account::LogQuery only_plain;
  only_plain.only_user_id = plain;
  EXPECT_EQ(messages(only_plain).size(), 2u);
  only_plain.user_email = "manager@example.com";  // scoping wins over the filter
  EXPECT_TRUE(messages(only_plain).empty());

  account::LogQuery audit;
  audit.level = "AUDIT";
  EXPECT_EQ(messages(audit), std::set<std::string>{"plain@example.com user.profile.update user 3"});

  account::LogQuery by_email;
  by_email.user_email = "MANAGER@example.COM";
  EXPECT_EQ(messages(by_email).size(), 2u) << "user_email is compared case-insensitively";

  account::LogQuery text;
  text.text = "get /";
  EXPECT_EQ(messages(text).size(), 3u) << "q is case-insensitive and matches inside the message";
  text.text = "100%";
  EXPECT_EQ(messages(text), std::set<std::string>{"GET /100% done_ 200"});
  text.text = "%";
  EXPECT_EQ(messages(text).size(), 1u) << "% in q is a plain character";
  text.text = "_";
  EXPECT_EQ(messages(text), std::set<std::string>{"GET /100% done_ 200"}) << "_ in q is a plain character";
}

TEST_F(LogsServiceTest, AFilteredCountIsExactUpToTenThousandThenAnEstimate) {
  account::LogQuery info;
  info.level = "INFO";
  info.per_page = 100;
  db->run(
      "INSERT INTO request_log (log_level, message, user_id, user_email) "
      "SELECT 'INFO', 'GET /bulk ' || g, NULL, NULL FROM generate_series(1, 10000) g");
  auto page = account::read_logs(*db, info);
  EXPECT_FALSE(page.total_is_estimate);
  EXPECT_EQ(page.total_pages, 100);
  EXPECT_EQ(page.logs.size(), 100u);

  db->run("INSERT INTO request_log (log_level, message) VALUES ('INFO', 'one more')");
  db->run("ANALYZE request_log");
  page = account::read_logs(*db, info);
  EXPECT_TRUE(page.total_is_estimate);
  EXPECT_GE(page.total_pages, 101);
  EXPECT_LE(page.total_pages, 300) << "the estimate is far off the 10,001 rows";

  db->run(
      "INSERT INTO request_log (log_level, message, user_id, user_email) "
      "SELECT 'INFO', 'GET /more ' || g, NULL, NULL FROM generate_series(1, 5000) g");
  db->run("ANALYZE request_log");
  page = account::read_logs(*db, info);
  EXPECT_TRUE(page.total_is_estimate);
  EXPECT_GE(page.total_pages, 101);
  EXPECT_LE(page.total_pages, 450);
  // A deep page still reads the right rows.
  info.page = 100;
  const auto deep = account::read_logs(*db, info);
  ASSERT_EQ(deep.logs.size(), 100u);
  const long long newest = db->exec("SELECT max(id) FROM request_log").one_row().integer(0);
  // ids are consecutive here: page 100 starts 99*100 rows below the newest.
  EXPECT_EQ(deep.logs[0].id, newest - 9900);

  // Without a filter the count is exact at any size (request_log_blocks).
  page = read(1, 100);
  EXPECT_FALSE(page.total_is_estimate);
  EXPECT_EQ(page.total_pages, 151);

  // A filter that matches few rows among many is counted exactly.
  for (int i = 0; i < 3; ++i) insert_log("ERROR", "boom", plain, "plain@example.com");
  account::LogQuery errors;
  errors.level = "ERROR";
  errors.per_page = 2;
  const auto few = account::read_logs(*db, errors);
  EXPECT_FALSE(few.total_is_estimate);
  EXPECT_EQ(few.total_pages, 2);
  EXPECT_FALSE(read(1, 10, plain).total_is_estimate);
  EXPECT_EQ(read(1, 10, plain).total_pages, 1);
}

// Unfiltered pages come from per-block counts (sql/010_request_log_blocks.sql): every page
// must hold exactly the rows OFFSET would give, with holes in the ids, after deletes, on
// block boundaries, and after rows arrive by COPY (the log writer) or go by TRUNCATE.
TEST_F(LogsServiceTest, UnfilteredPagesMatchOffsetAtAnyDepth) {
  const auto expected_ids = [&](long long page, long long per_page) {
    std::vector<long long> out;
    for (auto row : db->exec("SELECT id FROM request_log ORDER BY id DESC LIMIT $1 OFFSET $2",
                             {per_page, (page - 1) * per_page})) {
      out.push_back(row.integer("id"));
    }
    return out;
  };
  const auto check_all_pages = [&](long long per_page) {
    const long long total = db->exec("SELECT count(*) FROM request_log").one_row().integer(0);
    const auto first = read(1, per_page);
    EXPECT_EQ(first.total_pages, (total + per_page - 1) / per_page);
    for (long long page = 1; page <= first.total_pages + 1; ++page) {
      ASSERT_EQ(ids(read(page, per_page)), expected_ids(page, per_page)) << "page " << page << " of " << per_page;
    }
  };
  db->run(
      "INSERT INTO request_log (log_level, message) SELECT 'INFO', 'GET /a ' || g FROM generate_series(1, 3000) g");
  db->run("SELECT setval('request_log_id_seq', nextval('request_log_id_seq') + 5000)");  // a hole of ids
  db->run(
      "INSERT INTO request_log (log_level, message) SELECT 'INFO', 'GET /b ' || g FROM generate_series(1, 2500) g");
  db->run("DELETE FROM request_log WHERE id % 7 = 0 OR id % 1024 = 0");  // gaps, block edges gone
  db->copy_in("COPY request_log (log_level, message) FROM STDIN", "INFO\tcopied 1\nINFO\tcopied 2\n");
  check_all_pages(100);
  check_all_pages(37);
  EXPECT_EQ(db->exec("SELECT sum(rows) FROM request_log_blocks").one_row().integer(0),
            db->exec("SELECT count(*) FROM request_log").one_row().integer(0));

  db->run("TRUNCATE request_log");
  EXPECT_EQ(read(1, 10).total_pages, 0);
  EXPECT_TRUE(read(1, 10).logs.empty());
  insert_log("INFO", "after truncate", plain, "plain@example.com");
  EXPECT_EQ(ids(read(1, 10)), expected_ids(1, 10));
}

// --- profile_service ------------------------------------------------------------------------------

class ProfileServiceTest : public RbacDbTest {
 protected:
  account::ProfileUpdate update_of(long long user_id) {
    const auto row =
        db->exec("SELECT first_name, last_name, username, email FROM users WHERE id = $1", {user_id}).one_row();
    account::ProfileUpdate u;
    u.user_id = user_id;
    u.first_name = row.str(0);
    u.last_name = row.str(1);
    u.username = row.str(2);
    u.email = row.str(3);
    return u;
  }

  void edit(long long actor, const std::string& actor_email, const account::ProfileUpdate& update,
            long long session_id = 0) {
    account::update_profile(*db, *sessions, config, actor_for(actor, actor_email), session_id, update);
  }

  std::string field(long long user_id, const std::string& column) {
    return db->exec("SELECT " + column + "::text FROM users WHERE id = $1", {user_id}).one_row().str(0);
  }
};

TEST_F(ProfileServiceTest, OwnEditSavesAndIsAudited) {
  auto u = update_of(plain);
  u.first_name = "Grace";
  u.last_name = "Hopper";
  u.username = "grace";
  edit(plain, "plain@example.com", u);
  EXPECT_EQ(field(plain, "first_name"), "Grace");
  EXPECT_EQ(field(plain, "username"), "grace");
  EXPECT_EQ(field(plain, "verified"), "true");
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM mail_outbox"), 0);
  const auto row = db->exec(
                         "SELECT user_id, audit_action, audit_target, audit_before->>'first_name', "
                         "audit_after->>'first_name', audit_after->>'username' FROM request_log WHERE log_level = 'AUDIT'")
                       .one_row();
  EXPECT_EQ(row.integer(0), plain);
  EXPECT_EQ(row.str(1), "user.profile.update");
  EXPECT_EQ(row.str(2), "user " + std::to_string(plain));
  EXPECT_EQ(row.str(3), "Test");
  EXPECT_EQ(row.str(4), "Grace");
  EXPECT_EQ(row.str(5), "grace");
}

TEST_F(ProfileServiceTest, NewEmailIsUnverifiedAndGetsAWorkingVerificationLink) {
  auto u = update_of(plain);
  u.email = "New.Address@example.com";
  edit(plain, "plain@example.com", u);
  EXPECT_EQ(field(plain, "email"), "New.Address@example.com");
  EXPECT_EQ(field(plain, "verified"), "false");
  const auto mail = db->exec("SELECT recipient, body_text FROM mail_outbox").one_row();
  EXPECT_EQ(mail.str(0), "New.Address@example.com");
  std::smatch match;
  const std::string body = mail.str(1);
  ASSERT_TRUE(std::regex_search(body, match, std::regex("https://example\\.test/app/verify-email/([A-Za-z0-9_-]+)"))) << body;
  db::Transaction tx(*db);
  EXPECT_EQ(consume_one_time_token(tx, TokenPurpose::VerifyEmail, match[1].str(), std::string("new.address@example.com")),
            std::optional<long long>(plain));
}

TEST_F(ProfileServiceTest, ACaseOnlyEmailChangeKeepsTheAddressVerified) {
  auto u = update_of(plain);
  u.email = "PLAIN@example.com";
  edit(plain, "plain@example.com", u);
  EXPECT_EQ(field(plain, "verified"), "true");
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM mail_outbox"), 0);
}

TEST_F(ProfileServiceTest, DuplicatesAreRefusedWithTheApiMessagesAndChangeNothing) {
  auto u = update_of(plain);
  u.first_name = "Changed";
  u.email = "MANAGER@example.com";
  try {
    edit(plain, "plain@example.com", u);
    ADD_FAILURE() << "duplicate email accepted";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_STREQ(e.what(), "Email already in use.");
  }
  u = update_of(plain);
  u.first_name = "Changed";
  u.username = "Manager";
  try {
    edit(plain, "plain@example.com", u);
    ADD_FAILURE() << "duplicate username accepted";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_STREQ(e.what(), "Username already exists.");
  }
  EXPECT_EQ(field(plain, "first_name"), "Test");
  EXPECT_EQ(audit_rows(), 0) << "a refused change left an audit entry";
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM mail_outbox"), 0);
}

TEST_F(ProfileServiceTest, InvalidFieldsAreBadRequests) {
  const auto refused = [&](auto change) {
    auto u = update_of(plain);
    change(u);
    EXPECT_THROW(edit(plain, "plain@example.com", u), BadRequest);
  };
  refused([](account::ProfileUpdate& u) { u.email = "nope"; });
  refused([](account::ProfileUpdate& u) { u.username = "a b"; });
  refused([](account::ProfileUpdate& u) { u.username = "ab"; });
  refused([](account::ProfileUpdate& u) { u.first_name = std::string(61, 'x'); });
  refused([](account::ProfileUpdate& u) { u.password = "weak"; });
  EXPECT_EQ(audit_rows(), 0);
}

TEST_F(ProfileServiceTest, OthersNeedManageUsersAndEveryPermissionOfTheTarget) {
  auto of_manager = update_of(manager);
  of_manager.first_name = "Hacked";
  EXPECT_THROW(edit(plain, "plain@example.com", of_manager), Forbidden);
  auto of_admin_by_plain = update_of(admin);
  EXPECT_THROW(edit(plain, "plain@example.com", of_admin_by_plain), Forbidden);

  auto of_plain = update_of(plain);
  of_plain.last_name = "ByManager";
  EXPECT_NO_THROW(edit(manager, "manager@example.com", of_plain));
  EXPECT_EQ(field(plain, "last_name"), "ByManager");
  // The audit entry names the editor as actor and the edited user as target.
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM request_log WHERE user_id = $1 AND audit_target = $2",
                       {manager, "user " + std::to_string(plain)}),
            1);

  auto of_admin = update_of(admin);
  of_admin.email = "takeover@example.com";
  EXPECT_THROW(edit(manager, "manager@example.com", of_admin), Forbidden);
  EXPECT_EQ(field(admin, "email"), "admin@example.com");

  const long long peer = insert_user(*db, "peer", "peer@example.com", std::nullopt, true, "Admin");
  auto of_peer = update_of(peer);
  of_peer.first_name = "Peer";
  EXPECT_NO_THROW(edit(manager, "manager@example.com", of_peer));

  of_manager = update_of(manager);
  of_manager.first_name = "Demoted";
  EXPECT_NO_THROW(edit(admin, "admin@example.com", of_manager));
  EXPECT_EQ(field(manager, "first_name"), "Demoted");

  auto missing = update_of(plain);
  missing.user_id = 999999999;
  EXPECT_THROW(edit(admin, "admin@example.com", missing), NotFound);
}

TEST_F(ProfileServiceTest, ANewPasswordEndsTheUsersOtherSessionsButNotTheEditors) {
  const NewSession own = open_session(*db, *sessions, plain);
  open_session(*db, *sessions, plain);
  auto u = update_of(plain);
  u.password = "Brand-New-Pass-9";
  edit(plain, "plain@example.com", u, own.id);
  EXPECT_TRUE(crypto::verify_password("Brand-New-Pass-9", field(plain, "password_hash")).matches);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE user_id = $1", {plain}), 1);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE id = $1", {own.id}), 1);

  // An administrator setting someone's password ends all of that user's sessions.
  const NewSession admin_session = open_session(*db, *sessions, admin);
  open_session(*db, *sessions, manager);
  auto m = update_of(manager);
  m.password = "Reset-By-Admin-9";
  edit(admin, "admin@example.com", m, admin_session.id);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE user_id = $1", {manager}), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM sessions WHERE id = $1", {admin_session.id}), 1);
}

}  // namespace
}  // namespace t2o::testing

namespace t2o::testing {
namespace {

// /all_user_profiles ran one query per user; it is one query whatever their number.
TEST_F(RbacDbTest, AllUserProfilesIsOneQueryForAnyNumberOfUsers) {
  for (int i = 0; i < 50; ++i) insert_user(*db, "many" + std::to_string(i), "many" + std::to_string(i) + "@example.com");
  const auto before = db->statements_sent();
  const std::vector<users::UserProfile> profiles = admin::all_user_profiles(*db);
  EXPECT_EQ(db->statements_sent() - before, 1u);
  ASSERT_GE(profiles.size(), 51u);
  EXPECT_EQ(profiles.front().username, "admin");
  EXPECT_EQ(profiles.front().roles, std::vector<std::string>{"Super Admin"});
  EXPECT_EQ(profiles.back().roles, std::vector<std::string>{"User"});
  EXPECT_EQ(profiles.back().permissions, (std::vector<std::string>{"edit", "view_dashboard"}));
}

}  // namespace
}  // namespace t2o::testing
