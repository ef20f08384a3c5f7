#include "mailer/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>

namespace t2o::mailer {
namespace {

struct UploadState {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<UploadState*>(user);
  const std::size_t room = size * count;
  const std::size_t left = state->data.size() - state->offset;
  const std::size_t chunk = left < room ? left : room;
  std::memcpy(buffer, state->data.data() + state->offset, chunk);
  state->offset += chunk;
  return chunk;
}

// "Name <addr@host>" -> "<addr@host>"; a bare address gets the brackets.
std::string envelope_address(const std::string& address) {
  const auto open = address.find('<');
  const auto close = address.find('>', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) return address.substr(open, close - open + 1);
  return "<" + address + ">";
}

}  // namespace

SendResult send_smtp(const Config& config, const std::string& recipient, const std::string& mime_message) {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "curl_easy_init failed"};
  const std::string scheme = config.mail_use_ssl ? "smtps://" : "smtp://";
  const std::string url = scheme + config.mail_server + ":" + std::to_string(config.mail_port);
  const std::string from = envelope_address(config.mail_default_sender);
  curl_slist* recipients = curl_slist_append(nullptr, envelope_address(recipient).c_str());
  UploadState upload{mime_message};

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  if (config.mail_use_tls) curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.mail_username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, config.mail_username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, config.mail_password.c_str());
  }

  const CURLcode code = curl_easy_perform(handle);
  curl_slist_free_all(recipients);
  if (code == CURLE_OK) return {true, false, ""};
  long smtp_status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &smtp_status);
  SendResult result;
  result.permanent_failure = smtp_status >= 500 && smtp_status < 600;
  result.error = std::string(curl_easy_strerror(code)) + (smtp_status ? " (SMTP " + std::to_string(smtp_status) + ")" : "");
  return result;
}

}  // namespace t2o::mailer
