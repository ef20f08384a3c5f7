#include "mail/mime.hpp"

#include "crypto/digest.hpp"
#include "crypto/random.hpp"

namespace t2o {
namespace {

bool is_plain_ascii(const std::string& text) {
  std::size_t line_length = 0;
  for (unsigned char c : text) {
    if (c >= 0x80 || c == 0 || c == '\r') return false;
    line_length = c == '\n' ? 0 : line_length + 1;
    if (line_length > 900) return false;
  }
  return true;
}

// RFC 2047 encoded-word when the header text is not plain ASCII; CR/LF never pass.
std::string header_text(const std::string& text) {
  std::string clean;
  for (char c : text) clean += (c == '\r' || c == '\n') ? ' ' : c;
  if (is_plain_ascii(clean)) return clean;
  return "=?UTF-8?B?" + crypto::base64_encode(clean) + "?=";
}

// A body part: 7bit when it is plain ASCII (readable in the caught .eml), else base64.
std::string body_part(const std::string& content_type, const std::string& body) {
  std::string part = "Content-Type: " + content_type + "; charset=UTF-8\r\n";
  std::string normalized;
  for (char c : body) {
    if (c == '\n') normalized += "\r\n";
    else if (c != '\r') normalized += c;
  }
  if (is_plain_ascii(body)) {
    part += "Content-Transfer-Encoding: 7bit\r\n\r\n" + normalized + "\r\n";
    return part;
  }
  part += "Content-Transfer-Encoding: base64\r\n\r\n";
  const std::string encoded = crypto::base64_encode(normalized);
  for (std::size_t i = 0; i < encoded.size(); i += 76) part += encoded.substr(i, 76) + "\r\n";
  return part;
}

std::string rfc2822_date(std::time_t date) {
  std::tm utc{};
  gmtime_r(&date, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

}  // namespace

std::string build_mime_message(const Email& email, const std::string& from, const std::string& message_id,
                               std::time_t date) {
  std::string message;
  message += "Date: " + rfc2822_date(date) + "\r\n";
  message += "From: " + header_text(from) + "\r\n";
  message += "To: " + header_text(email.to) + "\r\n";
  message += "Subject: " + header_text(email.subject) + "\r\n";
  message += "Message-ID: <" + message_id + ">\r\n";
  message += "MIME-Version: 1.0\r\n";
  if (email.html.empty()) return message + body_part("text/plain", email.text);

  const std::string boundary = "t2o-" + crypto::to_hex(crypto::random_bytes(12));
  message += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  message += "--" + boundary + "\r\n" + body_part("text/plain", email.text);
  message += "--" + boundary + "\r\n" + body_part("text/html", email.html);
  message += "--" + boundary + "--\r\n";
  return message;
}

}  // namespace t2o
