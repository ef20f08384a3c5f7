#include "routing/openapi_access.hpp"

#include "errors/http_error.hpp"
#include "session/csrf.hpp"
#include "session/session_store.hpp"

namespace t2o::routing {
namespace {

Json::Value error_response(const std::string& description) {
  Json::Value response;
  response["description"] = description;
  response["content"]["application/json"]["schema"]["$ref"] = "#/components/schemas/Error";
  return response;
}

void add_error_response(Json::Value& responses, const char* status, const std::string& description) {
  Json::Value& response = responses[status];
  if (response.isNull()) {
    response = error_response(description);
  } else {
    response["description"] = response["description"].asString() + " " + description;
  }
}

Json::Value api_key_scheme(const char* in, const char* name, const char* description) {
  Json::Value scheme;
  scheme["type"] = "apiKey";
  scheme["in"] = in;
  scheme["name"] = name;
  scheme["description"] = description;
  return scheme;
}

// " (`Unauthorized access`)." closing the sentence that names the refusal.
std::string with_message(const std::string& message) { return " (`" + message + "`)."; }

}  // namespace

Json::Value security_schemes() {
  Json::Value schemes;
  schemes[kSessionScheme] = api_key_scheme(
      "cookie", kSessionCookie,
      "The opaque session token `POST /login` sets (HttpOnly, SameSite=Lax, Secure over HTTPS); "
      "the server keeps only its hash.");
  schemes[kCsrfScheme] = api_key_scheme(
      "header", kCsrfHeader,
      "The session's CSRF token, as `POST /login` and `GET /csrf_token` return it in `csrf_token`. "
      "Every POST, PUT, PATCH and DELETE carries it, except on the routes API.md exempts.");
  return schemes;
}

Json::Value security_requirements(const Route& route) {
  Json::Value requirements(Json::arrayValue);
  Json::Value requirement(Json::objectValue);
  if (route.access.needs_session) requirement[kSessionScheme] = Json::Value(Json::arrayValue);
  if (checks_csrf(route)) requirement[kCsrfScheme] = Json::Value(Json::arrayValue);
  if (!requirement.empty()) requirements.append(requirement);
  return requirements;
}

void add_access_responses(const Route& route, Json::Value& responses) {
  if (route.access.needs_session) {
    add_error_response(responses, "401", "Not logged in" + with_message(Unauthorized().what()));
  }
  if (!route.access.permission.empty()) {
    const std::string lacks = "Lacks the `" + std::string(route.access.permission) + "` permission";
    add_error_response(responses, "403", lacks + with_message(Forbidden().what()));
  }
  if (checks_csrf(route)) add_error_response(responses, "403", "No valid CSRF header" + with_message(kCsrfFailed));
  if (route.edge_limit == EdgeLimit::Credentials) {
    add_error_response(responses, "429",
                       "Too many requests from this address: nginx's brake on the credential routes.");
  }
  if (is_state_changing(route.method)) add_error_response(responses, "413", "A body over 1 MiB, refused by nginx.");
}

std::string access_description(const Route& route) {
  std::string text;
  if (!route.access.permission.empty()) {
    text = "Needs a session and the `" + std::string(route.access.permission) + "` permission.";
  } else if (route.access.needs_session) {
    text = "Needs a session.";
  } else {
    text = "Public: no session needed.";
  }
  if (checks_csrf(route)) {
    text += " Send the session's CSRF token in the `" + std::string(kCsrfHeader) + "` header.";
  } else if (is_state_changing(route.method)) {
    text += " Exempt from the CSRF check.";
  }
  if (route.edge_limit == EdgeLimit::Credentials) text += " Rate-limited per client address by nginx.";
  return text;
}

}  // namespace t2o::routing
