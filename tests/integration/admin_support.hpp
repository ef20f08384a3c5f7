#pragma once
// Helpers for the admin (RBAC), profile and /logs integration tests: logged-in actors
// (the seeded admin, fresh users, users given a role), role lookups, SQL probes on the
// stack's database, polling, and a guard that puts the global RBAC state back (the seeded
// admin holding Super Admin, the seed roles carrying their permissions, no test user left
// holding Super Admin) even when a test fails half-way.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "stack_sql.hpp"
#include "test_support.hpp"

namespace t2o::it {

inline constexpr const char* kUnauthorizedAccess = "Unauthorized access";
inline constexpr const char* kAdminEmail = "admin@example.com";

inline const std::set<std::string> kAllSeedPermissions = {"view_dashboard", "manage_users", "view_reports",
                                                          "manage_settings", "access_logs", "manage_admin", "edit"};
inline const std::set<std::string> kAdminRolePermissions = {"view_dashboard", "manage_users", "view_reports", "edit",
                                                            "access_logs"};
inline const std::set<std::string> kUserRolePermissions = {"view_dashboard", "edit"};
inline const std::set<std::string> kUserKeys = {"id",       "first_name",    "last_name", "username", "email",
                                                "twofa_enabled", "verified", "roles",     "permissions"};
inline const std::set<std::string> kLogKeys = {"id",        "timestamp",  "log_level", "message",
                                               "client_ip", "user_agent", "user_email"};

// A logged-in user with their own cookie jar and CSRF token.
struct Actor {
  Identity id;
  Client client;
  std::string csrf;
  long long user_id = 0;

  Headers csrf_header() const { return {{"X-CSRFToken", csrf}}; }
  Response get(const std::string& path) { return client.get(path); }
  Response post(const std::string& path, const Json::Value& body) { return client.post_json(path, body, csrf_header()); }
  Response del(const std::string& path, const Json::Value& body) {
    return client.del(path, json_text(body), "application/json", csrf_header());
  }
};

// Logs `actor` in as `login_name`; "" on success, else what went wrong.
inline std::string log_in(Actor& actor, const std::string& login_name, const std::string& password) {
  const Response login = login_json(actor.client, login_name, password);
  if (!login || login.status != 200 || !login.json) return "POST /login as " + login_name + ": " + login.describe();
  const Json::Value& body = *login.json;
  if (!body["csrf_token"].isString()) return "no csrf_token in " + login.describe();
  if (!body["user"]["id"].isIntegral()) return "no user.id in " + login.describe();
  actor.csrf = body["csrf_token"].asString();
  actor.user_id = body["user"]["id"].asInt64();
  return {};
}

inline std::string log_in_admin(Actor& actor) {
  if (env().admin_password.empty()) return "ADMIN_PASSWORD is not set";
  actor.id.username = "admin";
  actor.id.email = kAdminEmail;
  actor.id.password = env().admin_password;
  return log_in(actor, "admin", env().admin_password);
}

// Signs a fresh user up (role User), verifies them and logs them in.
inline std::string new_user(Actor& actor, const std::string& tag, const std::string& first_name = "Ada",
                            const std::string& last_name = "Tester") {
  actor.id = unique_identity(tag);
  actor.id.first_name = first_name;
  actor.id.last_name = last_name;
  Client signup_client;
  if (std::string problem = create_verified_user(signup_client, actor.id); !problem.empty()) return problem;
  return log_in(actor, actor.id.username, actor.id.password);
}

inline std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

inline Json::Value body_of(const Response& r) { return r.json ? *r.json : Json::Value(); }

// name -> role JSON ({"id","name","permissions"}) from GET /admin/roles.
inline std::map<std::string, Json::Value> roles_by_name(Actor& reader) {
  std::map<std::string, Json::Value> roles;
  const Response r = reader.get("/admin/roles");
  if (!r || r.status != 200 || !r.json) return roles;
  for (const auto& role : (*r.json)["roles"]) roles[role["name"].asString()] = role;
  return roles;
}

inline long long role_id(Actor& reader, const std::string& name) {
  const auto roles = roles_by_name(reader);
  const auto it = roles.find(name);
  return it == roles.end() ? 0 : it->second["id"].asInt64();
}

inline Json::Value assign_body(long long user_id, long long role) {
  Json::Value body;
  body["user_id"] = static_cast<Json::Int64>(user_id);
  body["role_id"] = static_cast<Json::Int64>(role);
  return body;
}

inline Json::Value name_body(const std::string& name) {
  Json::Value body;
  body["name"] = name;
  return body;
}

inline Json::Value permission_role_body(const std::string& permission, const std::string& role) {
  Json::Value body;
  body["permission_name"] = permission;
  body["role_name"] = role;
  return body;
}

// The caller's USER from GET /current_user_details (null on failure).
inline Json::Value current_user(Actor& actor) {
  const Response r = actor.get("/current_user_details");
  if (!r || r.status != 200 || !r.json) return Json::Value();
  return (*r.json)["user"];
}

// USER of `user_id` from GET /all_user_profiles as `reader` (null when absent).
inline Json::Value profile_of(Actor& reader, long long user_id) {
  const Response r = reader.get("/all_user_profiles");
  if (!r || r.status != 200 || !r.json) return Json::Value();
  for (const auto& user : (*r.json)["message"]) {
    if (user["id"].isIntegral() && user["id"].asInt64() == user_id) return user;
  }
  return Json::Value();
}

// The actors most tests share, made once per run: the seeded admin, a plain User and a
// "manager" holding role Admin (manage_users and access_logs, not manage_admin or
// manage_settings). `problem` is non-empty when they could not be set up.
struct SharedActors {
  Actor admin;
  Actor plain;
  Actor manager;
  std::string problem;
};

inline SharedActors& shared_actors() {
  static SharedActors* actors = [] {
    auto* a = new SharedActors;
    if (std::string p = env_problem(); !p.empty()) {
      a->problem = p;
      return a;
    }
    a->problem = log_in_admin(a->admin);
    if (a->problem.empty()) a->problem = new_user(a->plain, "adm_plain");
    if (a->problem.empty()) a->problem = new_user(a->manager, "adm_mgr");
    if (a->problem.empty()) {
      const long long admin_role = role_id(a->admin, "Admin");
      const Response r = a->admin.post("/assign_role_to_user", assign_body(a->manager.user_id, admin_role));
      if (!r || r.status != 200) a->problem = "giving role Admin to the manager: " + r.describe();
    }
    return a;
  }();
  return *actors;
}

// --- SQL on the stack's database ------------------------------------------------------------

inline long long user_role_rows(long long user_id, long long role) {
  return sql_count("SELECT count(*) FROM user_roles WHERE user_id = $1 AND role_id = $2", {user_id, role});
}

// How many users hold manage_admin through any role.
inline long long manage_admin_holders() {
  return sql_count(
      "SELECT count(DISTINCT ur.user_id) FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
      "JOIN permissions p ON p.id = rp.permission_id WHERE p.name = 'manage_admin'");
}

// AUDIT rows whose message contains `text`.
inline long long audit_rows_containing(const std::string& text) {
  std::string pattern;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT' AND message LIKE $1",
                   {"%" + pattern + "%"});
}

// --- polling ----------------------------------------------------------------------------------

inline bool wait_until(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// --- the global state guard -----------------------------------------------------------------

// Puts back what the seed promises and the other suites rely on: the seed permissions and
// roles exist, Super Admin/Admin/User carry their seed permissions, the seeded admin holds
// Super Admin, and no user this guard was told about keeps Super Admin. Runs in the
// destructor (so on failure too) through SQL, because the admin may have lost the rights
// to do it through the API.
class RbacStateGuard {
 public:
  RbacStateGuard() = default;
  RbacStateGuard(const RbacStateGuard&) = delete;
  RbacStateGuard& operator=(const RbacStateGuard&) = delete;
  ~RbacStateGuard() { restore(); }

  void track(long long user_id) { tracked_.push_back(user_id); }

  void restore() {
    if (!sql_problem().empty()) return;
    const char* const kRestore[] = {
        "INSERT INTO permissions (name) VALUES ('view_dashboard'), ('manage_users'), ('view_reports'), "
        "('manage_settings'), ('access_logs'), ('manage_admin'), ('edit') ON CONFLICT DO NOTHING",
        "INSERT INTO roles (name) VALUES ('Super Admin'), ('Admin'), ('User') ON CONFLICT DO NOTHING",
        "INSERT INTO role_permissions (role_id, permission_id) SELECT r.id, p.id FROM roles r, permissions p "
        "WHERE (r.name = 'Super Admin' AND p.name IN ('view_dashboard', 'manage_users', 'view_reports', "
        "'manage_settings', 'access_logs', 'manage_admin', 'edit')) "
        "OR (r.name = 'Admin' AND p.name IN ('view_dashboard', 'manage_users', 'view_reports', 'edit', "
        "'access_logs')) OR (r.name = 'User' AND p.name IN ('view_dashboard', 'edit')) ON CONFLICT DO NOTHING",
        "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
        "WHERE u.username = 'admin' AND r.name = 'Super Admin' ON CONFLICT DO NOTHING",
    };
    for (const char* sql : kRestore) sql_exec(sql);
    for (long long id : tracked_) {
      sql_exec("DELETE FROM user_roles WHERE user_id = $1 AND role_id IN (SELECT id FROM roles WHERE name = 'Super Admin')",
               {id});
    }
  }

 private:
  std::vector<long long> tracked_;
};

}  // namespace t2o::it
