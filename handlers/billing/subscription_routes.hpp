#pragma once
// Route handlers for subscriptions (API.md "Billing group"). Each acts on the caller's own
// subscriptions; naming another user's (user_id, email or subscription_id) needs manage_users.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::billing {

Response create_subscription(Context& context, const Request& request);
Response update_subscription(Context& context, const Request& request);
Response cancel_subscription(Context& context, const Request& request);
Response deactivate_subscription(Context& context, const Request& request);
Response reactivate_subscription(Context& context, const Request& request);
Response delete_subscription(Context& context, const Request& request);
Response get_subscription(Context& context, const Request& request);
Response user_subscriptions(Context& context, const Request& request);
Response all_subscriptions(Context& context, const Request& request);

}  // namespace t2o::billing
