#pragma once
// POST /stripe/webhook: no session and no CSRF token; the Stripe-Signature header proves
// the sender instead.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::billing {

Response stripe_webhook(Context& context, const Request& request);

}  // namespace t2o::billing
