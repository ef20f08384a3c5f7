#include "board/fields.hpp"

#include "errors/http_error.hpp"
#include "users/validation.hpp"
#include "util/text.hpp"

namespace t2o::board {

std::string checked_name(std::string_view value, const char* field) {
  const std::string_view trimmed = text::trim(value);
  if (trimmed.empty()) throw BadRequest(std::string(field) + " is required");
  // Characters, not bytes: the column is varchar(200).
  if (users::utf8_length(trimmed) > kMaxNameLength) {
    throw BadRequest(std::string(field) + " must be at most " + std::to_string(kMaxNameLength) + " characters");
  }
  return std::string(trimmed);
}

std::string checked_description(std::string_view value) {
  if (users::utf8_length(value) > kMaxDescriptionLength) {
    throw BadRequest("description must be at most " + std::to_string(kMaxDescriptionLength) + " characters");
  }
  return std::string(value);
}

std::optional<long long> checked_position(std::optional<long long> requested, const char* field) {
  if (!requested) return std::nullopt;
  if (*requested < 0) throw BadRequest(std::string(field) + " must be zero or greater");
  return requested;
}

}  // namespace t2o::board
