#pragma once
// Orders: a paid Checkout Session recorded once, keyed by the session id, whichever of
// GET /checkout-success and the checkout.session.completed webhook sees it first.
#include <json/json.h>

#include <optional>

#include "db/connection.hpp"

namespace t2o::billing {

// True when Stripe's session object says the customer has paid (or owed nothing).
bool checkout_session_paid(const Json::Value& session);

// Records the order for a paid session (once) and returns it as ORDER JSON; nullopt when
// the session is not paid or has no id. Also remembers the session's customer for its
// user when the user has none yet.
std::optional<Json::Value> record_order(db::Connection& db, const Json::Value& session);

}  // namespace t2o::billing
