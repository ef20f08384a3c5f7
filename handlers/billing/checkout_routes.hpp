#pragma once
// Route handlers for Stripe Checkout (API.md "Billing group").
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::billing {

Response create_checkout_session(Context& context, const Request& request);
// Where Stripe sends the customer back: GET /checkout-success?session_id=cs_...
Response checkout_success(Context& context, const Request& request);
Response checkout_cancel(Context& context, const Request& request);

}  // namespace t2o::billing
