#pragma once
// Field rules from API.md. Each check_* throws BadRequest with a message naming the field.
#include <string>
#include <string_view>

namespace t2o::users {

inline constexpr const char* kPasswordPolicyMessage = "Password does not meet the criteria";
inline constexpr std::size_t kPasswordMinLength = 8;
inline constexpr std::size_t kPasswordMaxLength = 128;
inline constexpr std::size_t kUsernameMinLength = 3;
inline constexpr std::size_t kUsernameMaxLength = 80;
inline constexpr std::size_t kEmailMaxLength = 120;
inline constexpr std::size_t kNameMaxLength = 60;

// The policy in words, for messages that explain it (the API's own message stays fixed).
std::string password_policy_words();

bool password_meets_policy(std::string_view password);
void check_password(std::string_view password);  // throws BadRequest(kPasswordPolicyMessage)
void check_username(std::string_view username);
void check_email(std::string_view email);
void check_name(const char* field, std::string_view name);
bool plausible_email(std::string_view email);
// Number of UTF-8 code points (invalid bytes count as one each).
std::size_t utf8_length(std::string_view text);

}  // namespace t2o::users
