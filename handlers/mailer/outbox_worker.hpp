#pragma once
// Takes due messages from the outbox one at a time and sends them. Each message is
// claimed with FOR UPDATE SKIP LOCKED inside its own transaction, so several mailers can
// run side by side and a crash before COMMIT leaves the message pending (sent again, with
// the same Message-ID, rather than lost).
#include <functional>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "mailer/smtp_sender.hpp"

namespace t2o::mailer {

using Sender = std::function<SendResult(const std::string& recipient, const std::string& mime_message)>;

// Permanent (5xx) refusals give up after this many attempts; transient ones never do.
inline constexpr int kMaxPermanentFailures = 3;
inline constexpr int kMaxBackoffSeconds = 900;

// Seconds to wait after the given number of failed attempts (exponential, capped).
int backoff_seconds(int base_seconds, int attempts);

// Sends at most one due message. Returns false when none was due.
bool send_one(db::Connection& db, const Config& config, const Sender& sender);

// Seconds until the next pending message is due (capped at `max_wait`), 0 if one is due now.
int seconds_until_next(db::Connection& db, int max_wait);

}  // namespace t2o::mailer
