#include "billing/checkout_service.hpp"

#include <algorithm>

#include "billing/order_store.hpp"
#include "billing/reconcile.hpp"
#include "config/dashboard_pages.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

constexpr long long kMaxQuantity = 999;
constexpr db::Query kSelectPriceUse = db::idempotent(
    "SELECT active, recurring_interval IS NOT NULL AS recurring FROM billing_prices WHERE price_id = $1");

bool looks_like_session_id(const std::string& id) {
  return id.size() > 3 && id.size() <= 255 && id.starts_with("cs_") &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
         });
}

}  // namespace

CheckoutRequest checkout_request(const Json::Value& fields) {
  CheckoutRequest request;
  request.price_id = json::require_string(fields, "price_id");
  request.quantity = json::optional_int(fields, "quantity").value_or(1);
  if (request.quantity < 1 || request.quantity > kMaxQuantity) throw BadRequest("quantity must be between 1 and " + std::to_string(kMaxQuantity));
  if (auto mode = json::optional_string(fields, "mode")) {
    request.mode = text::to_lower(text::trim(*mode));
    if (*request.mode != "payment" && *request.mode != "subscription") {
      throw BadRequest("mode must be payment or subscription");
    }
  }
  return request;
}

CheckoutSession create_checkout_session(db::Executor& db, StripeApi& stripe, const Config& config,
                                        const BillingUser& user, const CheckoutRequest& request) {
  auto price = db.exec(kSelectPriceUse, {request.price_id}).optional_row();
  if (!price) throw NotFound("Price not found");
  if (!price->boolean("active")) throw BadRequest("Price is not active");
  const bool recurring = price->boolean("recurring");
  const std::string mode = request.mode.value_or(recurring ? "subscription" : "payment");
  if ((mode == "subscription") != recurring) {
    throw BadRequest(recurring ? "A recurring price needs mode subscription" : "A one-time price needs mode payment");
  }

  Json::Value params;
  params["mode"] = mode;
  params["line_items"][0]["price"] = request.price_id;
  params["line_items"][0]["quantity"] = static_cast<Json::Int64>(request.quantity);
  // Back to the dashboard's pages; the success page calls GET /checkout-success.
  params["success_url"] = config.public_base_url + dashboard::kCheckoutSuccessPage;
  params["cancel_url"] = config.public_base_url + dashboard::kCheckoutCancelPage;
  params["client_reference_id"] = std::to_string(user.id);
  // The order is rebuilt from the session alone, by /checkout-success or the webhook.
  params["metadata"]["user_id"] = std::to_string(user.id);
  params["metadata"]["price_id"] = request.price_id;
  params["metadata"]["quantity"] = std::to_string(request.quantity);
  if (auto customer = find_customer(db, user.id)) {
    params["customer"] = *customer;
  } else {
    params["customer_email"] = user.email;
    // Without this a one-time payment may leave no customer to remember for the user.
    if (mode == "payment") params["customer_creation"] = "always";
  }
  if (mode == "subscription") params["subscription_data"]["metadata"]["user_id"] = std::to_string(user.id);

  const Json::Value session = stripe.post("/v1/checkout/sessions", params);
  if (!session["url"].isString() || !session["id"].isString()) {
    throw StripeError(200, "Stripe answered without a checkout URL");
  }
  return CheckoutSession{session["url"].asString(), session["id"].asString()};
}

Order complete_checkout(db::Executor& db, StripeApi& stripe, const std::string& session_id) {
  if (!looks_like_session_id(session_id)) throw BadRequest("session_id is not a Checkout Session id");
  const Json::Value session = stripe.get(object_path("/v1/checkout/sessions", session_id));
  if (!checkout_session_paid(session)) throw BadRequest("Payment has not been completed");
  auto order = record_after_stripe("checkout", session_id, [&] { return record_order(db, session); });
  if (!order) throw BadRequest("Payment has not been completed");
  return *order;
}

}  // namespace t2o::billing
