#include "billing/subscription_service.hpp"

#include "billing/reconcile.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {
namespace {

constexpr db::Query kSelectPriceUse = db::idempotent(
    "SELECT active, recurring_interval IS NOT NULL AS recurring FROM billing_prices WHERE price_id = $1");
constexpr const char* kDeleteSubscription = "DELETE FROM billing_subscriptions WHERE subscription_id = $1";

// A price a subscription can use: known here, active and recurring.
void require_subscribable_price(db::Executor& db, const std::string& price_id) {
  auto row = db.exec(kSelectPriceUse, {price_id}).optional_row();
  if (!row) throw NotFound("Price not found");
  if (!row->boolean("active")) throw BadRequest("Price is not active");
  if (!row->boolean("recurring")) {
    throw BadRequest("Price is not recurring: use /create-checkout-session for one-time payments");
  }
}

void require_live(const LocalSubscription& subscription) {
  if (!subscription.live()) throw Conflict("Subscription is already canceled");
}

// Saves Stripe's answer for the subscription's owner and returns the saved row.
Subscription save_answer(db::Executor& db, const Json::Value& answer, long long user_id, const char* action) {
  const auto parsed = parse_subscription(answer);
  if (!parsed) throw StripeError(200, "Stripe answered with something that is not a subscription");
  return record_after_stripe(action, parsed->id, [&] {
    save_subscription(db, *parsed, user_id);
    return load_subscription(db, parsed->id);
  });
}

std::string path_of(const LocalSubscription& subscription) {
  return object_path("/v1/subscriptions", subscription.id);
}

}  // namespace

CreatedSubscription create_subscription(db::Executor& db, StripeApi& stripe, const BillingUser& user,
                                        const NewSubscription& request) {
  require_subscribable_price(db, request.price_id);
  if (request.trial_period_days && (*request.trial_period_days < 1 || *request.trial_period_days > kMaxTrialDays)) {
    throw BadRequest("trial_period_days must be between 1 and " + std::to_string(kMaxTrialDays));
  }
  const std::string customer_id = ensure_customer(db, stripe, user);

  Json::Value params;
  params["customer"] = customer_id;
  params["items"][0]["price"] = request.price_id;
  params["metadata"]["user_id"] = std::to_string(user.id);
  // The first invoice waits for the client to confirm its PaymentIntent instead of failing
  // for want of a saved card; the card it uses becomes the default.
  params["payment_behavior"] = "default_incomplete";
  params["payment_settings"]["save_default_payment_method"] = "on_subscription";
  params["expand"][0] = "latest_invoice.payment_intent";
  if (request.trial_period_days) params["trial_period_days"] = static_cast<Json::Int64>(*request.trial_period_days);
  const Json::Value answer = stripe.post("/v1/subscriptions", params);

  CreatedSubscription result{save_answer(db, answer, user.id, "subscription create"), std::nullopt};
  const Json::Value& invoice = answer["latest_invoice"];
  if (invoice.isObject() && invoice["payment_intent"].isObject() &&
      invoice["payment_intent"]["client_secret"].isString()) {
    result.client_secret = invoice["payment_intent"]["client_secret"].asString();
  }
  return result;
}

LocalSubscription choose_subscription(db::Executor& db, long long user_id,
                                      const std::optional<std::string>& subscription_id) {
  if (subscription_id) {
    auto found = find_subscription(db, *subscription_id);
    if (!found) throw NotFound("Subscription not found");
    return *found;
  }
  const auto live = live_subscriptions(db, user_id);
  if (live.empty()) throw NotFound("No active subscription found");
  if (live.size() > 1) throw BadRequest("subscription_id is required: there are several active subscriptions");
  return live.front();
}

Subscription change_price(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription,
                          const std::string& new_price_id) {
  require_live(subscription);
  require_subscribable_price(db, new_price_id);
  if (!subscription.item_id) throw Conflict("Subscription has no item whose price could change");
  Json::Value params;
  params["items"][0]["id"] = *subscription.item_id;
  params["items"][0]["price"] = new_price_id;
  params["proration_behavior"] = "create_prorations";
  return save_answer(db, stripe.post(path_of(subscription), params), subscription.user_id, "subscription update");
}

Subscription cancel_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  return save_answer(db, stripe.del(path_of(subscription)), subscription.user_id, "subscription cancel");
}

Subscription pause_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  Json::Value params;
  params["pause_collection"]["behavior"] = "void";
  return save_answer(db, stripe.post(path_of(subscription), params), subscription.user_id, "subscription pause");
}

Subscription resume_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  Json::Value params;
  params["pause_collection"] = Json::Value();  // sent empty: Stripe clears it
  return save_answer(db, stripe.post(path_of(subscription), params), subscription.user_id, "subscription resume");
}

void delete_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription) {
  if (subscription.live()) stripe.del(path_of(subscription));
  record_after_stripe("subscription cancel (delete)", subscription.id,
                      [&] { db.exec(kDeleteSubscription, {subscription.id}); });
}

}  // namespace t2o::billing
