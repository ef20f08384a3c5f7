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

  const Json::Value event = json::parse(request.body);
  const WebhookOutcome outcome =
      db::in_transaction(context.db(), [&](db::Transaction& tx) { return process_event(tx, event); });
  Json::Value fields;
  fields["received"] = true;
  fields["duplicate"] = outcome.duplicate;
  return success_with(fields);
}

}  // namespace t2o::billing
