#pragma once
// The local copy of Stripe subscriptions: parsing Stripe's subscription object, saving it
// (from an API answer or a webhook event) and reading rows back.
#include <json/json.h>

#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "util/utc_time.hpp"

namespace t2o::billing {

// What we keep of a Stripe subscription object (API version kStripeApiVersion).
struct StripeSubscription {
  std::string id;
  std::string customer_id;
  std::string status;
  std::optional<std::string> price_id;
  std::optional<std::string> item_id;
  long long quantity = 1;
  std::optional<long long> current_period_end;
  std::optional<long long> trial_end;
  std::optional<long long> canceled_at;
  bool cancel_at_period_end = false;
  bool paused = false;
  std::optional<long long> metadata_user_id;  // metadata[user_id], which we set on create
};

// nullopt when `object` lacks what every subscription has (id, customer, status).
std::optional<StripeSubscription> parse_subscription(const Json::Value& object);

// Inserts or updates the row. `event_created` (webhook events only) makes an event older
// than one already applied a no-op. Returns false when it was skipped that way.
bool save_subscription(db::Executor& db, const StripeSubscription& subscription, long long user_id,
                       std::optional<long long> event_created = std::nullopt);

struct LocalSubscription {
  std::string id;
  long long user_id = 0;
  std::string status;
  std::optional<std::string> item_id;
  bool live() const { return status != "canceled" && status != "incomplete_expired"; }
};

std::optional<LocalSubscription> find_subscription(db::Executor& db, const std::string& subscription_id);
// The user's subscriptions that are not canceled, newest first.
std::vector<LocalSubscription> live_subscriptions(db::Executor& db, long long user_id);

// A subscription as the API shows it.
struct Subscription {
  std::string subscription_id;
  long long user_id = 0;
  std::optional<std::string> price_id;
  std::string status;
  std::optional<UtcTime> current_period_end;
  std::optional<UtcTime> trial_end;
  bool cancel_at_period_end = false;
  bool paused = false;
  std::optional<UtcTime> canceled_at;
  long long quantity = 1;
  std::string customer_id;
  UtcTime created_at;
  UtcTime updated_at;
};

// NotFound when it is not there.
Subscription load_subscription(db::Executor& db, const std::string& subscription_id);
// Newest first: one user's, or everyone's when `user_id` is nullopt.
std::vector<Subscription> list_subscriptions(db::Executor& db, std::optional<long long> user_id);

}  // namespace t2o::billing
