#include "billing/subscription_routes.hpp"

#include "billing/billing_access.hpp"
#include "billing/subscription_service.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

std::optional<std::string> subscription_id_field(const Json::Value& fields) {
  auto id = json::optional_string(fields, "subscription_id");
  if (id) id = std::string(text::trim(*id));
  if (id && id->empty()) id.reset();
  return id;
}

// The subscription named by subscription_id (someone else's needs manage_users), else the
// only live subscription of the caller or of the user that user_id/email names.
LocalSubscription requested_subscription(const Context& context, const Json::Value& fields) {
  if (auto id = subscription_id_field(fields)) {
    LocalSubscription subscription = choose_subscription(context.db(), 0, id);
    if (subscription.user_id != context.require_session().user_id && !may_manage_users(context)) throw Forbidden();
    return subscription;
  }
  return choose_subscription(context.db(), target_user(context, fields).id, std::nullopt);
}

Response with_subscription(int status, const char* message, Json::Value subscription) {
  Json::Value body;
  body["success"] = true;
  body["message"] = message;
  body["subscription"] = std::move(subscription);
  return json_response(status, body);
}

Response with_list(Json::Value subscriptions) {
  Json::Value body;
  body["success"] = true;
  body["subscriptions"] = std::move(subscriptions);
  return json_response(200, body);
}

}  // namespace

Response create_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  NewSubscription wanted{json::require_string(fields, "price_id"), json::optional_int(fields, "trial_period_days")};
  const BillingUser user = target_user(context, fields);
  Json::Value body = create_subscription(context.db(), stripe_api(context.config()), user, wanted);
  body["success"] = true;
  body["message"] = "Subscription created";
  return json_response(201, body);
}

Response update_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string new_price_id = json::require_string(fields, "new_price_id");
  const LocalSubscription subscription = requested_subscription(context, fields);
  return with_subscription(200, "Subscription updated",
                           change_price(context.db(), stripe_api(context.config()), subscription, new_price_id));
}

Response cancel_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription(200, "Subscription canceled",
                           cancel_subscription(context.db(), stripe_api(context.config()), subscription));
}

Response deactivate_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription(200, "Subscription paused",
                           pause_subscription(context.db(), stripe_api(context.config()), subscription));
}

Response reactivate_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription(200, "Subscription resumed",
                           resume_subscription(context.db(), stripe_api(context.config()), subscription));
}

Response delete_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  delete_subscription(context.db(), stripe_api(context.config()), subscription);
  return success("Subscription deleted");
}

Response get_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  if (!subscription_id_field(fields)) throw BadRequest("subscription_id is required");
  const LocalSubscription subscription = requested_subscription(context, fields);
  Json::Value body;
  body["success"] = true;
  body["subscription"] = subscription_json_by_id(context.db(), subscription.id);
  return json_response(200, body);
}

Response user_subscriptions(Context& context, const Request& request) {
  return with_list(list_subscriptions(context.db(), target_user(context, request_fields(request)).id));
}

Response all_subscriptions(Context& context, const Request&) {
  return with_list(list_subscriptions(context.db(), std::nullopt));
}

}  // namespace t2o::billing
