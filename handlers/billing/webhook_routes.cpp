#include "billing/webhook_routes.hpp"

#include "billing/webhook_service.hpp"
#include "billing/webhook_signature.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"

namespace t2o::billing {

Response stripe_webhook(Context& context, const Request& request) {
  const std::string& secret = context.config().stripe_webhook_secret;
  if (secret.empty()) throw ServiceUnavailable("Billing webhooks are not configured: STRIPE_WEBHOOK_SECRET is not set");
  // The signature covers the raw bytes, so it is checked before anything parses them.
  const SignatureCheck check = check_signature(request.header("stripe-signature"), request.body, secret, context.now());
  if (check != SignatureCheck::Valid) throw BadRequest(signature_error(check));

  const WebhookOutcome outcome = process_event(context.db(), json::parse(request.body));
  Json::Value body;
  body["success"] = true;
  body["received"] = true;
  body["duplicate"] = outcome.duplicate;
  return json_response(200, body);
}

}  // namespace t2o::billing
