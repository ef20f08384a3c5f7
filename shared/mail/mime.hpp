#pragma once
// Builds an RFC 5322 message with text and (optionally) HTML alternatives.
#include <ctime>
#include <string>

#include "mail/outbox.hpp"

namespace t2o {

// `message_id` is stable per outbox row so a receiver can drop a duplicate delivery.
std::string build_mime_message(const Email& email, const std::string& from, const std::string& message_id,
                               std::time_t date);

}  // namespace t2o
