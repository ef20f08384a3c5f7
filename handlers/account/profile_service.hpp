#pragma once
// Editing a profile: the caller's own, or another user's with manage_users (and only a
// user whose permissions the caller holds too, so an editor cannot take over a superior
// account by changing its email).
#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "config/config.hpp"
#include "db/connection.hpp"
#include "session/session_store.hpp"

namespace t2o::account {

struct ProfileUpdate {
  long long user_id = 0;  // whose profile
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string email;
  std::optional<std::string> password;
};

// Validates and saves. A new email is marked unverified and gets a verification link; a
// new password ends the user's other sessions. Throws BadRequest with API.md's messages
// ("Email already in use." / "Username already exists."), NotFound, Forbidden.
void update_profile(db::Transaction& tx, SessionStore& sessions, const Config& config, const AuditActor& actor,
                    long long actor_session_id, const ProfileUpdate& update);

}  // namespace t2o::account
