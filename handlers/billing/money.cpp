#include "billing/money.hpp"

#include <array>
#include <charconv>

namespace t2o::billing {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

long long power_of_ten(int exponent) {
  long long value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

}  // namespace

std::optional<int> currency_decimals(std::string_view currency) {
  if (currency.size() != 3) return std::nullopt;
  for (char c : currency) {
    if (c < 'a' || c > 'z') return std::nullopt;
  }
  // https://docs.stripe.com/currencies#zero-decimal and #three-decimal
  static constexpr std::array<std::string_view, 16> kZeroDecimal = {
      "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"};
  static constexpr std::array<std::string_view, 5> kThreeDecimal = {"bhd", "jod", "kwd", "omr", "tnd"};
  for (std::string_view code : kZeroDecimal) {
    if (code == currency) return 0;
  }
  for (std::string_view code : kThreeDecimal) {
    if (code == currency) return 3;
  }
  return 2;
}

std::optional<long long> parse_amount(std::string_view text, int decimals) {
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty()) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > static_cast<std::size_t>(decimals))) {
    return std::nullopt;
  }
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;
  }
  for (char c : fraction) {
    if (!is_digit(c)) return std::nullopt;
  }
  // Leading zeros are harmless; skipping them keeps the length check below meaningful.
  std::string_view significant = whole;
  while (significant.size() > 1 && significant.front() == '0') significant.remove_prefix(1);
  if (significant.size() > 12) return std::nullopt;  // far above the ceiling; avoids overflow

  long long units = 0;
  for (char c : significant) units = units * 10 + (c - '0');
  long long minor = units * power_of_ten(decimals);
  long long scale = power_of_ten(decimals);
  for (char c : fraction) {
    scale /= 10;
    minor += (c - '0') * scale;
  }
  if (minor > kMaxMinorUnits) return std::nullopt;
  return minor;
}

std::optional<long long> amount_from_json(const Json::Value& value, int decimals) {
  if (value.isString()) return parse_amount(value.asString(), decimals);
  if (value.isBool() || !value.isNumeric()) return std::nullopt;
  if (value.isIntegral()) {
    if (value.isUInt64() && !value.isInt64()) return std::nullopt;
    const long long units = value.asInt64();
    if (units < 0) return std::nullopt;
    return parse_amount(std::to_string(units), decimals);
  }
  // The shortest text that reads back as the same double: the client's own literal.
  std::array<char, 64> buffer{};
  const auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.asDouble(), std::chars_format::fixed);
  if (error != std::errc()) return std::nullopt;
  return parse_amount(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())), decimals);
}

std::string format_amount(long long minor_units, int decimals) {
  const bool negative = minor_units < 0;
  std::string digits = std::to_string(negative ? -static_cast<unsigned long long>(minor_units)
                                               : static_cast<unsigned long long>(minor_units));
  if (decimals <= 0) return (negative ? "-" : "") + digits;
  const auto width = static_cast<std::size_t>(decimals) + 1;
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  digits.insert(digits.size() - static_cast<std::size_t>(decimals), 1, '.');
  return (negative ? "-" : "") + digits;
}

}  // namespace t2o::billing
