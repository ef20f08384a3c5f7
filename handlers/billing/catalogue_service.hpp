#pragma once
// The catalogue: products and prices, created and changed at Stripe first and then
// copied locally; reads come from the local copy.
#include <json/json.h>

#include <optional>
#include <string>

#include "billing/stripe_client.hpp"
#include "db/connection.hpp"

namespace t2o::billing {

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

// PRODUCT JSON. Unknown ids are NotFound.
Json::Value create_product(db::Connection& db, StripeApi& stripe, const ProductInput& input);
Json::Value edit_product(db::Connection& db, StripeApi& stripe, const std::string& product_id,
                         const ProductChanges& changes);
// Stripe deletes only products without prices; one with prices is archived there
// (active=false). Either way the local product and its prices go. Returns true when archived.
bool delete_product(db::Connection& db, StripeApi& stripe, const std::string& product_id);
Json::Value get_product(db::Connection& db, const std::string& product_id);
Json::Value list_products(db::Connection& db);

// PRICE JSON. Stripe cannot delete prices: delete archives it there and removes it here.
Json::Value create_price(db::Connection& db, StripeApi& stripe, const PriceInput& input);
Json::Value edit_price(db::Connection& db, StripeApi& stripe, const std::string& price_id, const PriceChanges& changes);
void delete_price(db::Connection& db, StripeApi& stripe, const std::string& price_id);
Json::Value get_price(db::Connection& db, const std::string& price_id);
// Every price, or those of one product (NotFound when the product is unknown).
Json::Value list_prices(db::Connection& db, const std::optional<std::string>& product_id = std::nullopt);

}  // namespace t2o::billing
