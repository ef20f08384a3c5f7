#include "billing/checkout_routes.hpp"

#include "billing/billing_access.hpp"
#include "billing/checkout_service.hpp"
#include "errors/http_error.hpp"

namespace t2o::billing {

Response create_checkout_session(Context& context, const Request& request) {
  const Json::Value fields = request_fields(request);
  const CheckoutRequest wanted = checkout_request(fields);
  const BillingUser user = target_user(context, fields);
  Json::Value body =
      create_checkout_session(context.db(), stripe_api(context.config()), context.config(), user, wanted);
  body["success"] = true;
  return json_response(200, body);
}

Response checkout_success(Context& context, const Request& request) {
  const std::string* session_id = request.query_param("session_id");
  if (!session_id || session_id->empty()) throw BadRequest("session_id is required");
  Json::Value body;
  body["success"] = true;
  body["message"] = "Payment successful";
  body["order"] = complete_checkout(context.db(), stripe_api(context.config()), *session_id);
  return json_response(200, body);
}

Response checkout_cancel(Context&, const Request&) { return success("Payment canceled"); }

}  // namespace t2o::billing
