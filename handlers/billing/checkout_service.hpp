#pragma once
// Stripe Checkout: a hosted payment page for one price, and the order recorded when the
// customer comes back paid.
#include <json/json.h>

#include <optional>
#include <string>

#include "billing/customers.hpp"
#include "billing/order_store.hpp"
#include "billing/stripe_client.hpp"
#include "config/config.hpp"
#include "db/connection.hpp"

namespace t2o::billing {

struct CheckoutRequest {
  std::string price_id;
  long long quantity = 1;
  std::optional<std::string> mode;  // payment | subscription; default follows the price
};

// Request fields -> CheckoutRequest; BadRequest naming the bad field.
CheckoutRequest checkout_request(const Json::Value& fields);

// The hosted page for one price. Success and cancel URLs point back at the dashboard under
// PUBLIC_BASE_URL (/app/billing/checkout-success?session_id={CHECKOUT_SESSION_ID}, whose
// page calls GET /checkout-success, and /app/billing/checkout-cancel).
struct CheckoutSession {
  std::string checkout_url;
  std::string session_id;
};

CheckoutSession create_checkout_session(db::Executor& db, StripeApi& stripe, const Config& config,
                                        const BillingUser& user, const CheckoutRequest& request);

// Retrieves the session from Stripe and records its order once; returns the order.
// BadRequest when the id is malformed or the session is not paid.
Order complete_checkout(db::Executor& db, StripeApi& stripe, const std::string& session_id);

}  // namespace t2o::billing
