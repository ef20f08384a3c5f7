#include "http/body.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o {

Json::Value parse_urlencoded(std::string_view body) {
  Json::Value fields(Json::objectValue);
  for (auto& [name, value] : parse_query_string(body)) fields[name] = value;
  return fields;
}

std::string_view multipart_boundary(std::string_view content_type_header) {
  for (std::string_view parameter : text::split(content_type_header, ';')) {
    parameter = text::trim(parameter);
    if (parameter.size() > 9 && text::iequals(parameter.substr(0, 9), "boundary=")) {
      std::string_view boundary = parameter.substr(9);
      if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
        boundary = boundary.substr(1, boundary.size() - 2);
      }
      return boundary;
    }
  }
  return {};
}

// Value of a `key="value"` parameter in a Content-Disposition header.
static std::optional<std::string> disposition_parameter(std::string_view header, std::string_view key) {
  for (std::string_view parameter : text::split(header, ';')) {
    parameter = text::trim(parameter);
    if (parameter.size() > key.size() && text::iequals(parameter.substr(0, key.size()), key) &&
        parameter[key.size()] == '=') {
      std::string_view value = parameter.substr(key.size() + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
  }
  return std::nullopt;
}

Json::Value parse_multipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 200) throw BadRequest("Invalid multipart body");
  const std::string delimiter = "--" + std::string(boundary);
  Json::Value fields(Json::objectValue);

  std::size_t position = body.find(delimiter);
  if (position == std::string_view::npos) throw BadRequest("Invalid multipart body");
  while (true) {
    position += delimiter.size();
    if (body.substr(position, 2) == "--") return fields;  // closing delimiter
    if (body.substr(position, 2) != "\r\n") throw BadRequest("Invalid multipart body");
    position += 2;

    const std::size_t headers_end = body.find("\r\n\r\n", position);
    if (headers_end == std::string_view::npos) throw BadRequest("Invalid multipart body");
    const std::string_view part_headers = body.substr(position, headers_end - position);
    const std::size_t content_start = headers_end + 4;
    const std::size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) throw BadRequest("Invalid multipart body");
    const std::string_view content = body.substr(content_start, next - content_start);

    std::optional<std::string> name;
    bool is_file = false;
    for (std::string_view line : text::split(part_headers, '\n')) {
      line = text::trim(line);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      if (!text::iequals(text::trim(line.substr(0, colon)), "content-disposition")) continue;
      const std::string_view value = line.substr(colon + 1);
      name = disposition_parameter(value, "name");
      is_file = disposition_parameter(value, "filename").has_value();
    }
    if (name && !is_file) fields[*name] = std::string(content);
    position = next + 2;
  }
}

Json::Value parse_body(const Request& request) {
  const std::string type = request.content_type();
  if (type == "application/x-www-form-urlencoded") return parse_urlencoded(request.body);
  if (type == "multipart/form-data") {
    return parse_multipart(request.body, multipart_boundary(request.header("content-type")));
  }
  if (text::trim(request.body).empty()) return Json::Value(Json::objectValue);
  // application/json, or a client that forgot the header: JSON is the API's default.
  return json::parse(request.body);
}

}  // namespace t2o
