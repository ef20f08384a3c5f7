#include "billing/catalogue_routes.hpp"

#include "billing/billing_access.hpp"
#include "billing/catalogue_service.hpp"
#include "billing/money.hpp"
#include "json/json.hpp"

namespace t2o::billing {
namespace {

Json::Value text_or_null(const std::optional<std::string>& text) { return text ? Json::Value(*text) : Json::Value(); }

// {"product_id","name","description","active","created_at","updated_at"}
Json::Value product_json(const Product& product) {
  Json::Value json;
  json["product_id"] = product.product_id;
  json["name"] = product.name;
  json["description"] = text_or_null(product.description);
  json["active"] = product.active;
  json["created_at"] = iso_utc(product.created_at);
  json["updated_at"] = iso_utc(product.updated_at);
  return json;
}

// {"price_id","product_id","unit_amount","currency","recurring":{"interval","interval_count"}|null,
//  "type":"recurring"|"one_time","nickname","active","created_at","updated_at"}; the amount
// as decimal text in the currency's main unit ("10.99").
Json::Value price_json(const Price& price) {
  Json::Value json;
  json["price_id"] = price.price_id;
  json["product_id"] = price.product_id;
  json["unit_amount"] = price.unit_amount
                            ? Json::Value(format_amount(*price.unit_amount, currency_decimals(price.currency).value_or(2)))
                            : Json::Value();
  json["currency"] = price.currency;
  if (price.interval) {
    json["recurring"]["interval"] = *price.interval;
    json["recurring"]["interval_count"] = static_cast<Json::Int64>(price.interval_count);
    json["type"] = "recurring";
  } else {
    json["recurring"] = Json::Value();
    json["type"] = "one_time";
  }
  json["nickname"] = text_or_null(price.nickname);
  json["active"] = price.active;
  json["created_at"] = iso_utc(price.created_at);
  json["updated_at"] = iso_utc(price.updated_at);
  return json;
}

template <typename Item, typename Present>
Json::Value array_of(const std::vector<Item>& items, Present present) {
  Json::Value array(Json::arrayValue);
  for (const Item& item : items) array.append(present(item));
  return array;
}

Response with_field(const char* key, Json::Value value, const std::string& message = {}, int status = 200) {
  Json::Value fields;
  fields[key] = std::move(value);
  return success_with(fields, message, status);
}

}  // namespace

Response create_product(Context& context, const Request& request) {
  const ProductInput input = product_input(request_fields(request));
  return with_field("product", product_json(create_product(context.db(), stripe_api(context), input)),
                "Product created", 201);
}

Response edit_product(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string product_id = json::require_string(fields, "product_id");
  const ProductChanges changes = product_changes(fields);
  return with_field("product",
                product_json(edit_product(context.db(), stripe_api(context), product_id, changes)),
                "Product updated");
}

Response delete_product(Context& context, const Request& request) {
  const std::string product_id = json::require_string(request_fields(request), "product_id");
  const bool archived = delete_product(context.db(), stripe_api(context), product_id);
  return with_field("archived_at_stripe", archived, "Product deleted");
}

Response list_products(Context& context, const Request&) {
  return with_field("products", array_of(list_products(context.db()), product_json));
}

Response get_product(Context& context, const Request& request) {
  const std::string product_id = json::require_string(request_fields(request), "product_id");
  return with_field("product", product_json(get_product(context.db(), product_id)));
}

Response create_price(Context& context, const Request& request) {
  const PriceInput input = price_input(request_fields(request));
  return with_field("price", price_json(create_price(context.db(), stripe_api(context), input)), "Price created",
                201);
}

Response edit_price(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string price_id = json::require_string(fields, "price_id");
  Json::Value changeable = fields;
  changeable.removeMember("price_id");
  const PriceChanges changes = price_changes(changeable);
  return with_field("price", price_json(edit_price(context.db(), stripe_api(context), price_id, changes)),
                "Price updated");
}

Response delete_price(Context& context, const Request& request) {
  const std::string price_id = json::require_string(request_fields(request), "price_id");
  delete_price(context.db(), stripe_api(context), price_id);
  return success("Price deleted");
}

Response list_prices(Context& context, const Request&) {
  return with_field("prices", array_of(list_prices(context.db()), price_json));
}

Response get_price(Context& context, const Request& request) {
  const std::string price_id = json::require_string(request_fields(request), "price_id");
  return with_field("price", price_json(get_price(context.db(), price_id)));
}

Response prices_for_product(Context& context, const Request& request) {
  const std::string product_id = json::require_string(request_fields(request), "product_id");
  return with_field("prices", array_of(list_prices(context.db(), product_id), price_json));
}

}  // namespace t2o::billing
