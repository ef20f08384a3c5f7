#include "billing/webhook_service.hpp"

#include <optional>
#include <string>

#include "billing/customers.hpp"
#include "billing/order_store.hpp"
#include "billing/subscription_store.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {
namespace {

constexpr const char* kSetStatusFromInvoice =
    "UPDATE billing_subscriptions SET status = $2, last_event_created = $3, updated_at = now() "
    "WHERE subscription_id = $1 AND status NOT IN ('canceled', 'incomplete_expired') "
    "  AND (last_event_created IS NULL OR last_event_created <= $3)";
// The id is claimed in the same transaction as the effects: a retry after a failure finds
// it unclaimed, a replay after success finds it taken.
constexpr const char* kClaimEvent =
    "INSERT INTO billing_webhook_events (event_id, event_type) VALUES ($1, $2) "
    "ON CONFLICT (event_id) DO NOTHING RETURNING event_id";

std::optional<long long> existing_user(db::Transaction& tx, std::optional<long long> user_id) {
  if (user_id && load_billing_user(tx, *user_id)) return user_id;
  return std::nullopt;
}

// Who owns a subscription: the local row's user, else metadata[user_id] (set by us),
// else the user whose customer it is.
std::optional<long long> subscription_owner(db::Transaction& tx, const StripeSubscription& subscription) {
  if (auto local = find_subscription(tx, subscription.id)) return local->user_id;
  if (auto user = existing_user(tx, subscription.metadata_user_id)) return user;
  return user_for_customer(tx, subscription.customer_id);
}

bool apply_subscription(db::Transaction& tx, const Json::Value& object, long long event_created) {
  const auto subscription = parse_subscription(object);
  if (!subscription) return false;
  const bool known = find_subscription(tx, subscription->id).has_value();
  // A subscription that ends before we ever saw it has nothing to keep in step (and one
  // deleted here through /delete-subscription must stay deleted).
  if (!known && subscription->status == "canceled") return false;
  const auto owner = subscription_owner(tx, *subscription);
  if (!owner) return false;
  remember_customer(tx, *owner, subscription->customer_id);
  return save_subscription(tx, *subscription, *owner, event_created);
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

bool apply_invoice(db::Transaction& tx, const Json::Value& invoice, const char* status, long long event_created) {
  const auto subscription_id = invoice_subscription(invoice);
  if (!subscription_id) return false;
  return tx.exec(kSetStatusFromInvoice, {*subscription_id, status, event_created}).affected_rows() == 1;
}

bool apply(db::Transaction& tx, const std::string& type, const Json::Value& object, long long created) {
  if (!object.isObject()) return false;
  if (type == "checkout.session.completed") return record_order(tx, object).has_value();
  if (type == "customer.subscription.created" || type == "customer.subscription.updated" ||
      type == "customer.subscription.deleted") {
    return apply_subscription(tx, object, created);
  }
  if (type == "invoice.paid") return apply_invoice(tx, object, "active", created);
  if (type == "invoice.payment_failed") return apply_invoice(tx, object, "past_due", created);
  return false;
}

}  // namespace

WebhookOutcome process_event(db::Transaction& tx, const Json::Value& event) {
  if (!event.isObject() || !event["id"].isString() || event["id"].asString().empty() || !event["type"].isString()) {
    throw BadRequest("A Stripe event needs an id and a type");
  }
  const std::string id = event["id"].asString();
  const std::string type = event["type"].asString();
  const long long created = event["created"].isIntegral() ? event["created"].asInt64() : 0;

  WebhookOutcome outcome;
  const bool first_time = !tx.exec(kClaimEvent, {id, type}).empty();
  if (!first_time) {
    outcome.duplicate = true;
    return outcome;
  }
  const Json::Value& data = event["data"];
  try {
    outcome.applied = data.isObject() && apply(tx, type, data["object"], created);
  } catch (const Json::LogicError&) {
    throw BadRequest("The event's object does not have the shape Stripe documents");
  }
  return outcome;
}

}  // namespace t2o::billing
