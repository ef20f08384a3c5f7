#pragma once
// What every billing route shares: the 503 when Stripe is not configured, the request's
// fields, the process's Stripe client, and whose account a request acts on.
#include <json/json.h>

#include "billing/customers.hpp"
#include "billing/stripe_client.hpp"
#include "config/config.hpp"
#include "server/route.hpp"

namespace t2o::billing {

// ServiceUnavailable (503) unless STRIPE_SECRET_KEY is set. Billing cannot work without
// it; every other group runs on regardless.
void require_billing_configured(const Config& config);

// A route handler that answers 503 while billing is not configured, else runs `handler`.
template <Handler handler>
Response when_configured(Context& context, const Request& request) {
  require_billing_configured(context.config());
  return handler(context, request);
}

// The process's Stripe client for the configured base URL and key (one libcurl handle,
// kept alive between requests while those stay the same). Asking for it marks the
// request as having reached another service, so a lost database connection later in the
// request never runs it again (Stripe would see the call twice).
StripeApi& stripe_api(Context& context);

// The query parameters of a GET (as strings) or the parsed body of anything else, so the
// list routes read the same fields whichever method the client used.
Json::Value request_fields(const Request& request);

bool may_manage_users(const Context& context);

// The user a request acts on: the caller, or the user `user_id` or `email` names. Naming
// someone else needs manage_users (Forbidden otherwise, before anything is looked up);
// an unknown user is NotFound.
BillingUser target_user(const Context& context, const Json::Value& fields);

}  // namespace t2o::billing
