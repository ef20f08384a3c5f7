#include "billing/billing_access.hpp"

#include <memory>

#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"
#include "security/guard.hpp"
#include "util/text.hpp"

namespace t2o::billing {

void require_billing_configured(const Config& config) {
  if (config.stripe_secret_key.empty()) {
    throw ServiceUnavailable("Billing is not configured: STRIPE_SECRET_KEY is not set");
  }
}

StripeApi& stripe_api(Context& context) {
  context.db().note_side_effect();
  const Config& config = context.config();
  // One client (and libcurl handle) per process, replaced when it is asked for with other
  // settings than it was made with.
  static std::unique_ptr<HttpStripeClient> client;
  StripeSettings wanted{.api_base = config.stripe_api_base, .secret_key = config.stripe_secret_key};
  if (!client || client->settings() != wanted) client = std::make_unique<HttpStripeClient>(std::move(wanted));
  return *client;
}

Json::Value request_fields(const Request& request) {
  if (request.method != Method::Get && request.method != Method::Head) return parse_body(request);
  Json::Value fields(Json::objectValue);
  for (const auto& [name, value] : request.query) fields[name] = value;
  return fields;
}

bool may_manage_users(const Context& context) {
  return user_has_permission(context.db(), context.require_session().user_id, "manage_users");
}

BillingUser target_user(const Context& context, const Json::Value& fields) {
  const SessionInfo& session = context.require_session();
  const auto user_id = json::optional_int(fields, "user_id");
  const auto email = json::optional_string(fields, "email");
  const std::string wanted_email = email ? std::string(text::trim(*email)) : std::string();

  std::optional<BillingUser> caller = load_billing_user(context.db(), session.user_id);
  if (!caller) throw Unauthorized();
  const bool names_caller = user_id ? *user_id == caller->id
                                    : wanted_email.empty() || text::iequals(wanted_email, caller->email);
  if (names_caller) return *caller;
  if (!may_manage_users(context)) throw Forbidden();
  std::optional<BillingUser> user =
      user_id ? load_billing_user(context.db(), *user_id) : find_user_by_email(context.db(), wanted_email);
  if (!user) throw NotFound("User not found");
  return *user;
}

}  // namespace t2o::billing
