#include "http/query_params.hpp"

#include "errors/http_error.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o {

std::optional<long long> query_int(const Request& request, const char* name, long long min, long long max) {
  const std::string* value = request.query_param(name);
  if (!value || text::trim(*value).empty()) return std::nullopt;
  const auto number = text::parse_int(text::trim(*value));
  if (!number || *number < min || *number > max) {
    throw BadRequest(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max));
  }
  return number;
}

std::optional<std::string> query_text(const Request& request, const char* name, std::size_t max_chars) {
  const std::string* value = request.query_param(name);
  if (!value) return std::nullopt;
  // Cleaned before it is trimmed: cleaning turns a NUL into a space, and "%00" or "a%00"
  // must come out as blank and as "a", not as " " and "a ".
  const std::string cleaned = text::clean_utf8(*value, value->size());
  const std::string trimmed(text::trim(cleaned));
  if (trimmed.empty()) return std::nullopt;
  if (users::utf8_length(trimmed) > max_chars) throw BadRequest(std::string(name) + " is too long");
  return trimmed;
}

}  // namespace t2o
