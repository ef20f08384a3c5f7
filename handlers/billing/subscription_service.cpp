#include "billing/subscription_service.hpp"

#include "billing/reconcile.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {
namespace {

// A price a subscription can use: known here, active and recurring.
void require_subscribable_price(db::Connection& db, const std::string& price_id) {
  auto row = db.exec("SELECT active, recurring_interval IS NOT NULL FROM billing_prices WHERE price_id = $1", {price_id})
                 .optional_row();
  if (!row) throw NotFound("Price not found");
  if (!row->boolean(0)) throw BadRequest("Price is not active");
  if (!row->boolean(1)) throw BadRequest("Price is not recurring: use /create-checkout-session for one-time payments");
}

void require_live(const LocalSubscription& subscription) {
  if (!subscription.live()) throw Conflict("Subscription is already canceled");
}

// Saves Stripe's answer for the subscription's owner and returns the row as JSON.
Json::Value save_answer(db::Connection& db, const Json::Value& answer, long long user_id, const char* action) {
  const auto parsed = parse_subscription(answer);
  if (!parsed) throw StripeError(200, "Stripe answered with something that is not a subscription");
  return record_after_stripe(action, parsed->id, [&] {
    save_subscription(db, *parsed, user_id);
    return subscription_json_by_id(db, parsed->id);
  });
}

std::string path_of(const LocalSubscription& subscription) {
  return object_path("/v1/subscriptions", subscription.id);
}

}  // namespace

Json::Value create_subscription(db::Connection& db, StripeApi& stripe, const BillingUser& user,
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

  Json::Value result;
  result["subscription"] = save_answer(db, answer, user.id, "subscription create");
  const Json::Value& invoice = answer["latest_invoice"];
  if (invoice.isObject() && invoice["payment_intent"].isObject() &&
      invoice["payment_intent"]["client_secret"].isString()) {
    result["client_secret"] = invoice["payment_intent"]["client_secret"];
  }
  return result;
}

LocalSubscription choose_subscription(db::Connection& db, long long user_id,
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

Json::Value change_price(db::Connection& db, StripeApi& stripe, const LocalSubscription& subscription,
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

Json::Value cancel_subscription(db::Connection& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  return save_answer(db, stripe.del(path_of(subscription)), subscription.user_id, "subscription cancel");
}

Json::Value pause_subscription(db::Connection& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  Json::Value params;
  params["pause_collection"]["behavior"] = "void";
  return save_answer(db, stripe.post(path_of(subscription), params), subscription.user_id, "subscription pause");
}

Json::Value resume_subscription(db::Connection& db, StripeApi& stripe, const LocalSubscription& subscription) {
  require_live(subscription);
  Json::Value params;
  params["pause_collection"] = Json::Value();  // sent empty: Stripe clears it
  return save_answer(db, stripe.post(path_of(subscription), params), subscription.user_id, "subscription resume");
}

void delete_subscription(db::Connection& db, StripeApi& stripe, const LocalSubscription& subscription) {
  if (subscription.live()) stripe.del(path_of(subscription));
  record_after_stripe("subscription cancel (delete)", subscription.id, [&] {
    db.exec("DELETE FROM billing_subscriptions WHERE subscription_id = $1", {subscription.id});
  });
}

}  // namespace t2o::billing
