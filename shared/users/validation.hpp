#pragma once
// Field rules from API.md. Each check_* throws BadRequest with a message naming the field.
#include <string>
#include <string_view>

namespace t2o::users {

inline constexpr const char* kPasswordPolicyMessage = "Password does not meet the criteria";

bool password_meets_policy(std::string_view password);
void check_password(std::string_view password);  // throws BadRequest(kPasswordPolicyMessage)
void check_username(std::string_view username);
void check_email(std::string_view email);
void check_name(const char* field, std::string_view name);
bool plausible_email(std::string_view email);
// Number of UTF-8 code points (invalid bytes count as one each).
std::size_t utf8_length(std::string_view text);

}  // namespace t2o::users
