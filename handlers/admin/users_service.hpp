#pragma once
// Users as the admin group sees them: listing, and giving or taking roles.
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "db/connection.hpp"
#include "users/user_profile.hpp"

namespace t2o::admin {

inline constexpr long long kMaxUsersPerPage = 1000;

struct UserSummary {
  long long id = 0;
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string email;
};

struct UserPage {
  std::vector<UserSummary> users;
  long long total = 0;
};

// `per_page` absent: every user (the original's behaviour), capped at kMaxUsersPerPage.
// `query` matches name, username or email, case-insensitively.
UserPage user_details(db::Executor& db, long long page, std::optional<long long> per_page,
                      const std::optional<std::string>& query);

// Every user with roles and permissions, in one query.
std::vector<users::UserProfile> all_user_profiles(db::Executor& db);

// Idempotent. NotFound("User not found" / "Role not found"); Forbidden when the role
// carries a permission the caller lacks; Conflict when no admin would remain (revoke).
void assign_role_to_user(db::Transaction& tx, const AuditActor& actor, long long user_id, long long role_id);
void revoke_role_from_user(db::Transaction& tx, const AuditActor& actor, long long user_id, long long role_id);

}  // namespace t2o::admin
