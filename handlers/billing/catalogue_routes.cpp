#include "billing/catalogue_routes.hpp"

#include "billing/billing_access.hpp"
#include "billing/catalogue_service.hpp"
#include "json/json.hpp"

namespace t2o::billing {
namespace {

Response answer(int status, const char* message, const char* key, Json::Value value) {
  Json::Value body;
  body["success"] = true;
  if (message) body["message"] = message;
  body[key] = std::move(value);
  return json_response(status, body);
}

}  // namespace

Response create_product(Context& context, const Request& request) {
  const ProductInput input = product_input(request_fields(request));
  return answer(201, "Product created", "product", create_product(context.db(), stripe_api(context.config()), input));
}

Response edit_product(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string product_id = json::require_string(fields, "product_id");
  const ProductChanges changes = product_changes(fields);
  return answer(200, "Product updated", "product",
                edit_product(context.db(), stripe_api(context.config()), product_id, changes));
}

Response delete_product(Context& context, const Request& request) {
  const std::string product_id = json::require_string(request_fields(request), "product_id");
  const bool archived = delete_product(context.db(), stripe_api(context.config()), product_id);
  return answer(200, "Product deleted", "archived_at_stripe", archived);
}

Response list_products(Context& context, const Request&) {
  return answer(200, nullptr, "products", list_products(context.db()));
}

Response get_product(Context& context, const Request& request) {
  return answer(200, nullptr, "product",
                get_product(context.db(), json::require_string(request_fields(request), "product_id")));
}

Response create_price(Context& context, const Request& request) {
  const PriceInput input = price_input(request_fields(request));
  return answer(201, "Price created", "price", create_price(context.db(), stripe_api(context.config()), input));
}

Response edit_price(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string price_id = json::require_string(fields, "price_id");
  Json::Value changeable = fields;
  changeable.removeMember("price_id");
  const PriceChanges changes = price_changes(changeable);
  return answer(200, "Price updated", "price", edit_price(context.db(), stripe_api(context.config()), price_id, changes));
}

Response delete_price(Context& context, const Request& request) {
  const std::string price_id = json::require_string(request_fields(request), "price_id");
  delete_price(context.db(), stripe_api(context.config()), price_id);
  return success("Price deleted");
}

Response list_prices(Context& context, const Request&) {
  return answer(200, nullptr, "prices", list_prices(context.db()));
}

Response get_price(Context& context, const Request& request) {
  return answer(200, nullptr, "price", get_price(context.db(), json::require_string(request_fields(request), "price_id")));
}

Response prices_for_product(Context& context, const Request& request) {
  const std::string product_id = json::require_string(request_fields(request), "product_id");
  return answer(200, nullptr, "prices", list_prices(context.db(), product_id));
}

}  // namespace t2o::billing
