#include "http/response.hpp"

#include "json/json.hpp"

namespace t2o {

std::string format_set_cookie(const std::string& name, const std::string& value, const CookieOptions& options) {
  std::string cookie = name + "=" + value + "; Path=" + options.path;
  if (options.max_age >= 0) {
    cookie += "; Max-Age=" + std::to_string(options.max_age);
    // Expires for old clients; a fixed date in the past when deleting.
    if (options.max_age == 0) cookie += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  }
  if (options.http_only) cookie += "; HttpOnly";
  if (options.secure) cookie += "; Secure";
  cookie += "; SameSite=";
  cookie += options.same_site;
  return cookie;
}

Response json_response(int status, const Json::Value& body) {
  Response response;
  response.status = status;
  response.body = json::write(body);
  return response;
}

Response success_with(Json::Value fields, const std::string& message, int status) {
  if (!fields.isObject()) fields = Json::Value(Json::objectValue);
  fields["success"] = true;
  if (!message.empty()) fields["message"] = message;
  return json_response(status, fields);
}

Response success(const std::string& message, int status) {
  return success_with(Json::Value(Json::objectValue), message, status);
}

Json::Value error_body(const std::string& message) {
  Json::Value body;
  body["success"] = false;
  body["message"] = message;
  body["error"] = message;
  return body;
}

Response error_response(int status, const std::string& message) {
  return json_response(status, error_body(message));
}

const char* status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace t2o
