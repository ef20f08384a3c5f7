// t2o-auth: signup, email verification, login, logout, session status, CSRF token,
// two-factor setup, password recovery.
#include "auth/route_table.hpp"

#include "auth/auth_routes.hpp"

namespace t2o::auth {
namespace {

// The routes that take credentials carry nginx's per-address brake as well.
constexpr EdgeLimit kBraked = EdgeLimit::Credentials;

const Route kRoutes[] = {
    {Method::Post, "/signup", signup, kPublicCsrfExempt, kBraked},
    {Method::Get, "/verify_email/<token>", verify_email, kPublic},
    {Method::Post, "/resend_verification", resend_verification, kPublicCsrfExempt, kBraked},
    {Method::Post, "/login", login, kPublicCsrfExempt, kBraked},
    {Method::Get, "/logout", logout, kSession},
    {Method::Post, "/logout", logout, kSessionCsrfExempt},
    {Method::Get, "/check_auth_status", check_auth_status, kPublic},
    {Method::Get, "/csrf_token", csrf_token, kSession},
    {Method::Post, "/csrf_token", csrf_token, kSessionCsrfExempt},
    {Method::Get, "/current_user_details", current_user_details, kSession, EdgeLimit::None, Caching::PerCaller},
    {Method::Get, "/twofa_uri", twofa_uri, kSession},
    {Method::Post, "/update_twofa", update_twofa, kSession},
    {Method::Post, "/forgot_password", forgot_password, kPublicCsrfExempt, kBraked},
    {Method::Post, "/reset_password/<token>", reset_password, kPublicCsrfExempt, kBraked},
    {Method::Get, "/healthz", healthz, kPublic},
};

}  // namespace

const GroupTable& group_table() {
  static const GroupTable table{"auth", kRoutes};
  return table;
}

}  // namespace t2o::auth
