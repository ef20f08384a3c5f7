#pragma once
// The account group's logic: password change and the caller's own sessions.
#include <json/json.h>

#include <string>

#include "db/connection.hpp"
#include "session/session_store.hpp"

namespace t2o::account {

// Checks the current password (Unauthorized when wrong) and the policy (BadRequest), then
// stores the new hash and deletes the user's other sessions.
void change_password(db::Connection& db, SessionStore& sessions, long long user_id, long long current_session_id,
                     const std::string& current_password, const std::string& new_password);

// [{"id","created_at","last_seen_at","ip","user_agent","current"}], newest first.
Json::Value list_sessions(db::Connection& db, long long user_id, long long current_session_id);

// false when the id is not one of the user's sessions.
bool delete_own_session(db::Connection& db, SessionStore& sessions, long long user_id, long long session_id);

}  // namespace t2o::account
