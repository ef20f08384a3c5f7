// t2o-billing: the Stripe catalogue, subscriptions, Checkout and the Stripe webhook.
// Every route answers 503 while STRIPE_SECRET_KEY is unset (when_configured). The
// original used POST even to read; those stay, and the reads also answer GET.
#include "billing/route_table.hpp"

#include "billing/billing_access.hpp"
#include "billing/catalogue_routes.hpp"
#include "billing/checkout_routes.hpp"
#include "billing/subscription_routes.hpp"
#include "billing/webhook_routes.hpp"

namespace t2o::billing {
namespace {

constexpr Access kManageSettings = needs("manage_settings");
constexpr Access kManageUsers = needs("manage_users");

const Route kRoutes[] = {
    // Catalogue writes.
    {Method::Post, "/create-product", when_configured<create_product>, kManageSettings},
    {Method::Post, "/edit-product", when_configured<edit_product>, kManageSettings},
    {Method::Delete, "/delete-product", when_configured<delete_product>, kManageSettings},
    {Method::Post, "/create-price", when_configured<create_price>, kManageSettings},
    {Method::Post, "/edit-price", when_configured<edit_price>, kManageSettings},
    {Method::Post, "/delete-price", when_configured<delete_price>, kManageSettings},
    {Method::Delete, "/delete-price", when_configured<delete_price>, kManageSettings},
    // Catalogue reads.
    {Method::Post, "/products", when_configured<list_products>, kSession},
    {Method::Get, "/products", when_configured<list_products>, kSession},
    {Method::Post, "/product", when_configured<get_product>, kSession},
    {Method::Get, "/product", when_configured<get_product>, kSession},
    {Method::Post, "/prices", when_configured<list_prices>, kSession},
    {Method::Get, "/prices", when_configured<list_prices>, kSession},
    {Method::Post, "/price", when_configured<get_price>, kSession},
    {Method::Get, "/price", when_configured<get_price>, kSession},
    {Method::Post, "/prices-for-product", when_configured<prices_for_product>, kSession},
    {Method::Get, "/prices-for-product", when_configured<prices_for_product>, kSession},
    // Subscriptions: the caller's own; another user's needs manage_users (checked inside).
    {Method::Post, "/create-subscription", when_configured<create_subscription>, kSession},
    {Method::Post, "/update-subscription", when_configured<update_subscription>, kSession},
    {Method::Post, "/cancel-subscription", when_configured<cancel_subscription>, kSession},
    {Method::Post, "/deactivate-subscription", when_configured<deactivate_subscription>, kSession},
    {Method::Post, "/reactivate-subscription", when_configured<reactivate_subscription>, kSession},
    {Method::Post, "/delete-subscription", when_configured<delete_subscription>, kSession},
    {Method::Delete, "/delete-subscription", when_configured<delete_subscription>, kSession},
    {Method::Post, "/subscription", when_configured<get_subscription>, kSession},
    {Method::Get, "/subscription", when_configured<get_subscription>, kSession},
    {Method::Post, "/user-subscriptions", when_configured<user_subscriptions>, kSession},
    {Method::Get, "/user-subscriptions", when_configured<user_subscriptions>, kSession},
    {Method::Post, "/subscriptions", when_configured<all_subscriptions>, kManageUsers},
    {Method::Get, "/subscriptions", when_configured<all_subscriptions>, kManageUsers},
    // Checkout.
    {Method::Post, "/create-checkout-session", when_configured<create_checkout_session>, kSession},
    {Method::Get, "/checkout-success", when_configured<checkout_success>, kPublic},
    {Method::Get, "/checkout-cancel", when_configured<checkout_cancel>, kPublic},
    // Stripe's calls: signed, so no session and no CSRF token.
    {Method::Post, "/stripe/webhook", when_configured<stripe_webhook>, kPublicCsrfExempt},
};

}  // namespace

const GroupTable& group_table() {
  static const GroupTable table{"billing", kRoutes};
  return table;
}

}  // namespace t2o::billing
