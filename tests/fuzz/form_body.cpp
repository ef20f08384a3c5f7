// Form bodies: parse_urlencoded, parse_multipart and multipart_boundary, and parse_body
// choosing between them. Input: the Content-Type header, a newline, then the body.
// Malformed bodies must end in BadRequest; every field that comes out is a string.
#include <string>

#include "errors/http_error.hpp"
#include "fuzz_input.hpp"
#include "http/body.hpp"
#include "http/request.hpp"

namespace {

bool all_strings(const Json::Value& fields) {
  if (!fields.isObject()) return false;
  for (const Json::Value& field : fields) {
    if (!field.isString()) return false;
  }
  return true;
}

// True when `part` is a view into `whole` (multipart_boundary returns a piece of its input).
bool lies_within(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
  const auto at = reinterpret_cast<std::uintptr_t>(part.data());
  return at >= begin && at + part.size() <= begin + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using t2o::fuzz::require;
  const auto [content_type, body] = t2o::fuzz::split_first_line(t2o::fuzz::as_text(data, size));

  require(all_strings(t2o::parse_urlencoded(body)), "urlencoded fields are strings");

  const std::string_view boundary = t2o::multipart_boundary(content_type);
  require(lies_within(boundary, content_type), "the boundary is a piece of the header");
  try {
    require(all_strings(t2o::parse_multipart(body, boundary)), "multipart fields are strings");
  } catch (const t2o::BadRequest&) {
    // Malformed multipart: the 400 the handler answers.
  }

  t2o::Request request;
  request.method = t2o::Method::Post;
  request.method_text = "POST";
  request.headers["content-type"] = std::string(content_type);
  request.body = std::string(body);
  try {
    const Json::Value fields = t2o::parse_body(request);
    const std::string type = request.content_type();
    if (type == "application/x-www-form-urlencoded" || type == "multipart/form-data") {
      require(all_strings(fields), "form fields are strings");
    }
  } catch (const t2o::BadRequest&) {
    // Malformed body of whichever type the header named.
  }
  return 0;
}
