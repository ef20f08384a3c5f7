#pragma once
// Takes due messages from the outbox one at a time and sends them: claim (a short
// committed transaction that leases the message), send with no transaction open, record
// the result. Several mailers can run side by side without sending a message twice, and a
// mailer that dies mid-send leaves the message to be sent again once its lease ends (with
// the same Message-ID) rather than lost.
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
// How long a claimed message is left to its mailer: well above the SMTP timeout (60 s).
inline constexpr int kClaimLeaseSeconds = 600;

// Seconds to wait after the given number of failed attempts (exponential, capped).
int backoff_seconds(int base_seconds, int attempts);

// Sends at most one due message. Returns false when none was due.
bool send_one(db::Connection& db, const Config& config, const Sender& sender);

// Seconds until the next pending message is due (capped at `max_wait`), 0 if one is due now.
int seconds_until_next(db::Connection& db, int max_wait);

}  // namespace t2o::mailer
