#pragma once
// jsoncpp helpers: strict parsing, compact writing, and typed field access that throws
// BadRequest with a message naming the field.
#include <json/json.h>

#include <optional>
#include <string>
#include <string_view>

namespace t2o::json {

// Parses strictly (no comments, no trailing garbage, depth-limited). Throws BadRequest.
Json::Value parse(std::string_view text);
std::string write(const Json::Value& value);  // compact, UTF-8 unescaped

// Required string field, trimmed; throws BadRequest("<name> is required") when missing or
// empty, BadRequest("<name> must be a string") on the wrong type.
std::string require_string(const Json::Value& object, const char* name);
// Optional string: nullopt when absent or null; throws on the wrong type.
std::optional<std::string> optional_string(const Json::Value& object, const char* name);
// Integer given as a JSON integer or a decimal string ("12"), as form bodies send it.
std::optional<long long> optional_int(const Json::Value& object, const char* name);
// true/false, "true"/"false", 1/0 and "1"/"0".
std::optional<bool> optional_bool(const Json::Value& object, const char* name);

}  // namespace t2o::json
