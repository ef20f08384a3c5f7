#pragma once
// Subscriptions: created, changed, paused, resumed and canceled at Stripe first, then
// saved locally from Stripe's answer.
#include <json/json.h>

#include <optional>
#include <string>

#include "billing/customers.hpp"
#include "billing/stripe_client.hpp"
#include "billing/subscription_store.hpp"
#include "db/connection.hpp"

namespace t2o::billing {

inline constexpr long long kMaxTrialDays = 730;  // Stripe's ceiling

struct NewSubscription {
  std::string price_id;
  std::optional<long long> trial_period_days;
};

struct CreatedSubscription {
  Subscription subscription;
  // The first invoice's PaymentIntent secret, when Stripe returned one: the client confirms
  // the payment with it.
  std::optional<std::string> client_secret;
};

// The user gets a Stripe customer first if it has none.
CreatedSubscription create_subscription(db::Executor& db, StripeApi& stripe, const BillingUser& user,
                                        const NewSubscription& request);

// The subscription an operation acts on: `subscription_id` when given (NotFound when
// unknown; whether the caller may act on it is the route's check), else the user's only
// live one (NotFound when none, BadRequest when several).
LocalSubscription choose_subscription(db::Executor& db, long long user_id,
                                      const std::optional<std::string>& subscription_id);

// Each returns the saved subscription. A canceled subscription is Conflict.
Subscription change_price(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription,
                          const std::string& new_price_id);
Subscription cancel_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription);
// Pause: Stripe keeps the subscription but voids its invoices (pause_collection).
Subscription pause_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription);
Subscription resume_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription);
// Cancels it at Stripe unless already canceled, then forgets the local row.
void delete_subscription(db::Executor& db, StripeApi& stripe, const LocalSubscription& subscription);

}  // namespace t2o::billing
