#include "log/error_mailer.hpp"

#include "crypto/digest.hpp"
#include "mail/outbox.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

// Claims the right to mail this error: once per kErrorMailIntervalSeconds per fingerprint.
constexpr const char* kClaimErrorMail =
    "INSERT INTO error_notifications (fingerprint, last_sent_at) VALUES ($1, now()) "
    "ON CONFLICT (fingerprint) DO UPDATE SET last_sent_at = now() "
    "WHERE error_notifications.last_sent_at < now() - make_interval(secs => $2) "
    "RETURNING fingerprint";

}  // namespace

bool mail_unhandled_error(db::Connection& db, const Config& config, const LogRecord& record) {
  if (!config.is_production() || config.admin_emails.empty()) return false;
  try {
    // "Distinct" = same group, route and error text; the request's own values stay out.
    const std::string fingerprint =
        crypto::to_hex(crypto::sha256(record.group + '|' + record.method + ' ' + record.path + '|' + record.message));
    db::Transaction tx(db);
    const bool due = !tx.exec(kClaimErrorMail, {fingerprint, kErrorMailIntervalSeconds}).empty();
    if (!due) return false;
    for (const std::string& admin : config.admin_emails) {
      Email email;
      email.to = admin;
      email.subject = "[" + config.app_name + "] unhandled error in " + record.group;
      email.text = "An unhandled error occurred (further ones like it are not mailed for " +
                   text::duration_words(kErrorMailIntervalSeconds) + ").\n\ngroup:      " + record.group + "\nrequest:    " + record.method + " " + record.path +
                   "\nrequest id: " + record.request_id + "\nerror:      " + record.message + "\n";
      enqueue_mail(tx, email);
    }
    tx.commit();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace t2o
