#include "billing/subscription_store.hpp"

#include <vector>

#include "errors/http_error.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

std::optional<long long> integer_field(const Json::Value& value) {
  if (value.isIntegral()) return value.asInt64();
  return std::nullopt;
}

std::optional<std::string> string_field(const Json::Value& value) {
  if (value.isString() && !value.asString().empty()) return value.asString();
  return std::nullopt;
}

// Stripe fields that are an id or, when expanded, the object carrying it.
std::optional<std::string> id_field(const Json::Value& value) {
  if (value.isObject()) return string_field(value["id"]);
  return string_field(value);
}

// The upsert skips an event older than one already applied; the same statement twice
// leaves the same row.
constexpr db::Query kSave = db::idempotent(
    "INSERT INTO billing_subscriptions AS s (subscription_id, user_id, customer_id, price_id, item_id, quantity, "
    "    status, current_period_end, trial_end, cancel_at_period_end, paused, canceled_at, last_event_created) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8), to_timestamp($9), $10, $11, to_timestamp($12), $13) "
    "ON CONFLICT (subscription_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, price_id = EXCLUDED.price_id, "
    "    item_id = EXCLUDED.item_id, quantity = EXCLUDED.quantity, status = EXCLUDED.status, "
    "    current_period_end = EXCLUDED.current_period_end, trial_end = EXCLUDED.trial_end, "
    "    cancel_at_period_end = EXCLUDED.cancel_at_period_end, paused = EXCLUDED.paused, "
    "    canceled_at = EXCLUDED.canceled_at, "
    "    last_event_created = COALESCE(EXCLUDED.last_event_created, s.last_event_created), updated_at = now() "
    "  WHERE EXCLUDED.last_event_created IS NULL OR s.last_event_created IS NULL "
    "     OR s.last_event_created <= EXCLUDED.last_event_created");

#define T2O_SUBSCRIPTION_COLUMNS                                                                              \
  "subscription_id, user_id, price_id, status, epoch_us(current_period_end) AS current_period_end, "         \
  "epoch_us(trial_end) AS trial_end, cancel_at_period_end, paused, epoch_us(canceled_at) AS canceled_at, "   \
  "quantity, customer_id, epoch_us(created_at) AS created_at, epoch_us(updated_at) AS updated_at"
constexpr db::Query kSelectById = db::idempotent(
    "SELECT " T2O_SUBSCRIPTION_COLUMNS " FROM billing_subscriptions WHERE subscription_id = $1");
constexpr db::Query kSelectAll = db::idempotent(
    "SELECT " T2O_SUBSCRIPTION_COLUMNS " FROM billing_subscriptions ORDER BY created_at DESC, subscription_id");
constexpr db::Query kSelectForUser = db::idempotent(
    "SELECT " T2O_SUBSCRIPTION_COLUMNS
    " FROM billing_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, subscription_id");
#undef T2O_SUBSCRIPTION_COLUMNS
constexpr db::Query kSelectLocal = db::idempotent(
    "SELECT subscription_id, user_id, status, item_id FROM billing_subscriptions WHERE subscription_id = $1");
constexpr db::Query kSelectLiveForUser = db::idempotent(
    "SELECT subscription_id, user_id, status, item_id FROM billing_subscriptions "
    "WHERE user_id = $1 AND status NOT IN ('canceled', 'incomplete_expired') "
    "ORDER BY created_at DESC, subscription_id");

LocalSubscription local_from(const db::Row& row) {
  return LocalSubscription{row.str("subscription_id"), row.integer("user_id"), row.str("status"),
                           row.opt_str("item_id")};
}

Subscription subscription_from(const db::Row& row) {
  return {row.str("subscription_id"),
          row.integer("user_id"),
          row.opt_str("price_id"),
          row.str("status"),
          row.opt_time("current_period_end"),
          row.opt_time("trial_end"),
          row.boolean("cancel_at_period_end"),
          row.boolean("paused"),
          row.opt_time("canceled_at"),
          row.integer("quantity"),
          row.str("customer_id"),
          row.time("created_at"),
          row.time("updated_at")};
}

}  // namespace

std::optional<StripeSubscription> parse_subscription(const Json::Value& object) {
  if (!object.isObject()) return std::nullopt;
  StripeSubscription subscription;
  auto id = string_field(object["id"]);
  auto customer = id_field(object["customer"]);
  auto status = string_field(object["status"]);
  if (!id || !customer || !status) return std::nullopt;
  subscription.id = *id;
  subscription.customer_id = *customer;
  subscription.status = *status;

  const Json::Value& item = object["items"]["data"][0];
  if (item.isObject()) {
    subscription.item_id = string_field(item["id"]);
    subscription.price_id = id_field(item["price"]);
    subscription.quantity = integer_field(item["quantity"]).value_or(1);
  }
  // Pinned API versions carry the period on the subscription; newer ones on the item.
  subscription.current_period_end = integer_field(object["current_period_end"]);
  if (!subscription.current_period_end && item.isObject()) {
    subscription.current_period_end = integer_field(item["current_period_end"]);
  }
  subscription.trial_end = integer_field(object["trial_end"]);
  subscription.canceled_at = integer_field(object["canceled_at"]);
  subscription.cancel_at_period_end = object["cancel_at_period_end"].isBool() && object["cancel_at_period_end"].asBool();
  subscription.paused = object["pause_collection"].isObject();
  if (auto user = string_field(object["metadata"]["user_id"])) subscription.metadata_user_id = text::parse_int(*user);
  return subscription;
}

bool save_subscription(db::Executor& db, const StripeSubscription& s, long long user_id,
                       std::optional<long long> event_created) {
  return db
             .exec(kSave, {s.id, user_id, s.customer_id, s.price_id, s.item_id, s.quantity, s.status,
                           s.current_period_end, s.trial_end, s.cancel_at_period_end, s.paused, s.canceled_at,
                           event_created})
             .affected_rows() == 1;
}

std::optional<LocalSubscription> find_subscription(db::Executor& db, const std::string& subscription_id) {
  auto row = db.exec(kSelectLocal, {subscription_id}).optional_row();
  if (!row) return std::nullopt;
  return local_from(*row);
}

std::vector<LocalSubscription> live_subscriptions(db::Executor& db, long long user_id) {
  std::vector<LocalSubscription> found;
  for (auto row : db.exec(kSelectLiveForUser, {user_id})) found.push_back(local_from(row));
  return found;
}

Subscription load_subscription(db::Executor& db, const std::string& subscription_id) {
  auto row = db.exec(kSelectById, {subscription_id}).optional_row();
  if (!row) throw NotFound("Subscription not found");
  return subscription_from(*row);
}

std::vector<Subscription> list_subscriptions(db::Executor& db, std::optional<long long> user_id) {
  std::vector<Subscription> list;
  for (auto row : user_id ? db.exec(kSelectForUser, {*user_id}) : db.exec(kSelectAll)) {
    list.push_back(subscription_from(row));
  }
  return list;
}

}  // namespace t2o::billing
