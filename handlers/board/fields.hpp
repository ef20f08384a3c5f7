#pragma once
// Field rules for boards, columns and tickets. Each check throws BadRequest naming the
// field, so the service functions enforce them whoever calls.
#include <optional>
#include <string>
#include <string_view>

namespace t2o::board {

inline constexpr std::size_t kMaxNameLength = 200;           // board/column names, ticket titles
inline constexpr std::size_t kMaxDescriptionLength = 10000;  // ticket descriptions

// Trimmed, non-empty, at most kMaxNameLength characters.
std::string checked_name(std::string_view value, const char* field);
// Stored as given (the web page escapes it); at most kMaxDescriptionLength characters.
std::string checked_description(std::string_view value);
// A requested 0-based position: absent stays absent, negative is refused.
std::optional<long long> checked_position(std::optional<long long> requested, const char* field = "position");

}  // namespace t2o::board
