#pragma once
// Stripe webhook events, already verified: each event id is processed once, and its
// effect on local subscriptions and orders commits together with that record.
#include <json/json.h>

#include "db/connection.hpp"

namespace t2o::billing {

struct WebhookOutcome {
  bool duplicate = false;  // the id was processed before; nothing changed
  bool applied = false;    // a handled type that changed or confirmed local state
};

// Handles checkout.session.completed, customer.subscription.created|updated|deleted,
// invoice.paid and invoice.payment_failed; records other types without acting on them.
// BadRequest when the event has no id or type.
// Runs in the caller's transaction: the event id is recorded together with its effects.
WebhookOutcome process_event(db::Transaction& tx, const Json::Value& event);

}  // namespace t2o::billing
