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
  Json::Value body;
  body["success"] = true;
  body["message"] = "2FA confirmation";
  body["uri"] = setup.uri;
  body["qr_svg"] = setup.qr_svg;
  return json_response(200, body);
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

  Json::Value answer;
  answer["success"] = true;
  answer["message"] = "2FA updated successfully";
  if (*enabled) {
    Json::Value codes(Json::arrayValue);
    for (const std::string& code : enable_twofa(context.db(), user_id, token, context.now())) codes.append(code);
    answer["recovery_codes"] = codes;
  } else {
    disable_twofa(context.db(), user_id, token, context.now());
  }
  return json_response(200, answer);
}

}  // namespace t2o::auth
