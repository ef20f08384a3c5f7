#include "mail/link_email.hpp"

#include "config/dashboard_pages.hpp"
#include "util/text.hpp"

namespace t2o {

Email link_email(const Config& config, const std::string& to, const std::string& subject, const std::string& greeting,
                 const std::string& intro, const std::string& link, const std::string& outro) {
  Email email;
  email.to = to;
  email.subject = subject;
  email.text = greeting + "\n\n" + intro + "\n\n" + link + "\n\n" + outro + "\n\n-- " + config.app_name + "\n";
  const std::string safe_link = text::html_escape(link);
  email.html = "<!doctype html><html><body style=\"font-family:sans-serif\"><p>" + text::html_escape(greeting) +
               "</p><p>" + text::html_escape(intro) + "</p><p><a href=\"" + safe_link + "\">" + safe_link +
               "</a></p><p>" + text::html_escape(outro) + "</p><p>&mdash; " + text::html_escape(config.app_name) +
               "</p></body></html>";
  return email;
}

std::string verify_email_link(const Config& config, const std::string& token) {
  return config.public_base_url + dashboard::kVerifyEmailPage + token;
}

std::string reset_password_link(const Config& config, const std::string& token) {
  return config.public_base_url + dashboard::kResetPasswordPage + token;
}

}  // namespace t2o
