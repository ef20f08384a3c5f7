#include "billing/webhook_service.hpp"

#include <optional>
#include <string>

#include "billing/customers.hpp"
#include "billing/order_store.hpp"
#include "billing/subscription_store.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {
namespace {

std::optional<long long> existing_user(db::Connection& db, std::optional<long long> user_id) {
  if (user_id && load_billing_user(db, *user_id)) return user_id;
  return std::nullopt;
}

// Who owns a subscription: the local row's user, else metadata[user_id] (set by us),
// else the user whose customer it is.
std::optional<long long> subscription_owner(db::Connection& db, const StripeSubscription& subscription) {
  if (auto local = find_subscription(db, subscription.id)) return local->user_id;
  if (auto user = existing_user(db, subscription.metadata_user_id)) return user;
  return user_for_customer(db, subscription.customer_id);
}

bool apply_subscription(db::Connection& db, const Json::Value& object, long long event_created) {
  const auto subscription = parse_subscription(object);
  if (!subscription) return false;
  const bool known = find_subscription(db, subscription->id).has_value();
  // A subscription that ends before we ever saw it has nothing to keep in step (and one
  // deleted here through /delete-subscription must stay deleted).
  if (!known && subscription->status == "canceled") return false;
  const auto owner = subscription_owner(db, *subscription);
  if (!owner) return false;
  remember_customer(db, *owner, subscription->customer_id);
  return save_subscription(db, *subscription, *owner, event_created);
}

// The subscription an invoice belongs to (its place moved in newer API versions).
std::optional<std::string> invoice_subscription(const Json::Value& invoice) {
  const Json::Value& direct = invoice["subscription"];
  if (direct.isString()) return direct.asString();
  if (direct.isObject() && direct["id"].isString()) return direct["id"].asString();
  const Json::Value& parent = invoice["parent"];
  if (parent.isObject() && parent["subscription_details"].isObject() &&
      parent["subscription_details"]["subscription"].isString()) {
    return parent["subscription_details"]["subscription"].asString();
  }
  return std::nullopt;
}

bool apply_invoice(db::Connection& db, const Json::Value& invoice, const char* status, long long event_created) {
  const auto subscription_id = invoice_subscription(invoice);
  if (!subscription_id) return false;
  return db
             .exec("UPDATE billing_subscriptions SET status = $2, last_event_created = $3, updated_at = now() "
                   "WHERE subscription_id = $1 AND status NOT IN ('canceled', 'incomplete_expired') "
                   "  AND (last_event_created IS NULL OR last_event_created <= $3)",
                   {*subscription_id, status, event_created})
             .affected_rows() == 1;
}

bool apply(db::Connection& db, const std::string& type, const Json::Value& object, long long created) {
  if (!object.isObject()) return false;
  if (type == "checkout.session.completed") return record_order(db, object).has_value();
  if (type == "customer.subscription.created" || type == "customer.subscription.updated" ||
      type == "customer.subscription.deleted") {
    return apply_subscription(db, object, created);
  }
  if (type == "invoice.paid") return apply_invoice(db, object, "active", created);
  if (type == "invoice.payment_failed") return apply_invoice(db, object, "past_due", created);
  return false;
}

}  // namespace

WebhookOutcome process_event(db::Connection& db, const Json::Value& event) {
  if (!event.isObject() || !event["id"].isString() || event["id"].asString().empty() || !event["type"].isString()) {
    throw BadRequest("A Stripe event needs an id and a type");
  }
  const std::string id = event["id"].asString();
  const std::string type = event["type"].asString();
  const long long created = event["created"].isIntegral() ? event["created"].asInt64() : 0;

  WebhookOutcome outcome;
  db::Transaction tx(db);
  // The id is claimed in the same transaction as the effects: a retry after a failure
  // finds it unclaimed, a replay after success finds it taken.
  const bool first_time = !tx.exec("INSERT INTO billing_webhook_events (event_id, event_type) VALUES ($1, $2) "
                                   "ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
                                   {id, type})
                               .empty();
  if (!first_time) {
    outcome.duplicate = true;
    return outcome;
  }
  const Json::Value& data = event["data"];
  try {
    outcome.applied = data.isObject() && apply(db, type, data["object"], created);
  } catch (const Json::LogicError&) {
    throw BadRequest("The event's object does not have the shape Stripe documents");
  }
  tx.commit();
  return outcome;
}

}  // namespace t2o::billing
