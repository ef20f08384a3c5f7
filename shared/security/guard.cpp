#include "security/guard.hpp"

#include <set>

#include "cache/answer_cache.hpp"
#include "errors/http_error.hpp"

namespace t2o {

bool user_has_permission(db::Executor& db, long long user_id, std::string_view permission) {
  return db.exec(kHasPermissionSql, {user_id, permission}).one_row().boolean("held");
}

namespace {

constexpr db::Query kSelectPermissionNames = db::idempotent(
    "SELECT DISTINCT p.name FROM user_roles ur "
    "JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "JOIN permissions p ON p.id = rp.permission_id "
    "WHERE ur.user_id = $1");

// From the process's cache when it has the user's names at the current data version;
// otherwise all of the user's names are read once and kept for the next check.
bool cached_user_has_permission(AnswerCache& cache, db::Executor& db, long long user_id,
                                std::string_view permission) {
  if (const auto* names = cache.permissions(user_id)) return names->contains(permission);
  std::set<std::string, std::less<>> names;
  for (auto row : db.exec(kSelectPermissionNames, {user_id})) names.insert(row.str("name"));
  const bool held = names.contains(permission);
  cache.store_permissions(user_id, std::move(names));
  return held;
}

}  // namespace

void require_permission(const Context& context, std::string_view permission) {
  const SessionInfo& session = context.require_session();
  const bool held = context.services.answers
                        ? cached_user_has_permission(*context.services.answers, context.db(), session.user_id, permission)
                        : user_has_permission(context.db(), session.user_id, permission);
  if (!held) throw Forbidden();
}

}  // namespace t2o
