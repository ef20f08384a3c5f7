#pragma once
// The transactional outbox: mail is written in the same transaction as the change that
// causes it, and the t2o-mailer process sends it. Requests never wait for SMTP.
#include <string>

#include "db/connection.hpp"

namespace t2o {

inline constexpr const char* kOutboxChannel = "t2o_outbox";

struct Email {
  std::string to;
  std::string subject;
  std::string text;
  std::string html;  // optional
};

// Inserts the message and wakes the mailer (NOTIFY, delivered at commit). Returns its id.
long long enqueue_mail(db::Transaction& tx, const Email& email);

}  // namespace t2o
