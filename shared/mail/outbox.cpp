#include "mail/outbox.hpp"

namespace t2o {

long long enqueue_mail(db::Transaction& tx, const Email& email) {
  const long long id = tx.exec(
                             "INSERT INTO mail_outbox (recipient, subject, body_text, body_html) "
                             "VALUES ($1, $2, $3, NULLIF($4, '')) RETURNING id",
                             {email.to, email.subject, email.text, email.html})
                           .one_row()
                           .integer(0);
  tx.exec("SELECT pg_notify('t2o_outbox', '')");
  return id;
}

}  // namespace t2o
