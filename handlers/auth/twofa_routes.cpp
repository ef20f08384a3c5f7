// GET /twofa_uri and POST /update_twofa (API.md "Auth group", TOTP rules).
#include "auth/auth_routes.hpp"
#include "auth/token_field.hpp"
#include "auth/twofa_service.hpp"
#include "errors/http_error.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::auth {

Response twofa_uri(Context& context, const Request&) {
  const TwofaSetup setup = begin_twofa_setup(context.db(), context.config(), context.require_session().user_id);
  Json::Value fields;
  fields["uri"] = setup.uri;
  fields["qr_svg"] = setup.qr_svg;
  return success_with(fields, "2FA confirmation");
}

Response update_twofa(Context& context, const Request& request) {
  const long long user_id = context.require_session().user_id;
  std::optional<bool> enabled;
  std::string token;
  try {
    const Json::Value body = parse_body(request);
    enabled = json::optional_bool(body, "enabled");
    token = second_factor_token(body).value_or("");
  } catch (const BadRequest&) {
    throw BadRequest(kTwofaUpdateFailed);
  }
  if (!enabled || token.empty()) throw BadRequest(kTwofaUpdateFailed);

  Json::Value fields;
  if (*enabled) {
    const std::vector<std::string> codes = db::in_transaction(
        context.db(), [&](db::Transaction& tx) { return enable_twofa(tx, context.config(), user_id, token, context.now()); });
    fields["recovery_codes"] = Json::Value(Json::arrayValue);
    for (const std::string& code : codes) fields["recovery_codes"].append(code);
  } else {
    db::in_transaction(context.db(), [&](db::Transaction& tx) { disable_twofa(tx, context.config(), user_id, token, context.now()); });
  }
  return success_with(fields, "2FA updated successfully");
}

}  // namespace t2o::auth
