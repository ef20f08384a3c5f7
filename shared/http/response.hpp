#pragma once
// The response a handler returns; the FastCGI layer writes it out.
#include <json/json.h>

#include <string>
#include <utility>
#include <vector>

namespace t2o {

struct CookieOptions {
  long long max_age = -1;  // -1: session cookie; 0: expire now
  bool http_only = true;
  bool secure = false;
  const char* same_site = "Lax";
  const char* path = "/";
};

// One Set-Cookie header value; `value` must already be cookie-safe (we only set tokens).
std::string format_set_cookie(const std::string& name, const std::string& value, const CookieOptions& options);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";

  void set_cookie(const std::string& name, const std::string& value, const CookieOptions& options) {
    headers.emplace_back("Set-Cookie", format_set_cookie(name, value, options));
  }
  void add_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// A JSON response with the given status.
Response json_response(int status, const Json::Value& body);

// API.md's success shape, the one way every group answers a success: the answer's own
// `fields` (an object), "success": true, and "message" unless it is empty.
Response success_with(Json::Value fields, const std::string& message = {}, int status = 200);
// {"success": true, "message": message} with the given status.
Response success(const std::string& message, int status = 200);
// The error shape: {"success": false, "message": m, "error": m}.
Json::Value error_body(const std::string& message);
Response error_response(int status, const std::string& message);

const char* status_text(int status);

}  // namespace t2o
