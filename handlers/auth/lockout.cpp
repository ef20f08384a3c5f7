#include "auth/lockout.hpp"

#include "util/text.hpp"

namespace t2o::auth {
namespace {

constexpr db::Query kSelectLocked = db::idempotent(
    "SELECT COALESCE(locked_until > to_timestamp($2), false) AS locked FROM users WHERE id = $1");
// One statement, so concurrent failures in several processes all count.
constexpr const char* kCountFailure =
    "UPDATE users SET "
    "  failed_logins = CASE WHEN failed_window_start > to_timestamp($2) - make_interval(secs => $3) "
    "                       THEN failed_logins + 1 ELSE 1 END, "
    "  failed_window_start = CASE WHEN failed_window_start > to_timestamp($2) - make_interval(secs => $3) "
    "                       THEN failed_window_start ELSE to_timestamp($2) END "
    "WHERE id = $1 RETURNING failed_logins";
constexpr const char* kLock =
    "UPDATE users SET locked_until = to_timestamp($2) + make_interval(secs => $3), failed_logins = 0, "
    "failed_window_start = NULL WHERE id = $1";
constexpr const char* kResetFailures =
    "UPDATE users SET failed_logins = 0, failed_window_start = NULL, locked_until = NULL "
    "WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)";

}  // namespace

std::string locked_message() {
  return "Too many failed login attempts. Please try again in " + text::duration_words(kLockSeconds) + ".";
}

bool is_locked(db::Executor& db, long long user_id, std::time_t now) {
  return db.exec(kSelectLocked, {user_id, static_cast<long long>(now)}).one_row().boolean("locked");
}

bool record_login_failure(db::Transaction& tx, long long user_id, std::time_t now) {
  const long long failures =
      tx.exec(kCountFailure, {user_id, static_cast<long long>(now), kWindowSeconds}).one_row().integer("failed_logins");
  if (failures < kMaxFailures) return false;
  tx.exec(kLock, {user_id, static_cast<long long>(now), kLockSeconds});
  return true;
}

void reset_login_failures(db::Transaction& tx, long long user_id) { tx.exec(kResetFailures, {user_id}); }

}  // namespace t2o::auth
