#include "mailer/outbox_worker.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <optional>

#include "mail/mime.hpp"

namespace t2o::mailer {

int backoff_seconds(int base_seconds, int attempts) {
  long long wait = base_seconds;
  for (int i = 1; i < attempts && wait < kMaxBackoffSeconds; ++i) wait *= 2;
  return static_cast<int>(std::min<long long>(wait, kMaxBackoffSeconds));
}

static std::string message_id_for(long long outbox_id) {
  char host[256] = "localhost";
  gethostname(host, sizeof host - 1);
  return "outbox-" + std::to_string(outbox_id) + "@" + host;
}

namespace {

// Claims the oldest due message: its next attempt moves a lease into the future, so no
// other mailer takes it while this one sends, and a mailer that dies mid-send leaves it
// to be sent again (with the same Message-ID) once the lease is over. Committed at once:
// no transaction or row lock is held while SMTP talks.
constexpr const char* kClaimDueMessage =
    "UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $1), attempts = attempts + 1 "
    "WHERE id = (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now() "
    "            ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
    "RETURNING id, recipient, subject, body_text, COALESCE(body_html, '') AS body_html, attempts, "
    "          extract(epoch FROM created_at)::bigint AS created_at";
constexpr const char* kRecordSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1";
constexpr const char* kRecordFailure =
    "UPDATE mail_outbox SET last_error = left($2, 500), status = $3, "
    "next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1";

}  // namespace

bool send_one(db::Connection& db, const Config& config, const Sender& sender) {
  std::optional<db::Row> claimed;
  {
    db::Transaction tx(db);
    claimed = tx.exec(kClaimDueMessage, {kClaimLeaseSeconds}).optional_row();
    tx.commit();
  }
  if (!claimed) return false;
  const long long id = claimed->integer("id");
  const int attempts = static_cast<int>(claimed->integer("attempts"));
  Email email{claimed->str("recipient"), claimed->str("subject"), claimed->str("body_text"), claimed->str("body_html")};
  const std::string mime = build_mime_message(email, config.mail_default_sender, message_id_for(id),
                                              static_cast<std::time_t>(claimed->integer("created_at")));

  const SendResult result = sender(email.to, mime);
  if (result.sent) {
    db.exec(kRecordSent, {id});
  } else {
    const bool give_up = result.permanent_failure && attempts >= kMaxPermanentFailures;
    db.exec(kRecordFailure, {id, result.error, give_up ? "failed" : "pending",
                             backoff_seconds(config.mail_retry_base_seconds, attempts)});
  }
  return true;
}

namespace {

constexpr db::Query kSecondsUntilNextDue = db::idempotent(
    "SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()))::int AS seconds "
    "FROM mail_outbox WHERE status = 'pending'");

}  // namespace

int seconds_until_next(db::Connection& db, int max_wait) {
  const db::Row row = db.exec(kSecondsUntilNextDue).one_row();
  if (row.is_null("seconds")) return max_wait;  // nothing pending
  return std::clamp(static_cast<int>(row.integer("seconds")), 0, max_wait);
}

}  // namespace t2o::mailer
