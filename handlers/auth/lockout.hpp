#pragma once
// Account lockout kept in PostgreSQL, so every handler process and host sees it:
// kMaxFailures failed logins within kWindowSeconds lock the account for kLockSeconds.
// The one place lockout is decided; log_in asks it.
#include <ctime>
#include <string>

#include "db/connection.hpp"

namespace t2o::auth {

inline constexpr int kMaxFailures = 10;
inline constexpr long long kWindowSeconds = 15 * 60;
inline constexpr long long kLockSeconds = 15 * 60;

// "Too many failed login attempts. Please try again in 15 minutes."
std::string locked_message();

bool is_locked(db::Executor& db, long long user_id, std::time_t now);
// Counts one failure; returns true when this failure locked the account.
bool record_login_failure(db::Transaction& tx, long long user_id, std::time_t now);
void reset_login_failures(db::Transaction& tx, long long user_id);

}  // namespace t2o::auth
