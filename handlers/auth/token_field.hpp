#pragma once
// The `token` field of /login and /update_twofa (a TOTP code, an emailed code or a
// recovery code), read the same way by both.
#include <json/json.h>

#include <optional>
#include <string>

namespace t2o::auth {

// The field as text: a string as sent, or a whole JSON number 0..999999 zero-padded to six
// digits (a code typed into a number field loses its leading zeros: 012345 arrives as
// 12345). Absent, null or anything else: nullopt.
std::optional<std::string> second_factor_token(const Json::Value& body);

}  // namespace t2o::auth
