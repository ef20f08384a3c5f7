#include "util/text.hpp"

#include <algorithm>
#include <charconv>

namespace t2o::text {

std::string_view trim(std::string_view s) {
  const char* spaces = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(spaces);
  return s.substr(first, last - first + 1);
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower(a) == to_lower(b);
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::optional<long long> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int high = hex_value(s[i + 1]);
      const int low = hex_value(s[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
    }
  }
  return out;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
static std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned min_value = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, min_value = 0x80;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, min_value = 0x800;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, min_value = 0x10000;
  else return 0;
  if (i + length > s.size()) return 0;
  unsigned value = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return length;
}

std::string clean_utf8(std::string_view s, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(s.size(), max_chars * 4));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < max_chars; ++chars) {
    const std::size_t length = utf8_sequence_length(s, i);
    if (length == 0 || s[i] == '\0') {
      out += s[i] == '\0' ? " " : "\xEF\xBF\xBD";  // NUL cannot be stored in text; others: U+FFFD
      ++i;
    } else {
      out.append(s.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string like_contains(std::string_view needle) {
  std::string pattern = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string duration_words(long long seconds) {
  const auto count = [](long long n, const char* unit) {
    return (n == 1 ? std::string("1 ") + unit : std::to_string(n) + " " + unit + "s");
  };
  if (seconds == 3600) return "one hour";
  if (seconds % 3600 == 0) return count(seconds / 3600, "hour");
  if (seconds % 60 == 0) return count(seconds / 60, "minute");
  return count(seconds, "second");
}

}  // namespace t2o::text
