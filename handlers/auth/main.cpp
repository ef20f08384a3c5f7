// t2o-auth: signup, email verification, login, logout, session status, CSRF token,
// two-factor setup, password recovery.
#include "auth/auth_routes.hpp"
#include "server/fcgi_server.hpp"

namespace {

using namespace t2o;

const Route kRoutes[] = {
    {Method::Post, "/signup", auth::signup, kPublicCsrfExempt},
    {Method::Get, "/verify_email/<token>", auth::verify_email, kPublic},
    {Method::Post, "/resend_verification", auth::resend_verification, kPublicCsrfExempt},
    {Method::Post, "/login", auth::login, kPublicCsrfExempt},
    {Method::Get, "/logout", auth::logout, kSession},
    {Method::Post, "/logout", auth::logout, kSessionCsrfExempt},
    {Method::Get, "/check_auth_status", auth::check_auth_status, kPublic},
    {Method::Get, "/csrf_token", auth::csrf_token, kSession},
    {Method::Post, "/csrf_token", auth::csrf_token, kSessionCsrfExempt},
    {Method::Get, "/current_user_details", auth::current_user_details, kSession},
    {Method::Get, "/twofa_uri", auth::twofa_uri, kSession},
    {Method::Post, "/update_twofa", auth::update_twofa, kSession},
    {Method::Post, "/forgot_password", auth::forgot_password, kPublicCsrfExempt},
    {Method::Post, "/reset_password/<token>", auth::reset_password, kPublicCsrfExempt},
    {Method::Get, "/healthz", auth::healthz, kPublic},
};

}  // namespace

int main() { return t2o::fcgi::serve("auth", kRoutes); }
