#include "auth/token_field.hpp"

#include <cstdio>

namespace t2o::auth {

std::optional<std::string> second_factor_token(const Json::Value& body) {
  if (!body.isObject()) return std::nullopt;
  const Json::Value& token = body["token"];
  if (token.isString()) return token.asString();
  if (token.isIntegral() && token.isInt64()) {
    const long long number = token.asInt64();
    if (number < 0 || number > 999999) return std::nullopt;
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06lld", number);
    return std::string(digits);
  }
  return std::nullopt;
}

}  // namespace t2o::auth
