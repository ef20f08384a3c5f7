#include "billing/catalogue_service.hpp"

#include "billing/money.hpp"
#include "billing/reconcile.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

constexpr std::size_t kMaxNameLength = 250;
constexpr std::size_t kMaxDescriptionLength = 5000;
constexpr long long kMaxIntervalCount = 1095;  // Stripe's ceiling is three years of days

#define T2O_PRODUCT_COLUMNS \
  "product_id, name, description, active, epoch_us(created_at) AS created_at, epoch_us(updated_at) AS updated_at"
#define T2O_PRICE_COLUMNS                                                                                  \
  "price_id, product_id, unit_amount, currency, recurring_interval, recurring_interval_count, nickname, " \
  "active, epoch_us(created_at) AS created_at, epoch_us(updated_at) AS updated_at"

constexpr db::Query kSelectProduct =
    db::idempotent("SELECT " T2O_PRODUCT_COLUMNS " FROM billing_products WHERE product_id = $1");
constexpr db::Query kSelectProducts =
    db::idempotent("SELECT " T2O_PRODUCT_COLUMNS " FROM billing_products ORDER BY created_at, product_id");
// An upsert of Stripe's answer: the same statement twice leaves the same row.
constexpr db::Query kSaveProduct = db::idempotent(
    "INSERT INTO billing_products (product_id, name, description, active) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, "
    "    active = EXCLUDED.active, updated_at = now() RETURNING " T2O_PRODUCT_COLUMNS);
constexpr db::Query kSelectPrice =
    db::idempotent("SELECT " T2O_PRICE_COLUMNS " FROM billing_prices WHERE price_id = $1");
constexpr db::Query kSelectPrices =
    db::idempotent("SELECT " T2O_PRICE_COLUMNS " FROM billing_prices ORDER BY created_at, price_id");
constexpr db::Query kSelectProductPrices = db::idempotent(
    "SELECT " T2O_PRICE_COLUMNS " FROM billing_prices WHERE product_id = $1 ORDER BY created_at, price_id");
constexpr db::Query kSavePrice = db::idempotent(
    "INSERT INTO billing_prices (price_id, product_id, unit_amount, currency, recurring_interval, "
    "    recurring_interval_count, nickname, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (price_id) DO UPDATE SET nickname = EXCLUDED.nickname, active = EXCLUDED.active, "
    "    updated_at = now() RETURNING " T2O_PRICE_COLUMNS);
#undef T2O_PRODUCT_COLUMNS
#undef T2O_PRICE_COLUMNS
constexpr db::Query kProductExists = db::idempotent("SELECT 1 FROM billing_products WHERE product_id = $1");
constexpr db::Query kPriceExists = db::idempotent("SELECT 1 FROM billing_prices WHERE price_id = $1");
constexpr db::Query kProductHasPrices = db::idempotent(
    "SELECT EXISTS (SELECT 1 FROM billing_prices WHERE product_id = $1) AS has_prices");
constexpr const char* kDeleteProduct = "DELETE FROM billing_products WHERE product_id = $1";
constexpr const char* kDeletePrice = "DELETE FROM billing_prices WHERE price_id = $1";

Product product_from(const db::Row& row) {
  return {row.str("product_id"),   row.str("name"),          row.opt_str("description"),
          row.boolean("active"),   row.time("created_at"),   row.time("updated_at")};
}

Price price_from(const db::Row& row) {
  return {row.str("price_id"),
          row.str("product_id"),
          row.opt_integer("unit_amount"),
          row.str("currency"),
          row.opt_str("recurring_interval"),
          row.opt_integer("recurring_interval_count").value_or(1),
          row.opt_str("nickname"),
          row.boolean("active"),
          row.time("created_at"),
          row.time("updated_at")};
}

void require_object(const Json::Value& fields) {
  if (!fields.isObject()) throw BadRequest("Request body must be a JSON object");
}

std::optional<std::string> bounded_text(const Json::Value& fields, const char* name, std::size_t max_length) {
  auto value = json::optional_string(fields, name);
  if (value) {
    value = std::string(text::trim(*value));
    if (value->size() > max_length) {
      throw BadRequest(std::string(name) + " must be at most " + std::to_string(max_length) + " characters");
    }
  }
  return value;
}

std::string product_name(const Json::Value& fields) {
  std::string name = json::require_string(fields, "name");
  if (name.size() > kMaxNameLength) throw BadRequest("name must be at most " + std::to_string(kMaxNameLength) + " characters");
  return name;
}

std::optional<std::string> string_of(const Json::Value& value) {
  if (value.isString()) return value.asString();
  return std::nullopt;
}

// Stripe's answer -> local row.
Product save_product(db::Executor& db, const Json::Value& product) {
  const std::string id = product["id"].asString();
  return record_after_stripe("product write", id, [&] {
    return product_from(db.exec(kSaveProduct, {id, product["name"].asString(), string_of(product["description"]),
                                               !product["active"].isBool() || product["active"].asBool()})
                            .one_row());
  });
}

Price save_price(db::Executor& db, const Json::Value& price) {
  const std::string id = price["id"].asString();
  const Json::Value& product = price["product"];
  const Json::Value& recurring = price["recurring"];
  std::optional<std::string> interval;
  std::optional<long long> interval_count;
  if (recurring.isObject()) {
    interval = string_of(recurring["interval"]);
    interval_count = recurring["interval_count"].isIntegral() ? recurring["interval_count"].asInt64() : 1;
  }
  return record_after_stripe("price write", id, [&] {
    return price_from(db.exec(kSavePrice, {id, product.isObject() ? product["id"].asString() : product.asString(),
                                           price["unit_amount"].asInt64(), text::to_lower(price["currency"].asString()),
                                           interval, interval_count, string_of(price["nickname"]),
                                           !price["active"].isBool() || price["active"].asBool()})
                          .one_row());
  });
}

void require_id(const Json::Value& object, const char* what) {
  if (!object["id"].isString() || object["id"].asString().empty()) {
    throw StripeError(200, std::string("Stripe answered without a ") + what + " id");
  }
}

bool product_exists(db::Executor& db, const std::string& product_id) {
  return db.exec(kProductExists, {product_id}).size() == 1;
}

}  // namespace

ProductInput product_input(const Json::Value& fields) {
  require_object(fields);
  ProductInput input;
  input.name = product_name(fields);
  input.description = bounded_text(fields, "description", kMaxDescriptionLength);
  input.active = json::optional_bool(fields, "active");
  return input;
}

ProductChanges product_changes(const Json::Value& fields) {
  require_object(fields);
  ProductChanges changes;
  if (!fields["name"].isNull()) changes.name = product_name(fields);
  changes.description = bounded_text(fields, "description", kMaxDescriptionLength);
  changes.active = json::optional_bool(fields, "active");
  if (!changes.name && !changes.description && !changes.active) {
    throw BadRequest("Nothing to change: give name, description or active");
  }
  return changes;
}

PriceInput price_input(const Json::Value& fields) {
  require_object(fields);
  PriceInput input;
  input.product_id = json::require_string(fields, "product_id");
  if (auto currency = json::optional_string(fields, "currency")) input.currency = text::to_lower(text::trim(*currency));
  const auto decimals = currency_decimals(input.currency);
  if (!decimals) throw BadRequest("currency must be a three-letter ISO code such as \"usd\"");
  if (fields["unit_amount"].isNull()) throw BadRequest("unit_amount is required");
  const auto amount = amount_from_json(fields["unit_amount"], *decimals);
  if (!amount) {
    throw BadRequest("unit_amount must be a non-negative amount such as \"10.99\", with at most " +
                     std::to_string(*decimals) + " decimals and at most " + format_amount(kMaxMinorUnits, *decimals));
  }
  input.unit_amount = *amount;

  const Json::Value& recurring = fields["recurring"];
  if (recurring.isString()) {
    input.interval = text::to_lower(text::trim(recurring.asString()));
  } else if (recurring.isObject()) {
    input.interval = json::require_string(recurring, "interval");
    input.interval_count = json::optional_int(recurring, "interval_count").value_or(1);
  } else if (!recurring.isNull() && !(recurring.isBool() && !recurring.asBool())) {
    throw BadRequest("recurring must be an interval (\"month\") or {\"interval\", \"interval_count\"}");
  }
  if (input.interval && *input.interval != "day" && *input.interval != "week" && *input.interval != "month" &&
      *input.interval != "year") {
    throw BadRequest("recurring interval must be day, week, month or year");
  }
  if (input.interval_count < 1 || input.interval_count > kMaxIntervalCount) {
    throw BadRequest("recurring interval_count must be between 1 and " + std::to_string(kMaxIntervalCount));
  }
  input.nickname = bounded_text(fields, "nickname", kMaxNameLength);
  return input;
}

PriceChanges price_changes(const Json::Value& fields) {
  require_object(fields);
  for (const char* immutable : {"unit_amount", "currency", "recurring", "product_id"}) {
    if (!fields[immutable].isNull()) {
      throw BadRequest("A Stripe price's amount, currency, interval and product cannot change; create a new price");
    }
  }
  PriceChanges changes;
  changes.active = json::optional_bool(fields, "active");
  changes.nickname = bounded_text(fields, "nickname", kMaxNameLength);
  if (!changes.active && !changes.nickname) throw BadRequest("Nothing to change: give active or nickname");
  return changes;
}

Product create_product(db::Executor& db, StripeApi& stripe, const ProductInput& input) {
  Json::Value params;
  params["name"] = input.name;
  // Stripe refuses an empty description on create; leaving it out means "none".
  if (input.description && !input.description->empty()) params["description"] = *input.description;
  if (input.active) params["active"] = *input.active;
  const Json::Value product = stripe.post("/v1/products", params);
  require_id(product, "product");
  return save_product(db, product);
}

Product edit_product(db::Executor& db, StripeApi& stripe, const std::string& product_id, const ProductChanges& changes) {
  if (!product_exists(db, product_id)) throw NotFound("Product not found");
  Json::Value params(Json::objectValue);
  if (changes.name) params["name"] = *changes.name;
  if (changes.description) {
    params["description"] = changes.description->empty() ? Json::Value() : Json::Value(*changes.description);
  }
  if (changes.active) params["active"] = *changes.active;
  const Json::Value product = stripe.post(object_path("/v1/products", product_id), params);
  require_id(product, "product");
  return save_product(db, product);
}

bool delete_product(db::Executor& db, StripeApi& stripe, const std::string& product_id) {
  if (!product_exists(db, product_id)) throw NotFound("Product not found");
  const bool has_prices = db.exec(kProductHasPrices, {product_id}).one_row().boolean("has_prices");
  if (has_prices) {
    Json::Value params;
    params["active"] = false;
    stripe.post(object_path("/v1/products", product_id), params);
  } else {
    stripe.del(object_path("/v1/products", product_id));
  }
  record_after_stripe("product delete", product_id, [&] { db.exec(kDeleteProduct, {product_id}); });
  return has_prices;
}

Product get_product(db::Executor& db, const std::string& product_id) {
  auto row = db.exec(kSelectProduct, {product_id}).optional_row();
  if (!row) throw NotFound("Product not found");
  return product_from(*row);
}

std::vector<Product> list_products(db::Executor& db) {
  std::vector<Product> products;
  for (auto row : db.exec(kSelectProducts)) products.push_back(product_from(row));
  return products;
}

Price create_price(db::Executor& db, StripeApi& stripe, const PriceInput& input) {
  if (!product_exists(db, input.product_id)) throw NotFound("Product not found");
  Json::Value params;
  params["product"] = input.product_id;
  params["unit_amount"] = static_cast<Json::Int64>(input.unit_amount);
  params["currency"] = input.currency;
  if (input.interval) {
    params["recurring"]["interval"] = *input.interval;
    params["recurring"]["interval_count"] = static_cast<Json::Int64>(input.interval_count);
  }
  if (input.nickname && !input.nickname->empty()) params["nickname"] = *input.nickname;
  const Json::Value price = stripe.post("/v1/prices", params);
  require_id(price, "price");
  return save_price(db, price);
}

Price edit_price(db::Executor& db, StripeApi& stripe, const std::string& price_id, const PriceChanges& changes) {
  if (db.exec(kPriceExists, {price_id}).empty()) throw NotFound("Price not found");
  Json::Value params(Json::objectValue);
  if (changes.active) params["active"] = *changes.active;
  if (changes.nickname) params["nickname"] = changes.nickname->empty() ? Json::Value() : Json::Value(*changes.nickname);
  const Json::Value price = stripe.post(object_path("/v1/prices", price_id), params);
  require_id(price, "price");
  return save_price(db, price);
}

void delete_price(db::Executor& db, StripeApi& stripe, const std::string& price_id) {
  if (db.exec(kPriceExists, {price_id}).empty()) throw NotFound("Price not found");
  Json::Value params;
  params["active"] = false;
  stripe.post(object_path("/v1/prices", price_id), params);
  record_after_stripe("price archive", price_id, [&] { db.exec(kDeletePrice, {price_id}); });
}

Price get_price(db::Executor& db, const std::string& price_id) {
  auto row = db.exec(kSelectPrice, {price_id}).optional_row();
  if (!row) throw NotFound("Price not found");
  return price_from(*row);
}

std::vector<Price> list_prices(db::Executor& db, const std::optional<std::string>& product_id) {
  if (product_id && !product_exists(db, *product_id)) throw NotFound("Product not found");
  std::vector<Price> prices;
  for (auto row : product_id ? db.exec(kSelectProductPrices, {*product_id}) : db.exec(kSelectPrices)) {
    prices.push_back(price_from(row));
  }
  return prices;
}

}  // namespace t2o::billing
