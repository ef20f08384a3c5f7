#include "http/request.hpp"

#include "util/text.hpp"

namespace t2o {

Method parse_method(std::string_view name) {
  if (name == "GET") return Method::Get;
  if (name == "POST") return Method::Post;
  if (name == "PUT") return Method::Put;
  if (name == "PATCH") return Method::Patch;
  if (name == "DELETE") return Method::Delete;
  if (name == "HEAD") return Method::Head;
  if (name == "OPTIONS") return Method::Options;
  return Method::Other;
}

std::string_view method_name(Method method) {
  switch (method) {
    case Method::Get: return "GET";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Head: return "HEAD";
    case Method::Options: return "OPTIONS";
    case Method::Other: break;
  }
  return "OTHER";
}

bool is_state_changing(Method method) {
  return method == Method::Post || method == Method::Put || method == Method::Patch ||
         method == Method::Delete;
}

const std::string& Request::header(const std::string& lower_name) const {
  static const std::string empty;
  const auto found = headers.find(lower_name);
  return found == headers.end() ? empty : found->second;
}

const std::string* Request::cookie(const std::string& name) const {
  const auto found = cookies.find(name);
  return found == cookies.end() ? nullptr : &found->second;
}

const std::string* Request::query_param(const std::string& name) const {
  const auto found = query.find(name);
  return found == query.end() ? nullptr : &found->second;
}

std::string Request::content_type() const {
  std::string_view value = header("content-type");
  value = value.substr(0, value.find(';'));
  return text::to_lower(text::trim(value));
}

std::map<std::string, std::string> parse_query_string(std::string_view query) {
  std::map<std::string, std::string> result;
  if (query.empty()) return result;
  for (std::string_view pair : text::split(query, '&')) {
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    std::string name = text::url_decode(pair.substr(0, equals), true);
    std::string value = equals == std::string_view::npos ? std::string() : text::url_decode(pair.substr(equals + 1), true);
    result.emplace(std::move(name), std::move(value));
  }
  return result;
}

std::map<std::string, std::string> parse_cookie_header(std::string_view header) {
  std::map<std::string, std::string> cookies;
  for (std::string_view part : text::split(header, ';')) {
    part = text::trim(part);
    const auto equals = part.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    std::string_view value = text::trim(part.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    cookies.emplace(std::string(text::trim(part.substr(0, equals))), std::string(value));
  }
  return cookies;
}

}  // namespace t2o
