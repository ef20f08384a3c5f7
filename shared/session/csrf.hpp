#pragma once
// CSRF tokens bound to a session: HMAC-SHA256(SECRET_KEY, "csrf:" + session token). Every
// process derives the same value, so nothing extra is stored.
#include <string>
#include <string_view>

namespace t2o {

inline constexpr const char* kCsrfCookie = "X-CSRFToken";
inline constexpr const char* kCsrfHeader = "x-csrftoken";

std::string csrf_token_for(std::string_view secret_key, std::string_view session_token);
// Constant-time check of a presented token.
bool csrf_token_valid(std::string_view secret_key, std::string_view session_token, std::string_view presented);

}  // namespace t2o
