#pragma once
// Reading caught mails' bodies in the integration tests: the text/plain part (7bit or
// base64) and standalone 6-digit codes in it.
#include <openssl/evp.h>

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "util/text.hpp"

namespace t2o::it {

inline std::string base64_decode_text(const std::string& encoded) {
  std::string clean;
  for (char c : encoded) {
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') clean += c;
  }
  if (clean.empty() || clean.size() % 4 != 0) return {};
  std::string out(clean.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return {};
  std::size_t length = static_cast<std::size_t>(n);
  if (clean.size() >= 1 && clean[clean.size() - 1] == '=') --length;
  if (clean.size() >= 2 && clean[clean.size() - 2] == '=') --length;
  out.resize(length);
  return out;
}

// The decoded text/plain part of a caught message ("" when it has none).
inline std::string plain_text_body(const Mail& mail) {
  const std::string& raw = mail.raw;
  const std::string lowered = text::to_lower(raw);
  const auto part = lowered.find("content-type: text/plain");
  if (part == std::string::npos) return {};
  std::size_t header_end = raw.find("\r\n\r\n", part);
  std::size_t separator = 4;
  if (header_end == std::string::npos) {
    header_end = raw.find("\n\n", part);
    separator = 2;
  }
  if (header_end == std::string::npos) return {};
  const std::string part_headers = lowered.substr(part, header_end - part);
  const std::size_t body_start = header_end + separator;
  const std::size_t body_end = raw.find("\n--", body_start);  // the next MIME boundary
  std::string body = raw.substr(body_start, body_end == std::string::npos ? std::string::npos : body_end - body_start);
  if (part_headers.find("content-transfer-encoding: base64") != std::string::npos) body = base64_decode_text(body);
  return body;
}

// Every standalone run of exactly six digits in `text`.
inline std::vector<std::string> six_digit_codes(const std::string& text) {
  static const std::regex code("(^|[^0-9])([0-9]{6})(?![0-9])");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator(); ++it) {
    found.push_back((*it)[2].str());
  }
  return found;
}

}  // namespace t2o::it
