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

Json::Value time_or_null(const std::optional<UtcTime>& time) { return time ? Json::Value(iso_utc(*time)) : Json::Value(); }

// {"subscription_id","user_id","price_id","status","current_period_end","trial_end",
//  "cancel_at_period_end","paused","canceled_at","quantity","customer_id","created_at","updated_at"}
Json::Value subscription_json(const Subscription& subscription) {
  Json::Value json;
  json["subscription_id"] = subscription.subscription_id;
  json["user_id"] = static_cast<Json::Int64>(subscription.user_id);
  json["price_id"] = subscription.price_id ? Json::Value(*subscription.price_id) : Json::Value();
  json["status"] = subscription.status;
  json["current_period_end"] = time_or_null(subscription.current_period_end);
  json["trial_end"] = time_or_null(subscription.trial_end);
  json["cancel_at_period_end"] = subscription.cancel_at_period_end;
  json["paused"] = subscription.paused;
  json["canceled_at"] = time_or_null(subscription.canceled_at);
  json["quantity"] = static_cast<Json::Int64>(subscription.quantity);
  json["customer_id"] = subscription.customer_id;
  json["created_at"] = iso_utc(subscription.created_at);
  json["updated_at"] = iso_utc(subscription.updated_at);
  return json;
}

Response with_subscription(const char* message, const Subscription& subscription) {
  Json::Value fields;
  fields["subscription"] = subscription_json(subscription);
  return success_with(fields, message);
}

Response with_list(const std::vector<Subscription>& subscriptions) {
  Json::Value fields;
  fields["subscriptions"] = Json::Value(Json::arrayValue);
  for (const Subscription& subscription : subscriptions) fields["subscriptions"].append(subscription_json(subscription));
  return success_with(fields);
}

}  // namespace

Response create_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  NewSubscription wanted{json::require_string(fields, "price_id"), json::optional_int(fields, "trial_period_days")};
  const BillingUser user = target_user(context, fields);
  const CreatedSubscription created = create_subscription(context.db(), stripe_api(context), user, wanted);
  Json::Value answer;
  answer["subscription"] = subscription_json(created.subscription);
  if (created.client_secret) answer["client_secret"] = *created.client_secret;
  return success_with(answer, "Subscription created", 201);
}

Response update_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const std::string new_price_id = json::require_string(fields, "new_price_id");
  const LocalSubscription subscription = requested_subscription(context, fields);
  return with_subscription("Subscription updated",
                           change_price(context.db(), stripe_api(context), subscription, new_price_id));
}

Response cancel_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription("Subscription canceled",
                           cancel_subscription(context.db(), stripe_api(context), subscription));
}

Response deactivate_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription("Subscription paused",
                           pause_subscription(context.db(), stripe_api(context), subscription));
}

Response reactivate_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  return with_subscription("Subscription resumed",
                           resume_subscription(context.db(), stripe_api(context), subscription));
}

Response delete_subscription(Context& context, const Request& request) {
  const LocalSubscription subscription = requested_subscription(context, request_fields(request));
  delete_subscription(context.db(), stripe_api(context), subscription);
  return success("Subscription deleted");
}

Response get_subscription(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  if (!subscription_id_field(fields)) throw BadRequest("subscription_id is required");
  const LocalSubscription subscription = requested_subscription(context, fields);
  Json::Value answer;
  answer["subscription"] = subscription_json(load_subscription(context.db(), subscription.id));
  return success_with(answer);
}

Response user_subscriptions(Context& context, const Request& request) {
  return with_list(list_subscriptions(context.db(), target_user(context, request_fields(request)).id));
}

Response all_subscriptions(Context& context, const Request&) {
  return with_list(list_subscriptions(context.db(), std::nullopt));
}

}  // namespace t2o::billing
