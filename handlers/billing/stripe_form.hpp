#pragma once
// Stripe's request encoding: application/x-www-form-urlencoded with nested parameters
// spelled as bracketed keys, e.g. {"recurring":{"interval":"month"}} -> recurring[interval]=month,
// {"items":[{"price":"price_1"}]} -> items[0][price]=price_1, metadata[user_id]=7.
#include <json/json.h>

#include <string>
#include <utility>
#include <vector>

namespace t2o::billing {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The flattened (key, value) pairs, not yet percent-encoded. Strings as they are, integers
// in decimal, booleans as true/false, null as an empty value (Stripe reads "" as "unset",
// e.g. pause_collection= resumes collection). An empty object or array contributes
// nothing. Floating-point numbers throw std::invalid_argument: amounts are integers.
FormFields form_fields(const Json::Value& params);

// form_fields joined as key=value&..., keys and values percent-encoded (RFC 3986
// unreserved characters stay as they are, so brackets go out as %5B and %5D).
std::string form_encode(const Json::Value& params);

}  // namespace t2o::billing
