#pragma once
// A plain HTTP request as a handler sees it; the FastCGI layer fills it in.
#include <map>
#include <string>
#include <string_view>

namespace t2o {

enum class Method { Get, Post, Put, Patch, Delete, Head, Options, Other };

Method parse_method(std::string_view name);
std::string_view method_name(Method method);
bool is_state_changing(Method method);  // POST, PUT, PATCH, DELETE

struct Request {
  Method method = Method::Get;
  std::string method_text = "GET";
  std::string path;                                  // decoded path, no query
  std::map<std::string, std::string> query;          // decoded query parameters
  std::map<std::string, std::string> headers;        // lower-case names
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> path_params;    // filled by the router
  std::string client_ip;
  bool https = false;
  std::string request_id;
  std::string body;

  // Header value or "" (name in lower case).
  const std::string& header(const std::string& lower_name) const;
  const std::string* cookie(const std::string& name) const;
  const std::string* query_param(const std::string& name) const;
  std::string content_type() const;  // media type only, lower case, no parameters
};

// Parses "a=1&b=two" (application/x-www-form-urlencoded rules).
std::map<std::string, std::string> parse_query_string(std::string_view query);
// Parses a Cookie header; the first occurrence of a name wins.
std::map<std::string, std::string> parse_cookie_header(std::string_view header);

}  // namespace t2o
