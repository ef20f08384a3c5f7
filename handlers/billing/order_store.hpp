#pragma once
// Orders: a paid Checkout Session recorded once, keyed by the session id, whichever of
// GET /checkout-success and the checkout.session.completed webhook sees it first.
#include <json/json.h>

#include <optional>

#include "db/connection.hpp"
#include "util/utc_time.hpp"

namespace t2o::billing {

// True when Stripe's session object says the customer has paid (or owed nothing).
bool checkout_session_paid(const Json::Value& session);

// A paid Checkout Session as recorded here; amounts in minor units of its currency.
struct Order {
  long long order_id = 0;
  std::string checkout_session_id;
  std::optional<long long> user_id;
  std::optional<std::string> price_id;
  std::optional<long long> quantity;
  std::string mode;
  std::optional<long long> amount_total;
  std::optional<std::string> currency;
  std::string payment_status;
  std::optional<std::string> subscription_id;
  UtcTime created_at;
};

// Records the order for a paid session (once) and returns it; nullopt when the session is
// not paid or has no id. Also remembers the session's customer for its user when the user
// has none yet.
std::optional<Order> record_order(db::Executor& db, const Json::Value& session);

}  // namespace t2o::billing
