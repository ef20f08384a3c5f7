#include "account/account_service.hpp"

#include "crypto/password.hpp"
#include "errors/http_error.hpp"
#include "users/validation.hpp"

namespace t2o::account {
namespace {

constexpr const char* kSelectPasswordHash = "SELECT password_hash FROM users WHERE id = $1";
constexpr const char* kSetPasswordHash = "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1";
constexpr db::Query kSelectLiveSessions = db::idempotent(
    "SELECT id, epoch_us(created_at) AS created_at, epoch_us(last_seen_at) AS last_seen_at, "
    "       COALESCE(ip, '') AS ip, COALESCE(user_agent, '') AS user_agent "
    "FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC, id DESC");

}  // namespace

void change_password(db::Transaction& tx, SessionStore& sessions, long long user_id, long long current_session_id,
                     const std::string& current_password, const std::string& new_password) {
  const db::Row stored = tx.exec(kSelectPasswordHash, {user_id}).one_row();
  if (stored.is_null("password_hash") ||
      !crypto::verify_password(current_password, stored.view("password_hash")).matches) {
    throw Unauthorized("Current password is incorrect");
  }
  users::check_password(new_password);
  tx.exec(kSetPasswordHash, {user_id, crypto::hash_password(new_password)});
  sessions.delete_user_sessions(tx, user_id, current_session_id);
}

std::vector<SessionSummary> list_sessions(db::Executor& db, long long user_id, long long current_session_id) {
  std::vector<SessionSummary> sessions;
  for (auto row : db.exec(kSelectLiveSessions, {user_id})) {
    const long long id = row.integer("id");
    sessions.push_back({id, row.time("created_at"), row.time("last_seen_at"), row.str("ip"), row.str("user_agent"),
                        id == current_session_id});
  }
  return sessions;
}

bool delete_own_session(db::Transaction& tx, SessionStore& sessions, long long user_id, long long session_id) {
  return sessions.delete_session(tx, user_id, session_id);
}

}  // namespace t2o::account
