#include "users/validation.hpp"

#include "errors/http_error.hpp"

namespace t2o::users {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool has_control_character(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // continuation bytes do not start a character
  }
  return count;
}

bool password_meets_policy(std::string_view password) {
  const std::size_t length = utf8_length(password);
  if (length < kPasswordMinLength || length > kPasswordMaxLength) return false;
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (is_digit(c)) digit = true;
    else other = true;  // anything that is not a letter or digit, non-ASCII included
  }
  return lower && upper && digit && other;
}

std::string password_policy_words() {
  return std::to_string(kPasswordMinLength) + "-" + std::to_string(kPasswordMaxLength) +
         " characters with a lower-case letter, an upper-case letter, a digit and a character that is not a "
         "letter or digit";
}

void check_password(std::string_view password) {
  if (!password_meets_policy(password)) throw BadRequest(kPasswordPolicyMessage);
}

void check_username(std::string_view username) {
  const bool length_ok = username.size() >= kUsernameMinLength && username.size() <= kUsernameMaxLength;
  bool characters_ok = true;
  for (char c : username) {
    if (!is_ascii_letter(c) && !is_digit(c) && c != '_' && c != '.' && c != '-') characters_ok = false;
  }
  if (!length_ok || !characters_ok) {
    throw BadRequest("Invalid username: use " + std::to_string(kUsernameMinLength) + " to " +
                     std::to_string(kUsernameMaxLength) + " letters, digits, '_', '.' or '-'");
  }
}

bool plausible_email(std::string_view email) {
  if (email.size() < 3 || email.size() > kEmailMaxLength || has_control_character(email)) return false;
  // ASCII only: an address goes into mail headers as it is (no SMTPUTF8).
  for (unsigned char c : email) {
    if (c >= 0x80) return false;
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > 64 || domain.size() < 3) return false;
  if (email.find_first_of(" \t<>()[],;:\\\"") != std::string_view::npos) return false;
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  return local.front() != '.' && local.back() != '.' && local.find("..") == std::string_view::npos;
}

void check_email(std::string_view email) {
  if (!plausible_email(email)) throw BadRequest("Invalid email address");
}

void check_name(const char* field, std::string_view name) {
  if (name.empty()) throw BadRequest(std::string(field) + " is required");
  if (utf8_length(name) > kNameMaxLength) {
    throw BadRequest(std::string(field) + " must be at most " + std::to_string(kNameMaxLength) + " characters");
  }
  if (has_control_character(name)) throw BadRequest(std::string("Invalid ") + field);
}

}  // namespace t2o::users
