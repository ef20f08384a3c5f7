#include "metrics/metrics_page.hpp"

#include <string>

namespace t2o {
namespace {

constexpr db::Query kOutboxState = db::idempotent(
    "SELECT count(*) FILTER (WHERE status = 'pending') AS pending, "
    "count(*) FILTER (WHERE status = 'pending' AND attempts > 0) AS retrying, "
    "count(*) FILTER (WHERE status = 'failed') AS failed "
    "FROM mail_outbox WHERE status <> 'sent'");

}  // namespace

Response metrics_response(const GroupMetrics& metrics, db::Connection& db) {
  std::string text = metrics.render();
  text += "# HELP t2o_database_up Whether this worker could ask the database just now.\n"
          "# TYPE t2o_database_up gauge\n";
  try {
    const db::Row outbox = db.exec(kOutboxState).one_row();
    text += "t2o_database_up 1\n";
    text += "# HELP t2o_mail_outbox_pending Mails waiting in the outbox (to send, or to retry).\n"
            "# TYPE t2o_mail_outbox_pending gauge\n"
            "t2o_mail_outbox_pending " + std::to_string(outbox.integer("pending")) + "\n";
    text += "# HELP t2o_mail_outbox_retrying Pending mails whose earlier attempts failed.\n"
            "# TYPE t2o_mail_outbox_retrying gauge\n"
            "t2o_mail_outbox_retrying " + std::to_string(outbox.integer("retrying")) + "\n";
    text += "# HELP t2o_mail_failed Mails the mailer gave up on.\n"
            "# TYPE t2o_mail_failed gauge\n"
            "t2o_mail_failed " + std::to_string(outbox.integer("failed")) + "\n";
  } catch (const std::exception&) {
    text += "t2o_database_up 0\n";
  }
  Response response;
  response.status = 200;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = std::move(text);
  return response;
}

}  // namespace t2o
