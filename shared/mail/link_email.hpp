#pragma once
// The shape every link-carrying email shares (verification, reset): a greeting, a line
// of explanation, the link, a closing line; as plain text and as escaped HTML.
#include <string>

#include "config/config.hpp"
#include "mail/outbox.hpp"

namespace t2o {

Email link_email(const Config& config, const std::string& to, const std::string& subject, const std::string& greeting,
                 const std::string& intro, const std::string& link, const std::string& outro);

// Links to the dashboard's pages for a token (config/dashboard_pages.hpp).
std::string verify_email_link(const Config& config, const std::string& token);
std::string reset_password_link(const Config& config, const std::string& token);

}  // namespace t2o
