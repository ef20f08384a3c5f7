#include "security/guard.hpp"

#include "errors/http_error.hpp"

namespace t2o {

bool user_has_permission(db::Executor& db, long long user_id, std::string_view permission) {
  return db.exec(kHasPermissionSql, {user_id, permission}).one_row().boolean("held");
}

void require_permission(const Context& context, std::string_view permission) {
  const SessionInfo& session = context.require_session();
  if (!user_has_permission(context.db(), session.user_id, permission)) throw Forbidden();
}

}  // namespace t2o
