#pragma once
// The catalogue: products and prices, created and changed at Stripe first and then
// copied locally; reads come from the local copy.
#include <json/json.h>

#include <optional>
#include <string>
#include <vector>

#include "billing/stripe_client.hpp"
#include "db/connection.hpp"
#include "util/utc_time.hpp"

namespace t2o::billing {

// A catalogue product, as kept locally.
struct Product {
  std::string product_id;
  std::string name;
  std::optional<std::string> description;
  bool active = true;
  UtcTime created_at;
  UtcTime updated_at;
};

// A price: amounts in minor units of its currency; no interval means one-time.
struct Price {
  std::string price_id;
  std::string product_id;
  std::optional<long long> unit_amount;
  std::string currency;
  std::optional<std::string> interval;
  long long interval_count = 1;
  std::optional<std::string> nickname;
  bool active = true;
  UtcTime created_at;
  UtcTime updated_at;
};

struct ProductInput {
  std::string name;
  std::optional<std::string> description;
  std::optional<bool> active;
};
struct ProductChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;  // "" clears it
  std::optional<bool> active;
};
struct PriceInput {
  std::string product_id;
  long long unit_amount = 0;  // minor units
  std::string currency = "usd";
  std::optional<std::string> interval;  // day | week | month | year; nullopt: one-time
  long long interval_count = 1;
  std::optional<std::string> nickname;
};
struct PriceChanges {
  std::optional<bool> active;
  std::optional<std::string> nickname;
};

// Request fields -> inputs; BadRequest naming the field that is missing or wrong.
ProductInput product_input(const Json::Value& fields);
ProductChanges product_changes(const Json::Value& fields);
// unit_amount is main-unit text ("10.99") or an exactly convertible number; `recurring` is
// an interval name ("month"), {"interval", "interval_count"?}, or absent/null/false.
PriceInput price_input(const Json::Value& fields);
// Only active and nickname: Stripe prices are immutable otherwise.
PriceChanges price_changes(const Json::Value& fields);

// Unknown ids are NotFound. Writes go to Stripe first and are then saved through `db`
// (the caller's transaction, or a plain connection).
Product create_product(db::Executor& db, StripeApi& stripe, const ProductInput& input);
Product edit_product(db::Executor& db, StripeApi& stripe, const std::string& product_id, const ProductChanges& changes);
// Stripe deletes only products without prices; one with prices is archived there
// (active=false). Either way the local product and its prices go. Returns true when archived.
bool delete_product(db::Executor& db, StripeApi& stripe, const std::string& product_id);
Product get_product(db::Executor& db, const std::string& product_id);
std::vector<Product> list_products(db::Executor& db);

// Stripe cannot delete prices: delete archives it there and removes it here.
Price create_price(db::Executor& db, StripeApi& stripe, const PriceInput& input);
Price edit_price(db::Executor& db, StripeApi& stripe, const std::string& price_id, const PriceChanges& changes);
void delete_price(db::Executor& db, StripeApi& stripe, const std::string& price_id);
Price get_price(db::Executor& db, const std::string& price_id);
// Every price, or those of one product (NotFound when the product is unknown).
std::vector<Price> list_prices(db::Executor& db, const std::optional<std::string>& product_id = std::nullopt);

}  // namespace t2o::billing
