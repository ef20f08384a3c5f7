#include "billing/reconcile.hpp"

#include <string>

#include "log/log_record.hpp"

namespace t2o::billing {

void log_unrecorded(std::string_view action, std::string_view stripe_id, std::string_view error) {
  LogRecord record;
  record.level = "ERROR";
  record.group = "billing";
  record.message = "Stripe " + std::string(action) + " succeeded for " + std::string(stripe_id) +
                   " but the local database write failed (reconcile this id): " + std::string(error);
  write_log_line(record);
}

}  // namespace t2o::billing
