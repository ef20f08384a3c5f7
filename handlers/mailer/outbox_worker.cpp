#include "mailer/outbox_worker.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>

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

bool send_one(db::Connection& db, const Config& config, const Sender& sender) {
  db::Transaction tx(db);
  auto row = tx.exec(
                   "SELECT id, recipient, subject, body_text, COALESCE(body_html, ''), attempts, "
                   "       extract(epoch FROM created_at)::bigint "
                   "FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now() "
                   "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                 .optional_row();
  if (!row) return false;
  const long long id = row->integer(0);
  const int attempts = static_cast<int>(row->integer(5)) + 1;
  Email email{row->str(1), row->str(2), row->str(3), row->str(4)};
  const std::string mime = build_mime_message(email, config.mail_default_sender, message_id_for(id),
                                              static_cast<std::time_t>(row->integer(6)));

  const SendResult result = sender(email.to, mime);
  if (result.sent) {
    tx.exec("UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = $2, last_error = NULL WHERE id = $1",
            {id, attempts});
  } else {
    const bool give_up = result.permanent_failure && attempts >= kMaxPermanentFailures;
    tx.exec(
        "UPDATE mail_outbox SET attempts = $2, last_error = left($3, 500), status = $4, "
        "next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1",
        {id, attempts, result.error, give_up ? "failed" : "pending", backoff_seconds(config.mail_retry_base_seconds, attempts)});
  }
  tx.commit();
  return true;
}

int seconds_until_next(db::Connection& db, int max_wait) {
  auto row = db.exec(
                   "SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()))::int "
                   "FROM mail_outbox WHERE status = 'pending'")
                 .one_row();
  if (row.is_null(0)) return max_wait;  // nothing pending
  return std::clamp(static_cast<int>(row.integer(0)), 0, max_wait);
}

}  // namespace t2o::mailer
