#pragma once
// The account group's logic: password change and the caller's own sessions, over the
// transaction (or, for reads, the connection) the caller gives.
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "session/session_store.hpp"
#include "util/utc_time.hpp"

namespace t2o::account {

// Checks the current password (Unauthorized when wrong) and the policy (BadRequest), then
// stores the new hash and deletes the user's other sessions.
void change_password(db::Transaction& tx, SessionStore& sessions, long long user_id, long long current_session_id,
                     const std::string& current_password, const std::string& new_password);

struct SessionSummary {
  long long id = 0;
  UtcTime created_at;
  UtcTime last_seen_at;
  std::string ip;
  std::string user_agent;
  bool current = false;
};

// The user's live sessions, newest first.
std::vector<SessionSummary> list_sessions(db::Executor& db, long long user_id, long long current_session_id);

// false when the id is not one of the user's sessions.
bool delete_own_session(db::Transaction& tx, SessionStore& sessions, long long user_id, long long session_id);

}  // namespace t2o::account
