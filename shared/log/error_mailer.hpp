#pragma once
// In production, an unhandled error is mailed (through the outbox) to ADMIN_EMAILS, at
// most once per distinct error per 10 minutes, however many processes see it.
#include "config/config.hpp"
#include "db/connection.hpp"
#include "log/log_record.hpp"

namespace t2o {

inline constexpr long long kErrorMailIntervalSeconds = 600;

// Returns true when a mail was queued. Never throws: a database that is down is the likely
// cause of the error itself, and stderr already has the line.
bool mail_unhandled_error(db::Connection& db, const Config& config, const LogRecord& record);

}  // namespace t2o
