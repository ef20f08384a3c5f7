// Who may call what, reviewable in one place: every route of every group's table with its
// access class, as API.md decides it. A route added, removed or given another access
// class fails this test until the list below says so too.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "routing/registry.hpp"

namespace t2o {
namespace {

struct Policy {
  std::string group;
  std::string method;
  std::string path;
  std::string access;  // "public", "public, no CSRF", "session", "session, no CSRF" or "needs <permission>"

  auto key() const { return std::tie(group, method, path, access); }
  bool operator<(const Policy& other) const { return key() < other.key(); }
};

// API.md: the CSRF-exempt routes are /signup, /login, /logout, /forgot_password,
// /reset_password/<token>, /verify_email/<token> (a GET), /resend_verification,
// /csrf_token and /stripe/webhook; admin routes need their permission; board writes need
// edit; billing catalogue writes need manage_settings and /subscriptions manage_users.
const std::set<Policy> kPolicy = {
    {"auth", "POST", "/signup", "public, no CSRF"},
    {"auth", "GET", "/verify_email/<token>", "public"},
    {"auth", "POST", "/resend_verification", "public, no CSRF"},
    {"auth", "POST", "/login", "public, no CSRF"},
    {"auth", "GET", "/logout", "session"},
    {"auth", "POST", "/logout", "session, no CSRF"},
    {"auth", "GET", "/check_auth_status", "public"},
    {"auth", "GET", "/csrf_token", "session"},
    {"auth", "POST", "/csrf_token", "session, no CSRF"},
    {"auth", "GET", "/current_user_details", "session"},
    {"auth", "GET", "/twofa_uri", "session"},
    {"auth", "POST", "/update_twofa", "session"},
    {"auth", "POST", "/forgot_password", "public, no CSRF"},
    {"auth", "POST", "/reset_password/<token>", "public, no CSRF"},
    {"auth", "GET", "/healthz", "public"},
    {"account", "POST", "/change_password", "session"},
    {"account", "GET", "/sessions", "session"},
    {"account", "DELETE", "/sessions/<int:id>", "session"},
    {"account", "POST", "/update_profile", "session"},
    {"account", "GET", "/logs", "session"},
    {"admin", "GET", "/admin/roles", "needs manage_users"},
    {"admin", "POST", "/admin/create_role", "needs manage_admin"},
    {"admin", "DELETE", "/admin/delete_role", "needs manage_admin"},
    {"admin", "GET", "/admin/permissions", "needs manage_users"},
    {"admin", "POST", "/admin/create_permission", "needs manage_admin"},
    {"admin", "DELETE", "/admin/delete_permission", "needs manage_admin"},
    {"admin", "POST", "/admin/assign_permission_to_role", "needs manage_admin"},
    {"admin", "POST", "/admin/revoke_permission_from_role", "needs manage_admin"},
    {"admin", "POST", "/assign_role_to_user", "needs manage_users"},
    {"admin", "POST", "/admin/assign_role_to_user", "needs manage_users"},
    {"admin", "POST", "/admin/revoke_role_from_user", "needs manage_users"},
    {"admin", "GET", "/admin/users/details", "needs manage_users"},
    {"admin", "GET", "/all_user_profiles", "needs manage_users"},
    {"board", "GET", "/boards", "session"},
    {"board", "POST", "/boards", "needs edit"},
    {"board", "PUT", "/boards", "needs edit"},
    {"board", "DELETE", "/boards", "needs edit"},
    {"board", "GET", "/boards/<int:board_id>", "session"},
    {"board", "GET", "/boards/<int:board_id>/columns", "session"},
    {"board", "POST", "/boards/<int:board_id>/columns", "needs edit"},
    {"board", "PUT", "/boards/<int:board_id>/columns", "needs edit"},
    {"board", "DELETE", "/boards/<int:board_id>/columns", "needs edit"},
    {"board", "GET", "/columns/<int:column_id>/tickets", "session"},
    {"board", "POST", "/columns/<int:column_id>/tickets", "needs edit"},
    {"board", "PUT", "/columns/<int:column_id>/tickets", "needs edit"},
    {"board", "DELETE", "/columns/<int:column_id>/tickets", "needs edit"},
    {"billing", "POST", "/create-product", "needs manage_settings"},
    {"billing", "POST", "/edit-product", "needs manage_settings"},
    {"billing", "DELETE", "/delete-product", "needs manage_settings"},
    {"billing", "POST", "/create-price", "needs manage_settings"},
    {"billing", "POST", "/edit-price", "needs manage_settings"},
    {"billing", "POST", "/delete-price", "needs manage_settings"},
    {"billing", "DELETE", "/delete-price", "needs manage_settings"},
    {"billing", "POST", "/products", "session"},
    {"billing", "GET", "/products", "session"},
    {"billing", "POST", "/product", "session"},
    {"billing", "GET", "/product", "session"},
    {"billing", "POST", "/prices", "session"},
    {"billing", "GET", "/prices", "session"},
    {"billing", "POST", "/price", "session"},
    {"billing", "GET", "/price", "session"},
    {"billing", "POST", "/prices-for-product", "session"},
    {"billing", "GET", "/prices-for-product", "session"},
    {"billing", "POST", "/create-subscription", "session"},
    {"billing", "POST", "/update-subscription", "session"},
    {"billing", "POST", "/cancel-subscription", "session"},
    {"billing", "POST", "/deactivate-subscription", "session"},
    {"billing", "POST", "/reactivate-subscription", "session"},
    {"billing", "POST", "/delete-subscription", "session"},
    {"billing", "DELETE", "/delete-subscription", "session"},
    {"billing", "POST", "/subscription", "session"},
    {"billing", "GET", "/subscription", "session"},
    {"billing", "POST", "/user-subscriptions", "session"},
    {"billing", "GET", "/user-subscriptions", "session"},
    {"billing", "POST", "/subscriptions", "needs manage_users"},
    {"billing", "GET", "/subscriptions", "needs manage_users"},
    {"billing", "POST", "/create-checkout-session", "session"},
    {"billing", "GET", "/checkout-success", "public"},
    {"billing", "GET", "/checkout-cancel", "public"},
    {"billing", "POST", "/stripe/webhook", "public, no CSRF"},
};

std::string access_class(const Access& access) {
  if (!access.permission.empty()) {
    EXPECT_TRUE(access.needs_session) << "a permission without a session";
    EXPECT_FALSE(access.csrf_exempt) << "a permission route exempt from CSRF";
    return "needs " + std::string(access.permission);
  }
  std::string text = access.needs_session ? "session" : "public";
  if (access.csrf_exempt) text += ", no CSRF";
  return text;
}

TEST(RoutePolicy, EveryRouteHasTheAccessClassTheListGivesIt) {
  std::set<Policy> tables;
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      const Policy policy{std::string(group->name), std::string(method_name(route.method)), std::string(route.pattern),
                          access_class(route.access)};
      EXPECT_TRUE(tables.insert(policy).second) << "twice in the tables: " << policy.method << " " << policy.path;
    }
  }
  for (const Policy& policy : tables) {
    EXPECT_TRUE(kPolicy.count(policy)) << "not in the list (or with another access class): " << policy.group << " "
                                       << policy.method << " " << policy.path << " [" << policy.access << "]";
  }
  for (const Policy& policy : kPolicy) {
    EXPECT_TRUE(tables.count(policy)) << "listed but not in the tables: " << policy.group << " " << policy.method << " "
                                      << policy.path << " [" << policy.access << "]";
  }
}

TEST(RoutePolicy, NoPathIsServedByTwoGroups) {
  std::map<std::string, std::string> owner;
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      const auto [at, inserted] = owner.emplace(std::string(route.pattern), std::string(group->name));
      EXPECT_TRUE(inserted || at->second == group->name)
          << route.pattern << " is in both " << at->second << " and " << group->name;
    }
  }
}

TEST(RoutePolicy, StateChangingRoutesAreCsrfExemptOnlyWhereApiMdSaysSo) {
  const std::set<std::string> exempt = {"/signup",       "/login",          "/logout", "/forgot_password",
                                        "/reset_password/<token>", "/resend_verification", "/csrf_token",
                                        "/stripe/webhook"};
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      if (!is_state_changing(route.method)) continue;
      EXPECT_EQ(route.access.csrf_exempt, exempt.count(std::string(route.pattern)) == 1)
          << method_name(route.method) << " " << route.pattern;
    }
  }
}

}  // namespace
}  // namespace t2o
