#include "account/account_service.hpp"

#include "crypto/password.hpp"
#include "errors/http_error.hpp"
#include "users/validation.hpp"

namespace t2o::account {

void change_password(db::Connection& db, SessionStore& sessions, long long user_id, long long current_session_id,
                     const std::string& current_password, const std::string& new_password) {
  auto stored = db.exec("SELECT password_hash FROM users WHERE id = $1", {user_id}).one_row();
  if (stored.is_null(0) || !crypto::verify_password(current_password, stored.view(0)).matches) {
    throw Unauthorized("Current password is incorrect");
  }
  users::check_password(new_password);
  const std::string new_hash = crypto::hash_password(new_password);
  db::Transaction tx(db);
  tx.exec("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1", {user_id, new_hash});
  sessions.delete_user_sessions(tx, user_id, current_session_id);
  sessions.commit_revocation(tx);
}

Json::Value list_sessions(db::Connection& db, long long user_id, long long current_session_id) {
  Json::Value sessions(Json::arrayValue);
  auto rows = db.exec(
      "SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "       to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "       COALESCE(ip, ''), COALESCE(user_agent, '') "
      "FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC, id DESC",
      {user_id});
  for (auto row : rows) {
    Json::Value session;
    session["id"] = static_cast<Json::Int64>(row.integer(0));
    session["created_at"] = row.str(1);
    session["last_seen_at"] = row.str(2);
    session["ip"] = row.str(3);
    session["user_agent"] = row.str(4);
    session["current"] = row.integer(0) == current_session_id;
    sessions.append(session);
  }
  return sessions;
}

bool delete_own_session(db::Connection& db, SessionStore& sessions, long long user_id, long long session_id) {
  db::Transaction tx(db);
  if (!sessions.delete_session(tx, user_id, session_id)) return false;
  sessions.commit_revocation(tx);
  return true;
}

}  // namespace t2o::account
