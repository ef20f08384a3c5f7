// Query strings: parse_query_string, then the typed readers query_int and query_text on
// every parameter found and on the names the handlers use. Decoded parameters must
// encode and parse back to the same map; query_int stays within its range; query_text
// gives trimmed, non-blank, valid UTF-8 of at most max_chars characters, or a BadRequest.
#include <climits>
#include <map>
#include <string>

#include "errors/http_error.hpp"
#include "fuzz_input.hpp"
#include "http/query_params.hpp"
#include "http/request.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace {

using t2o::fuzz::require;

std::string encode(const std::map<std::string, std::string>& query) {
  std::string encoded;
  for (const auto& [name, value] : query) {
    if (!encoded.empty()) encoded += '&';
    encoded += t2o::text::url_encode(name) + '=' + t2o::text::url_encode(value);
  }
  return encoded;
}

void check_int(const t2o::Request& request, const char* name, long long min, long long max) {
  try {
    const auto number = t2o::query_int(request, name, min, max);
    require(!number || (*number >= min && *number <= max), "query_int stays within its range");
  } catch (const t2o::BadRequest&) {
    // Not a whole number in range: the 400 the handler answers.
  }
}

void check_text(const t2o::Request& request, const char* name, std::size_t max_chars) {
  try {
    const auto text = t2o::query_text(request, name, max_chars);
    if (!text) return;
    require(!text->empty() && t2o::text::trim(*text) == *text, "query_text is trimmed and not blank");
    require(t2o::text::clean_utf8(*text, text->size()) == *text, "query_text is valid UTF-8 without NUL");
    require(t2o::users::utf8_length(*text) <= max_chars, "query_text is at most max_chars long");
  } catch (const t2o::BadRequest&) {
    // Too long: the 400 the handler answers.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  t2o::Request request;
  request.query = t2o::parse_query_string(t2o::fuzz::as_text(data, size));
  require(t2o::parse_query_string(encode(request.query)) == request.query,
          "decoded parameters encode and parse back to themselves");

  // The handlers' own parameters and ranges (admin users, account logs) ...
  check_int(request, "page", 1, 10'000'000);
  check_int(request, "per_page", 1, 100);
  check_text(request, "level", 10);
  check_text(request, "user_email", 120);
  check_text(request, "q", 200);
  // ... and the first names the input brought, at the extremes (every one of thousands
  // would spend the run on exceptions, not on new paths).
  std::size_t names = 0;
  for (const auto& entry : request.query) {
    if (++names > 16) break;
    const char* name = entry.first.c_str();  // a name with a NUL is looked up cut short
    check_int(request, name, LLONG_MIN, LLONG_MAX);
    check_int(request, name, 0, 0);
    check_text(request, name, 1);
    check_text(request, name, 64);
  }
  return 0;
}
