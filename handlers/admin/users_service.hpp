#pragma once
// Users as the admin group sees them: listing, and giving or taking roles.
#include <json/json.h>

#include <optional>
#include <string>

#include "audit/audit_log.hpp"
#include "db/connection.hpp"

namespace t2o::admin {

inline constexpr long long kMaxUsersPerPage = 1000;

struct UserPage {
  Json::Value users;  // [{"id","first_name","last_name","username","email"}]
  long long total = 0;
};

// `per_page` absent: every user (the original's behaviour), capped at kMaxUsersPerPage.
// `query` matches name, username or email, case-insensitively.
UserPage user_details(db::Connection& db, long long page, std::optional<long long> per_page,
                      const std::optional<std::string>& query);

Json::Value all_user_profiles(db::Connection& db);  // [USER]

// Idempotent. NotFound("User not found" / "Role not found"); Forbidden when the role
// carries a permission the caller lacks; Conflict when no admin would remain (revoke).
void assign_role_to_user(db::Connection& db, const AuditActor& actor, long long user_id, long long role_id);
void revoke_role_from_user(db::Connection& db, const AuditActor& actor, long long user_id, long long role_id);

}  // namespace t2o::admin
