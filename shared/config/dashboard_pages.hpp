#pragma once
// The dashboard's pages (web/, served by nginx at /app/) that the server sends people to:
// links in emails and Stripe's return addresses. Each page then calls the API
// (GET /verify_email/<token>, POST /reset_password/<token>, GET /checkout-success), so a
// person lands on a page rather than on raw JSON; the API paths keep working on their own.
namespace t2o::dashboard {

inline constexpr const char* kVerifyEmailPage = "/app/verify-email/";      // + token
inline constexpr const char* kResetPasswordPage = "/app/reset-password/";  // + token
inline constexpr const char* kCheckoutSuccessPage = "/app/billing/checkout-success?session_id={CHECKOUT_SESSION_ID}";
inline constexpr const char* kCheckoutCancelPage = "/app/billing/checkout-cancel";

}  // namespace t2o::dashboard
