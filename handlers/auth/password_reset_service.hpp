#pragma once
// Forgotten passwords: a single-use, hashed, one-hour token bound to the email.
#include <ctime>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "session/session_store.hpp"

namespace t2o::auth {

// Queues a reset mail when an account uses `email`; writes a row either way, so both cost
// the same (no account enumeration).
void request_password_reset(db::Transaction& tx, const Config& config, const std::string& email, std::time_t now);

// Sets the new password and deletes every session of the user. Throws BadRequest with
// API.md's messages (the caller rolls back, so a refused reset leaves the link usable).
void reset_password(db::Transaction& tx, SessionStore& sessions, const std::string& token, const std::string& email,
                    const std::string& new_password, std::time_t now);

}  // namespace t2o::auth
