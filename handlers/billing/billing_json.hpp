#pragma once
// The billing objects as the API returns them, with the original's field names, read from
// rows selected with the matching column list below. Amounts go out as decimal text in the
// currency's main unit ("10.99"), times as ISO 8601 UTC.
#include <json/json.h>

#include <string>

#include "db/result.hpp"

namespace t2o::billing {

std::string iso_utc(long long unix_seconds);  // "2024-05-01T12:00:00Z"

inline constexpr const char* kProductColumns =
    "product_id, name, description, active, extract(epoch FROM created_at)::bigint, "
    "extract(epoch FROM updated_at)::bigint";
// {"product_id","name","description","active","created_at","updated_at"}
Json::Value product_json(const db::Row& row);

inline constexpr const char* kPriceColumns =
    "price_id, product_id, unit_amount, currency, recurring_interval, recurring_interval_count, nickname, active, "
    "extract(epoch FROM created_at)::bigint, extract(epoch FROM updated_at)::bigint";
// {"price_id","product_id","unit_amount","currency","recurring":{"interval","interval_count"}|null,
//  "type":"recurring"|"one_time","nickname","active","created_at","updated_at"}
Json::Value price_json(const db::Row& row);

inline constexpr const char* kSubscriptionColumns =
    "subscription_id, user_id, price_id, status, extract(epoch FROM current_period_end)::bigint, "
    "extract(epoch FROM trial_end)::bigint, cancel_at_period_end, paused, extract(epoch FROM canceled_at)::bigint, "
    "quantity, customer_id, extract(epoch FROM created_at)::bigint, extract(epoch FROM updated_at)::bigint";
// {"subscription_id","user_id","price_id","status","current_period_end","trial_end",
//  "cancel_at_period_end","paused","canceled_at","quantity","customer_id","created_at","updated_at"}
Json::Value subscription_json(const db::Row& row);

inline constexpr const char* kOrderColumns =
    "order_id, checkout_session_id, user_id, price_id, quantity, mode, amount_total, currency, payment_status, "
    "subscription_id, extract(epoch FROM created_at)::bigint";
// {"order_id","checkout_session_id","user_id","price_id","quantity","mode","amount_total",
//  "currency","payment_status","subscription_id","created_at"}
Json::Value order_json(const db::Row& row);

}  // namespace t2o::billing
