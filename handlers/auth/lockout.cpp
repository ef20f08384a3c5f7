#include "auth/lockout.hpp"

#include "util/text.hpp"

namespace t2o::auth {

std::string locked_message() {
  return "Too many failed login attempts. Please try again in " + text::duration_words(kLockSeconds) + ".";
}

bool is_locked(db::Connection& db, long long user_id, std::time_t now) {
  return db.exec("SELECT COALESCE(locked_until > to_timestamp($2), false) FROM users WHERE id = $1",
                 {user_id, static_cast<long long>(now)})
      .one_row()
      .boolean(0);
}

bool record_login_failure(db::Connection& db, long long user_id, std::time_t now) {
  // One statement, so concurrent failures in several processes all count.
  auto row = db.exec(
                   "UPDATE users SET "
                   "  failed_logins = CASE WHEN failed_window_start > to_timestamp($2) - make_interval(secs => $3) "
                   "                       THEN failed_logins + 1 ELSE 1 END, "
                   "  failed_window_start = CASE WHEN failed_window_start > to_timestamp($2) - make_interval(secs => $3) "
                   "                       THEN failed_window_start ELSE to_timestamp($2) END "
                   "WHERE id = $1 RETURNING failed_logins",
                   {user_id, static_cast<long long>(now), kWindowSeconds})
                 .one_row();
  if (row.integer(0) < kMaxFailures) return false;
  db.exec(
      "UPDATE users SET locked_until = to_timestamp($2) + make_interval(secs => $3), failed_logins = 0, "
      "failed_window_start = NULL WHERE id = $1",
      {user_id, static_cast<long long>(now), kLockSeconds});
  return true;
}

void reset_login_failures(db::Transaction& tx, long long user_id) {
  tx.exec(
      "UPDATE users SET failed_logins = 0, failed_window_start = NULL, locked_until = NULL "
      "WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
      {user_id});
}

}  // namespace t2o::auth
