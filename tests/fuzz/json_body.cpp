// JSON request bodies: t2o::json::parse, and parse_body for Content-Type application/json.
// Malformed input must end in BadRequest; whatever parses must write out and parse back to
// the same value, and parse_body must agree with json::parse.
#include <optional>
#include <string>

#include "errors/http_error.hpp"
#include "fuzz_input.hpp"
#include "http/body.hpp"
#include "http/request.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace {

std::optional<Json::Value> parse_or_nothing(std::string_view text) {
  try {
    return t2o::json::parse(text);
  } catch (const t2o::BadRequest&) {
    return std::nullopt;
  }
}

std::optional<Json::Value> parse_body_or_nothing(std::string_view text) {
  t2o::Request request;
  request.method = t2o::Method::Post;
  request.method_text = "POST";
  request.headers["content-type"] = "application/json";
  request.body = std::string(text);
  try {
    return t2o::parse_body(request);
  } catch (const t2o::BadRequest&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using t2o::fuzz::require;
  const std::string_view text = t2o::fuzz::as_text(data, size);

  const std::optional<Json::Value> parsed = parse_or_nothing(text);
  if (parsed) {
    const std::optional<Json::Value> again = parse_or_nothing(t2o::json::write(*parsed));
    require(again && *again == *parsed, "json::write output parses back to the same value");
  }

  const std::optional<Json::Value> body = parse_body_or_nothing(text);
  if (t2o::text::trim(text).empty()) {
    require(body && body->isObject() && body->empty(), "a blank JSON body is an empty object");
  } else {
    require(body.has_value() == parsed.has_value(), "parse_body accepts what json::parse accepts");
    if (body) require(*body == *parsed, "parse_body gives json::parse's value");
  }
  return 0;
}
