// t2o-mailer: sends the mail outbox over SMTP. Woken by NOTIFY t2o_outbox when mail is
// queued, and by its own timer for retries. Stops cleanly on SIGTERM/SIGINT.
#include <poll.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <memory>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "log/log_record.hpp"
#include "mail/outbox.hpp"
#include "mailer/outbox_worker.hpp"

namespace {

std::atomic<bool> stopping{false};
extern "C" void on_stop(int) { stopping = true; }

constexpr int kIdleWaitSeconds = 30;

void log_line(const char* level, const std::string& message) {
  t2o::LogRecord record;
  record.level = level;
  record.group = "mailer";
  record.message = message;
  t2o::write_log_line(record);
}

}  // namespace

int main() {
  struct sigaction action {};
  action.sa_handler = on_stop;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);

  t2o::Config config;
  try {
    config = t2o::load_config();
  } catch (const t2o::ConfigError& error) {
    std::fprintf(stderr, "t2o-mailer: configuration error: %s\n", error.what());
    return 2;
  }
  const t2o::mailer::Sender sender = [&config](const std::string& recipient, const std::string& mime) {
    return t2o::mailer::send_smtp(config, recipient, mime);
  };

  std::unique_ptr<t2o::db::Connection> db;
  while (!stopping) {
    try {
      if (!db) {
        // LISTEN needs a connection of its own: past a pooler in transaction mode, the
        // direct one (T2O_LISTEN_DATABASE_URL) serves the mailer's few statements too.
        db = std::make_unique<t2o::db::Connection>(
            config.listen_database_url.empty() ? config.database_url : config.listen_database_url);
        db->add_on_connect(std::string("LISTEN ") + t2o::kOutboxChannel);
        log_line("INFO", "connected; sending to " + config.mail_server + ":" + std::to_string(config.mail_port));
      }
      while (!stopping && t2o::mailer::send_one(*db, config, sender)) {
      }
      const int wait = t2o::mailer::seconds_until_next(*db, kIdleWaitSeconds);
      if (wait > 0) {
        pollfd socket{db->socket(), POLLIN, 0};
        poll(&socket, 1, wait * 1000);  // a NOTIFY or a signal ends the wait early
        db->take_notifications();
      }
    } catch (const std::exception& error) {
      log_line("ERROR", std::string("mailer: ") + error.what());
      db.reset();
      for (int i = 0; i < 2 && !stopping; ++i) sleep(1);
    }
  }
  log_line("INFO", "stopped");
  return 0;
}
