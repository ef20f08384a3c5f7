#include "billing/billing_json.hpp"

#include <cstdio>
#include <ctime>

#include "billing/money.hpp"

namespace t2o::billing {
namespace {

Json::Value text_or_null(const db::Row& row, int column) {
  return row.is_null(column) ? Json::Value() : Json::Value(row.str(column));
}

Json::Value integer_or_null(const db::Row& row, int column) {
  return row.is_null(column) ? Json::Value() : Json::Value(static_cast<Json::Int64>(row.integer(column)));
}

Json::Value time_or_null(const db::Row& row, int column) {
  return row.is_null(column) ? Json::Value() : Json::Value(iso_utc(row.integer(column)));
}

// Amount in minor units as main-unit text, in the row's currency.
Json::Value amount_or_null(const db::Row& row, int amount_column, int currency_column) {
  if (row.is_null(amount_column)) return Json::Value();
  const std::string currency = row.is_null(currency_column) ? "usd" : row.str(currency_column);
  return format_amount(row.integer(amount_column), currency_decimals(currency).value_or(2));
}

}  // namespace

std::string iso_utc(long long unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buffer;
}

Json::Value product_json(const db::Row& row) {
  Json::Value product;
  product["product_id"] = row.str(0);
  product["name"] = row.str(1);
  product["description"] = text_or_null(row, 2);
  product["active"] = row.boolean(3);
  product["created_at"] = iso_utc(row.integer(4));
  product["updated_at"] = iso_utc(row.integer(5));
  return product;
}

Json::Value price_json(const db::Row& row) {
  Json::Value price;
  price["price_id"] = row.str(0);
  price["product_id"] = row.str(1);
  price["unit_amount"] = amount_or_null(row, 2, 3);
  price["currency"] = row.str(3);
  if (row.is_null(4)) {
    price["recurring"] = Json::Value();
    price["type"] = "one_time";
  } else {
    price["recurring"]["interval"] = row.str(4);
    price["recurring"]["interval_count"] = static_cast<Json::Int64>(row.opt_integer(5).value_or(1));
    price["type"] = "recurring";
  }
  price["nickname"] = text_or_null(row, 6);
  price["active"] = row.boolean(7);
  price["created_at"] = iso_utc(row.integer(8));
  price["updated_at"] = iso_utc(row.integer(9));
  return price;
}

Json::Value subscription_json(const db::Row& row) {
  Json::Value subscription;
  subscription["subscription_id"] = row.str(0);
  subscription["user_id"] = static_cast<Json::Int64>(row.integer(1));
  subscription["price_id"] = text_or_null(row, 2);
  subscription["status"] = row.str(3);
  subscription["current_period_end"] = time_or_null(row, 4);
  subscription["trial_end"] = time_or_null(row, 5);
  subscription["cancel_at_period_end"] = row.boolean(6);
  subscription["paused"] = row.boolean(7);
  subscription["canceled_at"] = time_or_null(row, 8);
  subscription["quantity"] = static_cast<Json::Int64>(row.integer(9));
  subscription["customer_id"] = row.str(10);
  subscription["created_at"] = iso_utc(row.integer(11));
  subscription["updated_at"] = iso_utc(row.integer(12));
  return subscription;
}

Json::Value order_json(const db::Row& row) {
  Json::Value order;
  order["order_id"] = static_cast<Json::Int64>(row.integer(0));
  order["checkout_session_id"] = row.str(1);
  order["user_id"] = integer_or_null(row, 2);
  order["price_id"] = text_or_null(row, 3);
  order["quantity"] = integer_or_null(row, 4);
  order["mode"] = row.str(5);
  order["amount_total"] = amount_or_null(row, 6, 7);
  order["currency"] = text_or_null(row, 7);
  order["payment_status"] = row.str(8);
  order["subscription_id"] = text_or_null(row, 9);
  order["created_at"] = iso_utc(row.integer(10));
  return order;
}

}  // namespace t2o::billing
