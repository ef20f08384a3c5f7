#pragma once
// Typed query-string parameters; a bad value is a 400 naming the parameter.
#include <optional>
#include <string>

#include "http/request.hpp"

namespace t2o {

// A whole number within [min, max]; nullopt when absent or empty.
std::optional<long long> query_int(const Request& request, const char* name, long long min, long long max);
// Trimmed text of at most `max_chars` characters (longer: 400); nullopt when absent or blank.
std::optional<std::string> query_text(const Request& request, const char* name, std::size_t max_chars);

}  // namespace t2o
