#pragma once
// The auth group's emails: plain text and HTML, absolute links from PUBLIC_BASE_URL.
#include <string>

#include "config/config.hpp"
#include "mail/outbox.hpp"

namespace t2o::auth {

Email welcome_email(const Config& config, const std::string& to, const std::string& first_name,
                    const std::string& verify_token);
Email verification_email(const Config& config, const std::string& to, const std::string& first_name,
                         const std::string& verify_token);

Email login_code_email(const Config& config, const std::string& to, const std::string& first_name,
                       const std::string& code);
Email password_reset_email(const Config& config, const std::string& to, const std::string& first_name,
                           const std::string& reset_token);

}  // namespace t2o::auth
