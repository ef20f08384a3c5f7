#pragma once
// The rules that keep role changes safe: no privilege escalation (a caller cannot hand out
// or take away a permission they do not hold themselves), and no lock-out (some user must
// always hold manage_admin).
#include <string_view>

#include "db/connection.hpp"

namespace t2o::rbac {

// Serialises every role/permission change, so the lock-out check cannot race.
void lock_rbac_changes(db::Transaction& tx);

bool holds_every_permission_of_role(db::Transaction& tx, long long caller_id, long long role_id);
bool holds_every_permission_of_user(db::Transaction& tx, long long caller_id, long long user_id);
bool holds_permission(db::Transaction& tx, long long caller_id, std::string_view permission);

// Throws Conflict when, inside `tx`, no user holds manage_admin any more.
void require_an_admin_remains(db::Transaction& tx);

}  // namespace t2o::rbac
