#include "auth/emails.hpp"

#include "mail/link_email.hpp"
#include "security/one_time_tokens.hpp"
#include "util/text.hpp"

namespace t2o::auth {
Email welcome_email(const Config& config, const std::string& to, const std::string& first_name,
                    const std::string& verify_token) {
  return link_email(config, to, "Welcome to " + config.app_name + " - verify your email", "Hello " + first_name + ",",
                    "Welcome to " + config.app_name + "! Please verify your email address by opening this link:",
                    verify_email_link(config, verify_token),
                    "The link is valid for " + text::duration_words(kVerifyEmailLifetimeSeconds) +
                        ". If you did not sign up, ignore this email.");
}

Email verification_email(const Config& config, const std::string& to, const std::string& first_name,
                         const std::string& verify_token) {
  return link_email(config, to, config.app_name + " - verify your email", "Hello " + first_name + ",",
                    "Please verify your email address by opening this link:",
                    verify_email_link(config, verify_token),
                    "The link is valid for " + text::duration_words(kVerifyEmailLifetimeSeconds) +
                        ". If you did not ask for it, ignore this email.");
}

Email login_code_email(const Config& config, const std::string& to, const std::string& first_name,
                       const std::string& code) {
  Email email;
  email.to = to;
  email.subject = config.app_name + " - your login code";
  const std::string intro = "Your one-time login code is:";
  const std::string outro = "It is valid for " + text::duration_words(kLoginCodeLifetimeSeconds) +
                            " and can be used once. If you did not try to log in, change your password.";
  email.text = "Hello " + first_name + ",\n\n" + intro + "\n\n    " + code + "\n\n" + outro + "\n\n-- " +
               config.app_name + "\n";
  email.html = "<!doctype html><html><body style=\"font-family:sans-serif\"><p>Hello " + text::html_escape(first_name) +
               ",</p><p>" + intro + "</p><p style=\"font-size:1.6em;letter-spacing:0.2em\"><b>" + code + "</b></p><p>" +
               outro + "</p><p>&mdash; " + text::html_escape(config.app_name) + "</p></body></html>";
  return email;
}

Email password_reset_email(const Config& config, const std::string& to, const std::string& first_name,
                           const std::string& reset_token) {
  return link_email(config, to, config.app_name + " - reset your password", "Hello " + first_name + ",",
                    "Someone asked to reset the password of your account. To choose a new password, open this link:",
                    reset_password_link(config, reset_token),
                    "The link is valid for " + text::duration_words(kResetPasswordLifetimeSeconds) +
                        " and can be used once. If you did not ask for it, ignore this "
                    "email: your password stays as it is.");
}

}  // namespace t2o::auth
