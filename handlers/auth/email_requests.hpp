#pragma once
// Records a forgot-password or resend-verification request (email as SHA-256 only).
#include <string>

#include "crypto/digest.hpp"
#include "db/connection.hpp"
#include "util/text.hpp"

namespace t2o::auth {

inline constexpr const char* kInsertEmailRequest = "INSERT INTO account_email_requests (kind, email_hash) VALUES ($1, $2)";

inline void record_email_request(db::Transaction& tx, const char* kind, const std::string& email) {
  tx.exec(kInsertEmailRequest, {kind, db::bytea(crypto::sha256(text::to_lower(email)))});
}

}  // namespace t2o::auth
