// The admin group (API.md "Admin group (RBAC)") through nginx: every route with the
// permission it names, the error rows, many-to-many roles and permissions, idempotent
// assignment, no privilege escalation, no lock-out, the legacy unprefixed paths, CSRF, user
// listing and paging, and the audit trail.
//
// The stack is shared with the other suites and the tests may run in any order: every
// role, permission and user made here has a unique name, and RbacStateGuard puts the
// seeded admin's Super Admin (and the seed roles) back even when a test fails half-way.
#include <gtest/gtest.h>

#include <algorithm>
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

// A unique name for roles and permissions made by this run.
std::string unique_name(const std::string& tag) { return unique_identity(tag).username; }

struct RouteCase {
  std::string method;
  std::string path;
  std::string permission;  // manage_users | manage_admin
  Json::Value body;        // harmless: names nothing that exists, or a unique new name
};

std::vector<RouteCase> admin_routes() {
  Json::Value missing_ids;
  missing_ids["user_id"] = 0;
  missing_ids["role_id"] = 0;
  Json::Value missing_role;
  missing_role["role_id"] = 0;
  Json::Value missing_permission;
  missing_permission["permission_id"] = 0;
  return {
      {"GET", "/admin/roles", "manage_users", Json::Value()},
      {"POST", "/admin/create_role", "manage_admin", name_body(unique_name("r403"))},
      {"DELETE", "/admin/delete_role", "manage_admin", missing_role},
      {"GET", "/admin/permissions", "manage_users", Json::Value()},
      {"POST", "/admin/create_permission", "manage_admin", name_body(unique_name("p403"))},
      {"DELETE", "/admin/delete_permission", "manage_admin", missing_permission},
      {"POST", "/admin/assign_permission_to_role", "manage_admin", permission_role_body("no_such_perm", "No Such Role")},
      {"POST", "/admin/revoke_permission_from_role", "manage_admin", permission_role_body("no_such_perm", "No Such Role")},
      {"POST", "/assign_role_to_user", "manage_users", missing_ids},
      {"POST", "/admin/revoke_role_from_user", "manage_users", missing_ids},
      {"GET", "/admin/users/details", "manage_users", Json::Value()},
      {"GET", "/all_user_profiles", "manage_users", Json::Value()},
  };
}

Response send(Client& client, const RouteCase& route, const Headers& headers) {
  if (route.method == "GET") return client.get(route.path);
  return client.request(route.method, route.path, json_text(route.body), "application/json", headers);
}

Response call(Actor& actor, const RouteCase& route, bool with_csrf = true) {
  return send(actor.client, route, with_csrf ? actor.csrf_header() : Headers{});
}

std::string describe(const RouteCase& route) { return route.method + " " + route.path; }

class AdminTestBase : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_problem().empty()) << env_problem();
    ASSERT_TRUE(shared_actors().problem.empty()) << shared_actors().problem;
  }
  Actor& admin() { return shared_actors().admin; }
  Actor& plain() { return shared_actors().plain; }
  Actor& manager() { return shared_actors().manager; }
};

// --- access: 401, 403, the right permission, CSRF, legacy paths -------------------------------

class AdminAccessTest : public AdminTestBase {};

TEST_F(AdminAccessTest, EveryAdminAndAccountRouteWithoutSessionIs401) {
  Client anonymous;
  for (const auto& route : admin_routes()) {
    SCOPED_TRACE(describe(route));
    EXPECT_TRUE(IsError(send(anonymous, route, {}), 401, kLoginRequired));
  }
  const std::vector<std::pair<std::string, std::string>> account = {
      {"POST", "/update_profile"}, {"POST", "/change_password"}, {"GET", "/sessions"},
      {"DELETE", "/sessions/1"},   {"GET", "/logs"},             {"GET", "/logs?page=1&per_page=5"}};
  for (const auto& [method, path] : account) {
    SCOPED_TRACE(method + " " + path);
    const Response r = anonymous.request(method, path, method == "GET" ? "" : "{}",
                                         method == "GET" ? "" : "application/json", {});
    EXPECT_TRUE(IsError(r, 401, kLoginRequired));
  }
}

TEST_F(AdminAccessTest, EveryAdminRouteRefusesAPlainUserWith403AndChangesNothing) {
  const auto routes = admin_routes();
  for (const auto& route : routes) {
    SCOPED_TRACE(describe(route));
    EXPECT_TRUE(IsError(call(plain(), route), 403, kUnauthorizedAccess));
  }
  // The refused creations did not happen.
  const auto roles = roles_by_name(admin());
  EXPECT_EQ(roles.count(routes[1].body["name"].asString()), 0u);
  const Response permissions = admin().get("/admin/permissions");
  ASSERT_TRUE(HasStatus(permissions, 200));
  for (const auto& p : (*permissions.json)["permissions"]) {
    EXPECT_NE(p["name"].asString(), routes[4].body["name"].asString());
  }
}

TEST_F(AdminAccessTest, ManageUsersHolderGetsItsRoutesButNotTheManageAdminOnes) {
  Actor target;
  ASSERT_EQ(new_user(target, "adm_acc"), "");
  const long long user_role = role_id(admin(), "User");
  ASSERT_NE(user_role, 0);
  for (auto route : admin_routes()) {
    SCOPED_TRACE(describe(route));
    if (route.permission == "manage_admin") {
      EXPECT_TRUE(IsError(call(manager(), route), 403, kUnauthorizedAccess));
      continue;
    }
    if (route.path == "/assign_role_to_user") route.body = assign_body(target.user_id, user_role);
    if (route.path == "/admin/revoke_role_from_user") route.body = assign_body(target.user_id, user_role);
    const Response r = call(manager(), route);
    EXPECT_TRUE(HasStatus(r, 200));
  }
  // The revoke went through: the target no longer holds User.
  EXPECT_EQ(string_set(current_user(target)["roles"]), std::set<std::string>{});
}

TEST_F(AdminAccessTest, PermissionFollowsRoleChangesAtOnce) {
  Actor user;
  ASSERT_EQ(new_user(user, "adm_dyn"), "");
  EXPECT_TRUE(IsError(user.get("/admin/roles"), 403, kUnauthorizedAccess));
  const long long admin_role = role_id(admin(), "Admin");
  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200,
                        "Role assigned to user"));
  EXPECT_TRUE(HasStatus(user.get("/admin/roles"), 200));
  ASSERT_TRUE(IsSuccess(admin().post("/admin/revoke_role_from_user", assign_body(user.user_id, admin_role)), 200));
  EXPECT_TRUE(IsError(user.get("/admin/roles"), 403, kUnauthorizedAccess));
}

TEST_F(AdminAccessTest, WritesWithoutOrWithAWrongCsrfTokenAre403AndChangeNothing) {
  Actor target;
  ASSERT_EQ(new_user(target, "adm_csrf"), "");
  const long long admin_role = role_id(admin(), "Admin");
  const std::string role_name = unique_name("rcsrf");
  for (auto route : admin_routes()) {
    if (route.method == "GET") continue;
    if (route.path == "/admin/create_role") route.body = name_body(role_name);
    if (route.path == "/assign_role_to_user") route.body = assign_body(target.user_id, admin_role);
    SCOPED_TRACE(describe(route));
    EXPECT_TRUE(IsError(call(admin(), route, /*with_csrf=*/false), 403, kCsrfFailed));
    const Response wrong = admin().client.request(route.method, route.path, json_text(route.body), "application/json",
                                                  {{"X-CSRFToken", admin().csrf + "x"}});
    EXPECT_TRUE(IsError(wrong, 403, kCsrfFailed));
  }
  EXPECT_EQ(roles_by_name(admin()).count(role_name), 0u);
  EXPECT_EQ(string_set(current_user(target)["roles"]), std::set<std::string>{"User"});
}

TEST_F(AdminAccessTest, LegacyUnprefixedPathsReachTheAdminRoutes) {
  // Reads: the same answer as under /admin.
  const Response roles = admin().get("/roles");
  ASSERT_TRUE(IsSuccess(roles, 200));
  const Response prefixed = admin().get("/admin/roles");
  ASSERT_TRUE(IsSuccess(prefixed, 200));
  EXPECT_EQ((*roles.json)["roles"], (*prefixed.json)["roles"]);
  const Response permissions = admin().get("/permissions");
  ASSERT_TRUE(IsSuccess(permissions, 200));
  EXPECT_TRUE((*permissions.json)["permissions"].isArray());
  const Response details = admin().get("/users/details?q=admin%40example.com");
  ASSERT_TRUE(IsSuccess(details, 200));
  EXPECT_EQ((*details.json)["total"], Json::Value(1)) << details.describe();
  // The query string survives the rewrite.
  EXPECT_EQ((*details.json)["users"].size(), 1u) << details.describe();
  EXPECT_TRUE(IsError(plain().get("/roles"), 403, kUnauthorizedAccess));
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.get("/users/details"), 401, kLoginRequired));

  // Writes.
  RbacStateGuard guard;
  const std::string role = unique_name("rlegacy");
  const Response created = admin().post("/create_role", name_body(role));
  ASSERT_TRUE(IsSuccess(created, 201, "New role created"));
  const std::string permission = unique_name("plegacy");
  EXPECT_TRUE(IsSuccess(admin().post("/create_permission", name_body(permission)), 201,
                        "Permission \"" + permission + "\" created successfully"));
  EXPECT_TRUE(IsSuccess(admin().post("/assign_permission_to_role", permission_role_body("view_reports", role)), 200,
                        "Permission assigned to role"));
  EXPECT_EQ(string_set(roles_by_name(admin())[role]["permissions"]), std::set<std::string>{"view_reports"});
  Json::Value no_permission;
  no_permission["permission_id"] = 2000000000;
  EXPECT_TRUE(IsError(admin().del("/delete_permission", no_permission), 404, "Permission not found"));
  Json::Value role_id_body;
  role_id_body["role_id"] = (*created.json)["role"]["id"];
  EXPECT_TRUE(IsSuccess(admin().del("/delete_role", role_id_body), 200, "Role deleted successfully"));
  EXPECT_EQ(roles_by_name(admin()).count(role), 0u);
  // A legacy write still needs CSRF.
  EXPECT_TRUE(IsError(admin().client.post("/create_role", json_text(name_body(unique_name("rnocsrf")))), 403,
                      kCsrfFailed));
  if (sql_problem().empty()) sql_exec("DELETE FROM permissions WHERE name = $1", {permission});
}

// --- roles and permissions ----------------------------------------------------------------------

class AdminRolesTest : public AdminTestBase {};

TEST_F(AdminRolesTest, RoleLifecycleWithSharedPermissionsManyToMany) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  RbacStateGuard guard;
  const std::string name = unique_name("rlife");
  const Response created = admin().post("/admin/create_role", name_body(name));
  ASSERT_TRUE(IsSuccess(created, 201, "New role created"));
  const Json::Value role = (*created.json)["role"];
  ASSERT_TRUE(role["id"].isIntegral()) << created.describe();
  EXPECT_EQ(role["name"].asString(), name);
  EXPECT_EQ(role["permissions"], Json::Value(Json::arrayValue));
  const long long id = role["id"].asInt64();

  EXPECT_TRUE(IsError(admin().post("/admin/create_role", name_body(name)), 409));

  const auto listed = roles_by_name(admin());
  ASSERT_EQ(listed.count(name), 1u);
  EXPECT_EQ(member_names(listed.at(name)), (std::set<std::string>{"id", "name", "permissions"}));
  EXPECT_EQ(listed.at(name)["id"].asInt64(), id);

  // Seed permissions that other roles carry too: many to many, and idempotent.
  for (const char* permission : {"view_reports", "edit", "view_reports"}) {
    SCOPED_TRACE(permission);
    EXPECT_TRUE(IsSuccess(admin().post("/admin/assign_permission_to_role", permission_role_body(permission, name)), 200,
                          "Permission assigned to role"));
  }
  EXPECT_EQ(sql_count("SELECT count(*) FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id "
                      "WHERE rp.role_id = $1 AND p.name = 'view_reports'",
                      {id}),
            1);
  auto after = roles_by_name(admin());
  EXPECT_EQ(string_set(after[name]["permissions"]), (std::set<std::string>{"edit", "view_reports"}));
  EXPECT_EQ(after[name]["permissions"].size(), 2u);
  EXPECT_TRUE(string_set(after["Admin"]["permissions"]).count("view_reports"));
  EXPECT_EQ(string_set(after["Super Admin"]["permissions"]), kAllSeedPermissions);

  EXPECT_TRUE(IsSuccess(admin().post("/admin/revoke_permission_from_role", permission_role_body("edit", name)), 200));
  after = roles_by_name(admin());
  EXPECT_EQ(string_set(after[name]["permissions"]), std::set<std::string>{"view_reports"});
  EXPECT_TRUE(string_set(after["User"]["permissions"]).count("edit")) << "revoking from one role took it from another";
  EXPECT_TRUE(IsError(admin().post("/admin/revoke_permission_from_role", permission_role_body("edit", name)), 404));

  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(id);
  EXPECT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200, "Role deleted successfully"));
  EXPECT_EQ(roles_by_name(admin()).count(name), 0u);
  EXPECT_TRUE(IsError(admin().del("/admin/delete_role", by_id), 404, "Role not found"));
  EXPECT_EQ(string_set(roles_by_name(admin())["Admin"]["permissions"]), kAdminRolePermissions);
}

TEST_F(AdminRolesTest, CreateRoleNeedsAName) {
  Json::Value empty(Json::objectValue);
  EXPECT_TRUE(IsError(admin().post("/admin/create_role", empty), 400));
  EXPECT_TRUE(IsError(admin().post("/admin/create_role", name_body("   ")), 400));
  Json::Value number;
  number["name"] = 5;
  EXPECT_TRUE(IsError(admin().post("/admin/create_role", number), 400));
  EXPECT_TRUE(IsError(admin().client.post("/admin/create_role", "{not json", "application/json", admin().csrf_header()),
                      400));
}

TEST_F(AdminRolesTest, DeleteRoleErrorRows) {
  Json::Value empty(Json::objectValue);
  EXPECT_TRUE(IsError(admin().del("/admin/delete_role", empty), 400, "Role ID must be provided"));
  Json::Value unknown;
  unknown["role_id"] = 2000000000;
  EXPECT_TRUE(IsError(admin().del("/admin/delete_role", unknown), 404, "Role not found"));
}

TEST_F(AdminRolesTest, DeletingARoleRemovesItFromItsUsers) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  Actor holder;
  ASSERT_EQ(new_user(holder, "adm_delr"), "");
  const std::string name = unique_name("rdel");
  const Response created = admin().post("/admin/create_role", name_body(name));
  ASSERT_TRUE(IsSuccess(created, 201));
  const long long id = (*created.json)["role"]["id"].asInt64();
  ASSERT_TRUE(IsSuccess(admin().post("/admin/assign_permission_to_role", permission_role_body("view_reports", name)), 200));
  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(holder.user_id, id)), 200));
  EXPECT_EQ(string_set(current_user(holder)["roles"]), (std::set<std::string>{"User", name}));
  EXPECT_TRUE(string_set(current_user(holder)["permissions"]).count("view_reports"));

  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(id);
  ASSERT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200, "Role deleted successfully"));
  const Json::Value user = current_user(holder);
  EXPECT_EQ(string_set(user["roles"]), std::set<std::string>{"User"});
  EXPECT_EQ(string_set(user["permissions"]), kUserRolePermissions);
  EXPECT_EQ(user_role_rows(holder.user_id, id), 0);
}

TEST_F(AdminRolesTest, PermissionCreateListAndErrorRows) {
  const std::string name = unique_name("pcreate");
  const Response created = admin().post("/admin/create_permission", name_body(name));
  EXPECT_TRUE(IsSuccess(created, 201, "Permission \"" + name + "\" created successfully"));
  EXPECT_TRUE(IsError(admin().post("/admin/create_permission", name_body(name)), 409,
                      "Permission \"" + name + "\" already exists"));
  Json::Value empty(Json::objectValue);
  EXPECT_TRUE(IsError(admin().post("/admin/create_permission", empty), 400));
  EXPECT_TRUE(IsError(admin().post("/admin/create_permission", name_body("")), 400));

  const Response list = admin().get("/admin/permissions");
  ASSERT_TRUE(IsSuccess(list, 200));
  std::set<std::string> names;
  for (const auto& p : (*list.json)["permissions"]) {
    EXPECT_EQ(member_names(p), (std::set<std::string>{"id", "name"})) << json_text(p);
    EXPECT_TRUE(p["id"].isIntegral());
    names.insert(p["name"].asString());
  }
  EXPECT_TRUE(names.count(name));
  for (const auto& seed : kAllSeedPermissions) EXPECT_TRUE(names.count(seed)) << seed;

  EXPECT_TRUE(IsError(admin().del("/admin/delete_permission", empty), 400));
  Json::Value unknown;
  unknown["permission_id"] = 2000000000;
  EXPECT_TRUE(IsError(admin().del("/admin/delete_permission", unknown), 404, "Permission not found"));
  if (sql_problem().empty()) sql_exec("DELETE FROM permissions WHERE name = $1", {name});
}

// API.md: create_permission 201, then delete_permission 200 "Permission deleted successfully".
TEST_F(AdminRolesTest, SuperAdminDeletesAPermissionTheyJustCreated) {
  const std::string name = unique_name("pdel");
  const Response created = admin().post("/admin/create_permission", name_body(name));
  ASSERT_TRUE(IsSuccess(created, 201));
  Json::Value by_id;
  by_id["permission_id"] = (*created.json)["permission"]["id"];
  if (by_id["permission_id"].isNull()) {
    // The id is not part of API.md's answer: look it up.
    for (const auto& p : (*admin().get("/admin/permissions").json)["permissions"]) {
      if (p["name"].asString() == name) by_id["permission_id"] = p["id"];
    }
  }
  ASSERT_TRUE(by_id["permission_id"].isIntegral());
  EXPECT_TRUE(IsSuccess(admin().del("/admin/delete_permission", by_id), 200, "Permission deleted successfully"));
  const Response list = admin().get("/admin/permissions");
  ASSERT_TRUE(IsSuccess(list, 200));
  for (const auto& p : (*list.json)["permissions"]) EXPECT_NE(p["name"].asString(), name);
  if (sql_problem().empty()) sql_exec("DELETE FROM permissions WHERE name = $1", {name});
}

// The point of creating a permission: giving it to roles (several: many to many).
TEST_F(AdminRolesTest, SuperAdminAssignsANewPermissionToTwoRoles) {
  RbacStateGuard guard;
  const std::string permission = unique_name("pnew");
  const std::string role_a = unique_name("rnewa");
  const std::string role_b = unique_name("rnewb");
  ASSERT_TRUE(IsSuccess(admin().post("/admin/create_permission", name_body(permission)), 201));
  ASSERT_TRUE(IsSuccess(admin().post("/admin/create_role", name_body(role_a)), 201));
  ASSERT_TRUE(IsSuccess(admin().post("/admin/create_role", name_body(role_b)), 201));
  EXPECT_TRUE(IsSuccess(admin().post("/admin/assign_permission_to_role", permission_role_body(permission, role_a)), 200,
                        "Permission assigned to role"));
  EXPECT_TRUE(IsSuccess(admin().post("/admin/assign_permission_to_role", permission_role_body(permission, role_b)), 200,
                        "Permission assigned to role"));
  auto roles = roles_by_name(admin());
  EXPECT_TRUE(string_set(roles[role_a]["permissions"]).count(permission));
  EXPECT_TRUE(string_set(roles[role_b]["permissions"]).count(permission));
  EXPECT_TRUE(IsSuccess(admin().post("/admin/revoke_permission_from_role", permission_role_body(permission, role_a)),
                        200));
  roles = roles_by_name(admin());
  EXPECT_FALSE(string_set(roles[role_a]["permissions"]).count(permission));
  EXPECT_TRUE(string_set(roles[role_b]["permissions"]).count(permission));
  if (sql_problem().empty()) {
    sql_exec("DELETE FROM roles WHERE name IN ($1, $2)", {role_a, role_b});
    sql_exec("DELETE FROM permissions WHERE name = $1", {permission});
  }
}

TEST_F(AdminRolesTest, AssignAndRevokePermissionNameErrors) {
  const std::string role = unique_name("rperr");
  ASSERT_TRUE(IsSuccess(admin().post("/admin/create_role", name_body(role)), 201));
  for (const char* path : {"/admin/assign_permission_to_role", "/admin/revoke_permission_from_role"}) {
    SCOPED_TRACE(path);
    EXPECT_TRUE(IsError(admin().post(path, permission_role_body("no_such_permission_xyz", role)), 404,
                        "Permission does not exist"));
    EXPECT_TRUE(IsError(admin().post(path, permission_role_body("view_reports", "No Such Role xyz")), 404,
                        "Role does not exist"));
    Json::Value only_permission;
    only_permission["permission_name"] = "view_reports";
    EXPECT_TRUE(IsError(admin().post(path, only_permission), 400));
    Json::Value only_role;
    only_role["role_name"] = role;
    EXPECT_TRUE(IsError(admin().post(path, only_role), 400));
  }
  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(role_id(admin(), role));
  EXPECT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200));
}

// --- users and their roles ------------------------------------------------------------------------

class AdminUsersTest : public AdminTestBase {};

TEST_F(AdminUsersTest, AssignRoleToUserErrorRows) {
  const long long user_role = role_id(admin(), "User");
  for (const char* path : {"/assign_role_to_user", "/admin/revoke_role_from_user"}) {
    SCOPED_TRACE(path);
    Json::Value only_user;
    only_user["user_id"] = static_cast<Json::Int64>(plain().user_id);
    Json::Value only_role;
    only_role["role_id"] = static_cast<Json::Int64>(user_role);
    EXPECT_TRUE(IsError(admin().post(path, only_user), 400, "User ID and Role ID must be provided"));
    EXPECT_TRUE(IsError(admin().post(path, only_role), 400, "User ID and Role ID must be provided"));
    EXPECT_TRUE(IsError(admin().post(path, Json::Value(Json::objectValue)), 400, "User ID and Role ID must be provided"));
    EXPECT_TRUE(IsError(admin().post(path, assign_body(9000000000000LL, user_role)), 404, "User not found"));
    EXPECT_TRUE(IsError(admin().post(path, assign_body(plain().user_id, 2000000000)), 404, "Role not found"));
  }
}

TEST_F(AdminUsersTest, AssigningTwiceIsHarmlessAndRevokeTakesTheRoleAway) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  Actor user;
  ASSERT_EQ(new_user(user, "adm_twice"), "");
  const long long admin_role = role_id(admin(), "Admin");
  EXPECT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200,
                        "Role assigned to user"));
  EXPECT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200,
                        "Role assigned to user"));
  // The /admin/ spelling is the same route.
  EXPECT_TRUE(IsSuccess(admin().post("/admin/assign_role_to_user", assign_body(user.user_id, admin_role)), 200,
                        "Role assigned to user"));
  EXPECT_EQ(user_role_rows(user.user_id, admin_role), 1);
  const Json::Value profile = current_user(user);
  EXPECT_EQ(string_set(profile["roles"]), (std::set<std::string>{"Admin", "User"}));
  EXPECT_EQ(profile["roles"].size(), 2u);
  EXPECT_TRUE(HasStatus(user.get("/admin/users/details"), 200));

  EXPECT_TRUE(IsSuccess(admin().post("/admin/revoke_role_from_user", assign_body(user.user_id, admin_role)), 200));
  EXPECT_EQ(user_role_rows(user.user_id, admin_role), 0);
  EXPECT_EQ(string_set(current_user(user)["roles"]), std::set<std::string>{"User"});
  EXPECT_TRUE(IsError(user.get("/admin/users/details"), 403, kUnauthorizedAccess));
  EXPECT_TRUE(IsError(admin().post("/admin/revoke_role_from_user", assign_body(user.user_id, admin_role)), 404));
}

TEST_F(AdminUsersTest, UserDetailsPagesSearchesAndCounts) {
  // Three users sharing a tag in their usernames, one with a findable first and one with a
  // findable last name.
  const std::string tag = "t" + unique_name("q").substr(3);  // letters, digits, '_'
  const std::string first = "Fn" + unique_name("f").substr(3);
  const std::string last = "Ln" + unique_name("l").substr(3);
  Actor a, b, c;
  ASSERT_EQ(new_user(a, "dq" + tag, first, "Tester"), "");
  ASSERT_EQ(new_user(b, "dq" + tag, "Ada", last), "");
  ASSERT_EQ(new_user(c, "dq" + tag), "");
  const std::set<long long> ours = {a.user_id, b.user_id, c.user_id};
  const std::string q = "dq" + tag;

  const Response all_of_ours = admin().get("/admin/users/details?q=" + q);
  ASSERT_TRUE(IsSuccess(all_of_ours, 200));
  EXPECT_EQ((*all_of_ours.json)["total"], Json::Value(3)) << all_of_ours.describe();
  std::set<long long> found;
  for (const auto& u : (*all_of_ours.json)["users"]) {
    EXPECT_EQ(member_names(u), (std::set<std::string>{"id", "first_name", "last_name", "username", "email"}))
        << json_text(u);
    found.insert(u["id"].asInt64());
  }
  EXPECT_EQ(found, ours);

  // Paging: 2 + 1 + 0, the total on every page, no user twice.
  std::set<long long> paged;
  std::size_t seen = 0;
  for (int page = 1; page <= 3; ++page) {
    SCOPED_TRACE("page " + std::to_string(page));
    const Response r = admin().get("/admin/users/details?q=" + q + "&per_page=2&page=" + std::to_string(page));
    ASSERT_TRUE(IsSuccess(r, 200));
    EXPECT_EQ((*r.json)["total"], Json::Value(3));
    EXPECT_EQ((*r.json)["users"].size(), page == 1 ? 2u : page == 2 ? 1u : 0u) << r.describe();
    for (const auto& u : (*r.json)["users"]) {
      paged.insert(u["id"].asInt64());
      ++seen;
    }
  }
  EXPECT_EQ(paged, ours);
  EXPECT_EQ(seen, 3u);

  // q matches first name, last name and email, case-insensitively.
  const auto single = [&](const std::string& query, long long expected_id) {
    SCOPED_TRACE("q=" + query);
    const Response r = admin().get("/admin/users/details?q=" + query);
    ASSERT_TRUE(IsSuccess(r, 200));
    EXPECT_EQ((*r.json)["total"], Json::Value(1)) << r.describe();
    ASSERT_EQ((*r.json)["users"].size(), 1u) << r.describe();
    EXPECT_EQ((*r.json)["users"][0]["id"].asInt64(), expected_id);
  };
  single(first, a.user_id);
  single(last, b.user_id);
  single(text::url_encode(upper(c.id.email)), c.user_id);

  // LIKE wildcards in q are plain characters.
  const Response wildcard = admin().get("/admin/users/details?q=" + q + "%25");
  ASSERT_TRUE(IsSuccess(wildcard, 200));
  EXPECT_EQ((*wildcard.json)["total"], Json::Value(0)) << wildcard.describe();

  // Without per_page: every user (up to the cap), with the total.
  const Response everyone = admin().get("/admin/users/details");
  ASSERT_TRUE(IsSuccess(everyone, 200));
  const long long total = (*everyone.json)["total"].asInt64();
  EXPECT_GE(total, 4);
  EXPECT_EQ(static_cast<long long>((*everyone.json)["users"].size()), std::min<long long>(total, 1000));
}

// The handler shortens q to 120 bytes itself; a valid UTF-8 search must stay a search (no
// half character sent to PostgreSQL, no 400 for a query the client sent correctly).
TEST_F(AdminUsersTest, ALongNonAsciiSearchIsStillASearch) {
  std::string q = "a";
  for (int i = 0; i < 60; ++i) q += "%C3%A9";  // "a" + 60 x "é": 121 bytes
  const Response r = admin().get("/admin/users/details?q=" + q);
  ASSERT_TRUE(IsSuccess(r, 200));
  EXPECT_EQ((*r.json)["total"], Json::Value(0));
}

TEST_F(AdminUsersTest, AllUserProfilesListsEveryUserAsAPIUser) {
  const Response r = admin().get("/all_user_profiles");
  ASSERT_TRUE(IsSuccess(r, 200));
  EXPECT_EQ(member_names(*r.json), (std::set<std::string>{"success", "message"}));
  ASSERT_TRUE((*r.json)["message"].isArray()) << r.describe();
  bool saw_admin = false, saw_plain = false;
  for (const auto& user : (*r.json)["message"]) {
    EXPECT_EQ(member_names(user), kUserKeys) << json_text(user);
    if (user["username"] == Json::Value("admin")) {
      saw_admin = true;
      EXPECT_TRUE(string_set(user["roles"]).count("Super Admin"));
      EXPECT_EQ(string_set(user["permissions"]), kAllSeedPermissions);
      EXPECT_EQ(user["email"], Json::Value(kAdminEmail));
      EXPECT_EQ(user["verified"], Json::Value(true));
    }
    if (user["id"].asInt64() == plain().user_id) {
      saw_plain = true;
      EXPECT_EQ(user["username"].asString(), plain().id.username);
      EXPECT_EQ(user["email"].asString(), plain().id.email);
      EXPECT_EQ(string_set(user["roles"]), std::set<std::string>{"User"});
      EXPECT_EQ(string_set(user["permissions"]), kUserRolePermissions);
      EXPECT_EQ(user["verified"], Json::Value(true));
      EXPECT_EQ(user["twofa_enabled"], Json::Value(false));
    }
  }
  EXPECT_TRUE(saw_admin);
  EXPECT_TRUE(saw_plain);
  // Its count agrees with /admin/users/details' total.
  const Response details = admin().get("/admin/users/details");
  ASSERT_TRUE(IsSuccess(details, 200));
  EXPECT_NEAR(static_cast<double>((*details.json)["total"].asInt64()), static_cast<double>((*r.json)["message"].size()),
              3.0);  // other suites may sign users up in between
}

// --- no privilege escalation ---------------------------------------------------------------------

class AdminEscalationTest : public AdminTestBase {};

TEST_F(AdminEscalationTest, AnAdminRoleHolderCannotHandOutOrTakeAwayMoreThanTheyHold) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  RbacStateGuard guard;
  Actor target;
  ASSERT_EQ(new_user(target, "adm_esc"), "");
  guard.track(target.user_id);
  guard.track(manager().user_id);
  const long long super_admin = role_id(admin(), "Super Admin");
  const long long admin_role = role_id(admin(), "Admin");
  ASSERT_NE(super_admin, 0);
  const long long audits_before = sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'");

  EXPECT_TRUE(IsError(manager().post("/assign_role_to_user", assign_body(target.user_id, super_admin)), 403,
                      kUnauthorizedAccess));
  EXPECT_EQ(user_role_rows(target.user_id, super_admin), 0);
  EXPECT_TRUE(IsError(manager().post("/assign_role_to_user", assign_body(manager().user_id, super_admin)), 403,
                      kUnauthorizedAccess));
  EXPECT_EQ(user_role_rows(manager().user_id, super_admin), 0);
  EXPECT_TRUE(IsError(manager().post("/admin/revoke_role_from_user", assign_body(admin().user_id, super_admin)), 403,
                      kUnauthorizedAccess));
  EXPECT_EQ(user_role_rows(admin().user_id, super_admin), 1);

  // A custom role carrying manage_settings (which role Admin lacks) is refused too.
  const std::string settings_role = unique_name("rset");
  const Response created = admin().post("/admin/create_role", name_body(settings_role));
  ASSERT_TRUE(IsSuccess(created, 201));
  const long long settings_role_id = (*created.json)["role"]["id"].asInt64();
  ASSERT_TRUE(IsSuccess(
      admin().post("/admin/assign_permission_to_role", permission_role_body("manage_settings", settings_role)), 200));
  const long long audits_mid = sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'");
  EXPECT_TRUE(IsError(manager().post("/assign_role_to_user", assign_body(target.user_id, settings_role_id)), 403,
                      kUnauthorizedAccess));
  EXPECT_EQ(user_role_rows(target.user_id, settings_role_id), 0);
  EXPECT_EQ(string_set(current_user(target)["permissions"]), kUserRolePermissions);

  // Refused changes leave no audit entry.
  EXPECT_EQ(audits_mid - audits_before, 2) << "exactly the admin's two changes";
  EXPECT_EQ(sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT' AND id > 0 AND user_id = $1 "
                      "AND audit_target LIKE $2",
                      {manager().user_id, "%(" + target.id.username + ")%"}),
            0);

  // What the caller does hold may be handed out and taken back.
  EXPECT_TRUE(IsSuccess(manager().post("/assign_role_to_user", assign_body(target.user_id, admin_role)), 200,
                        "Role assigned to user"));
  EXPECT_TRUE(IsSuccess(manager().post("/admin/revoke_role_from_user", assign_body(target.user_id, admin_role)), 200));
  EXPECT_EQ(string_set(current_user(target)["roles"]), std::set<std::string>{"User"});

  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(settings_role_id);
  EXPECT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200));
}

// --- no lock-out ------------------------------------------------------------------------------------

class AdminLockoutTest : public AdminTestBase {};

TEST_F(AdminLockoutTest, TheOnlyManageAdminHolderCannotBeRemoved) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  RbacStateGuard guard;
  ASSERT_EQ(manage_admin_holders(), 1) << "precondition: only the seeded admin holds manage_admin";
  const long long super_admin = role_id(admin(), "Super Admin");
  const long long audits_before = sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'");

  EXPECT_TRUE(IsError(admin().post("/admin/revoke_role_from_user", assign_body(admin().user_id, super_admin)), 409));
  EXPECT_TRUE(string_set(current_user(admin())["roles"]).count("Super Admin"));

  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(super_admin);
  EXPECT_TRUE(IsError(admin().del("/admin/delete_role", by_id), 409));
  EXPECT_EQ(string_set(roles_by_name(admin())["Super Admin"]["permissions"]), kAllSeedPermissions);

  EXPECT_TRUE(IsError(
      admin().post("/admin/revoke_permission_from_role", permission_role_body("manage_admin", "Super Admin")), 409));
  Json::Value permission;
  permission["permission_id"] =
      static_cast<Json::Int64>(sql_count("SELECT id FROM permissions WHERE name = 'manage_admin'"));
  EXPECT_TRUE(IsError(admin().del("/admin/delete_permission", permission), 409));

  EXPECT_EQ(manage_admin_holders(), 1);
  EXPECT_EQ(string_set(current_user(admin())["permissions"]), kAllSeedPermissions);
  EXPECT_EQ(sql_count("SELECT count(*) FROM request_log WHERE log_level = 'AUDIT'"), audits_before)
      << "a refused change wrote an audit entry";
}

TEST_F(AdminLockoutTest, WithASecondSuperAdminEitherMayLoseTheRole) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  RbacStateGuard guard;
  Actor second;
  ASSERT_EQ(new_user(second, "adm_sa2"), "");
  guard.track(second.user_id);
  const long long super_admin = role_id(admin(), "Super Admin");

  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(second.user_id, super_admin)), 200));
  EXPECT_EQ(manage_admin_holders(), 2);
  // The second Super Admin takes the role from the seeded admin...
  ASSERT_TRUE(IsSuccess(second.post("/admin/revoke_role_from_user", assign_body(admin().user_id, super_admin)), 200));
  EXPECT_TRUE(IsError(admin().post("/admin/create_role", name_body(unique_name("rlost"))), 403, kUnauthorizedAccess));
  // ...is now the only holder and cannot drop it...
  EXPECT_TRUE(IsError(second.post("/admin/revoke_role_from_user", assign_body(second.user_id, super_admin)), 409));
  // ...gives it back, and the seeded admin takes it from them.
  ASSERT_TRUE(IsSuccess(second.post("/assign_role_to_user", assign_body(admin().user_id, super_admin)), 200));
  EXPECT_TRUE(IsSuccess(admin().post("/admin/revoke_role_from_user", assign_body(second.user_id, super_admin)), 200));
  EXPECT_TRUE(IsError(second.post("/admin/create_role", name_body(unique_name("rgone"))), 403, kUnauthorizedAccess));
  EXPECT_EQ(manage_admin_holders(), 1);
  EXPECT_TRUE(string_set(current_user(admin())["roles"]).count("Super Admin"));
}

// --- the audit trail -------------------------------------------------------------------------------

class AdminAuditTest : public AdminTestBase {};

struct AuditRow {
  long long user_id = 0;
  std::string user_email;
  std::string target;
  bool has_before = false;
  bool has_after = false;
};

// The AUDIT rows of `action` whose target contains `needle`.
std::vector<AuditRow> audit_rows(const std::string& action, const std::string& needle) {
  std::vector<AuditRow> rows;
  try {
    const db::Result result = stack_db().exec(
        "SELECT user_id, user_email, audit_target, audit_before IS NOT NULL AS has_before, "
        "       audit_after IS NOT NULL AS has_after "
        "FROM request_log WHERE log_level = 'AUDIT' AND audit_action = $1 AND strpos(audit_target, $2) > 0 "
        "ORDER BY id",
        {action, needle});
    for (auto row : result) {
      rows.push_back({row.opt_integer("user_id").value_or(0), row.opt_str("user_email").value_or(""),
                      row.str("audit_target"), row.boolean("has_before"), row.boolean("has_after")});
    }
  } catch (const std::exception& error) {
    ADD_FAILURE() << "reading audit rows: " << error.what();
  }
  return rows;
}

TEST_F(AdminAuditTest, EveryAdminChangeIsAuditedWithActorTargetBeforeAndAfter) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  RbacStateGuard guard;
  Actor user;
  ASSERT_EQ(new_user(user, "adm_aud"), "");
  const std::string role = unique_name("raud");
  const Response created = admin().post("/admin/create_role", name_body(role));
  ASSERT_TRUE(IsSuccess(created, 201));
  const long long id = (*created.json)["role"]["id"].asInt64();
  ASSERT_TRUE(IsSuccess(admin().post("/admin/assign_permission_to_role", permission_role_body("view_reports", role)), 200));
  ASSERT_TRUE(IsSuccess(admin().post("/admin/revoke_permission_from_role", permission_role_body("view_reports", role)),
                        200));
  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, id)), 200));
  ASSERT_TRUE(IsSuccess(admin().post("/admin/revoke_role_from_user", assign_body(user.user_id, id)), 200));
  // The manager hands out role User... which the user holds already: no change, then Admin.
  const long long admin_role = role_id(admin(), "Admin");
  ASSERT_TRUE(IsSuccess(manager().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200));
  Json::Value by_id;
  by_id["role_id"] = static_cast<Json::Int64>(id);
  ASSERT_TRUE(IsSuccess(admin().del("/admin/delete_role", by_id), 200));
  const std::string permission = unique_name("paud");
  ASSERT_TRUE(IsSuccess(admin().post("/admin/create_permission", name_body(permission)), 201));

  struct Expected {
    std::string action, needle;
    bool before, after;
    Actor* actor;
  };
  const std::vector<Expected> expected = {
      {"role.create", role, false, true, &admin()},
      {"role.permission.assign", role, true, true, &admin()},
      {"role.permission.revoke", role, true, true, &admin()},
      {"user.role.assign", "(" + user.id.username + "), role " + role, true, true, &admin()},
      {"user.role.revoke", "(" + user.id.username + "), role " + role, true, true, &admin()},
      {"user.role.assign", "(" + user.id.username + "), role Admin", true, true, &manager()},
      {"role.delete", role, true, false, &admin()},
      {"permission.create", permission, false, true, &admin()},
  };
  for (const auto& e : expected) {
    SCOPED_TRACE(e.action + " " + e.needle);
    const auto rows = audit_rows(e.action, e.needle);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].user_id, e.actor->user_id);
    EXPECT_EQ(rows[0].user_email, e.actor == &admin() ? std::string(kAdminEmail) : manager().id.email);
    EXPECT_EQ(rows[0].has_before, e.before);
    EXPECT_EQ(rows[0].has_after, e.after);
  }

  // Holders of access_logs read them through /logs, at level AUDIT, with the actor's email.
  const Response logs = admin().get("/logs?level=AUDIT&per_page=100&q=" + role);
  ASSERT_TRUE(HasStatus(logs, 200));
  const Json::Value& entries = (*logs.json)["logs"];
  EXPECT_EQ(entries.size(), 6u) << logs.describe();  // the manager's entry names role Admin, not `role`
  std::set<std::string> actions;
  for (const auto& entry : entries) {
    EXPECT_EQ(entry["log_level"], Json::Value("AUDIT"));
    EXPECT_EQ(entry["user_email"], Json::Value(kAdminEmail));
    EXPECT_NE(entry["message"].asString().find(role), std::string::npos);
    for (const char* action : {"role.create", "role.permission.assign", "role.permission.revoke", "user.role.assign",
                               "user.role.revoke", "role.delete"}) {
      if (entry["message"].asString().find(std::string(" ") + action + " ") != std::string::npos) actions.insert(action);
    }
  }
  EXPECT_EQ(actions.size(), 6u) << logs.describe();
  // The manager (access_logs too) sees its own change with its own email.
  const Response mine = manager().get("/logs?level=AUDIT&per_page=100&q=" + user.id.username);
  ASSERT_TRUE(HasStatus(mine, 200));
  bool saw_manager_entry = false;
  for (const auto& entry : (*mine.json)["logs"]) {
    if (entry["user_email"].asString() == manager().id.email) saw_manager_entry = true;
  }
  EXPECT_TRUE(saw_manager_entry) << mine.describe();
  sql_exec("DELETE FROM permissions WHERE name = $1", {permission});
}

TEST_F(AdminAuditTest, AssigningWhatIsAlreadyThereWritesNoSecondEntry) {
  ASSERT_TRUE(sql_problem().empty()) << sql_problem();
  Actor user;
  ASSERT_EQ(new_user(user, "adm_aud2"), "");
  const long long admin_role = role_id(admin(), "Admin");
  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200));
  ASSERT_TRUE(IsSuccess(admin().post("/assign_role_to_user", assign_body(user.user_id, admin_role)), 200));
  EXPECT_EQ(audit_rows("user.role.assign", "(" + user.id.username + "), role Admin").size(), 1u);
}

}  // namespace
}  // namespace t2o::it
