#pragma once
// Route handlers for the catalogue (API.md "Billing group"): products and prices.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::billing {

Response create_product(Context& context, const Request& request);
Response edit_product(Context& context, const Request& request);
Response delete_product(Context& context, const Request& request);
Response list_products(Context& context, const Request& request);
Response get_product(Context& context, const Request& request);

Response create_price(Context& context, const Request& request);
Response edit_price(Context& context, const Request& request);
Response delete_price(Context& context, const Request& request);
Response list_prices(Context& context, const Request& request);
Response get_price(Context& context, const Request& request);
Response prices_for_product(Context& context, const Request& request);

}  // namespace t2o::billing
