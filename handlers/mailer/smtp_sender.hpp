#pragma once
// Sends one message over SMTP with libcurl: STARTTLS when MAIL_USE_TLS, implicit TLS
// (smtps://) when MAIL_USE_SSL, plain otherwise.
#include <string>

#include "config/config.hpp"

namespace t2o::mailer {

struct SendResult {
  bool sent = false;
  bool permanent_failure = false;  // the server refused the message for good (5xx)
  std::string error;
};

SendResult send_smtp(const Config& config, const std::string& recipient, const std::string& mime_message);

}  // namespace t2o::mailer
