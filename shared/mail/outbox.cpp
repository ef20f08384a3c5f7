#include "mail/outbox.hpp"

namespace t2o {
namespace {

constexpr const char* kInsertMail =
    "INSERT INTO mail_outbox (recipient, subject, body_text, body_html) "
    "VALUES ($1, $2, $3, NULLIF($4, '')) RETURNING id";
// Sent at commit: the mailer wakes up for mail that is really there.
constexpr const char* kWakeMailer = "SELECT pg_notify('t2o_outbox', '')";

}  // namespace

long long enqueue_mail(db::Transaction& tx, const Email& email) {
  const long long id =
      tx.exec(kInsertMail, {email.to, email.subject, email.text, email.html}).one_row().integer("id");
  tx.exec(kWakeMailer);
  return id;
}

}  // namespace t2o
