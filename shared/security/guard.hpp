#pragma once
// The permission guard every group uses: a route declares needs("manage_users") and the
// dispatcher calls require_permission: from the process's AnswerCache of each user's
// permission names when it has one, else with one indexed query.
#include <string_view>

#include "server/context.hpp"

namespace t2o {

// $1 user id, $2 permission name -> one boolean row. Shared with the RBAC rules, which ask
// the same question inside their transactions.
inline constexpr db::Query kHasPermissionSql = db::idempotent(
    "SELECT EXISTS (SELECT 1 FROM user_roles ur "
    "JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "JOIN permissions p ON p.id = rp.permission_id "
    "WHERE ur.user_id = $1 AND p.name = $2) AS held");

bool user_has_permission(db::Executor& db, long long user_id, std::string_view permission);
// Throws Unauthorized without a session, Forbidden("Unauthorized access") without the permission.
void require_permission(const Context& context, std::string_view permission);

}  // namespace t2o
