#include "billing/checkout_routes.hpp"

#include "billing/billing_access.hpp"
#include "billing/checkout_service.hpp"
#include "billing/money.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {
namespace {

// {"order_id","checkout_session_id","user_id","price_id","quantity","mode","amount_total",
//  "currency","payment_status","subscription_id","created_at"}
Json::Value order_json(const Order& order) {
  Json::Value json;
  json["order_id"] = static_cast<Json::Int64>(order.order_id);
  json["checkout_session_id"] = order.checkout_session_id;
  json["user_id"] = order.user_id ? Json::Value(static_cast<Json::Int64>(*order.user_id)) : Json::Value();
  json["price_id"] = order.price_id ? Json::Value(*order.price_id) : Json::Value();
  json["quantity"] = order.quantity ? Json::Value(static_cast<Json::Int64>(*order.quantity)) : Json::Value();
  json["mode"] = order.mode;
  const int decimals = currency_decimals(order.currency.value_or("usd")).value_or(2);
  json["amount_total"] = order.amount_total ? Json::Value(format_amount(*order.amount_total, decimals)) : Json::Value();
  json["currency"] = order.currency ? Json::Value(*order.currency) : Json::Value();
  json["payment_status"] = order.payment_status;
  json["subscription_id"] = order.subscription_id ? Json::Value(*order.subscription_id) : Json::Value();
  json["created_at"] = iso_utc(order.created_at);
  return json;
}

}  // namespace

Response create_checkout_session(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const CheckoutRequest wanted = checkout_request(fields);
  const BillingUser user = target_user(context, fields);
  const CheckoutSession session =
      create_checkout_session(context.db(), stripe_api(context), context.config(), user, wanted);
  Json::Value answer;
  answer["checkout_url"] = session.checkout_url;
  answer["session_id"] = session.session_id;
  return success_with(answer);
}

Response checkout_success(Context& context, const Request& request) {
  const std::string* session_id = request.query_param("session_id");
  if (!session_id || session_id->empty()) throw BadRequest("session_id is required");
  Json::Value fields;
  fields["order"] = order_json(complete_checkout(context.db(), stripe_api(context), *session_id));
  return success_with(fields, "Payment successful");
}

Response checkout_cancel(Context&, const Request&) { return success("Payment canceled"); }

}  // namespace t2o::billing
