// t2o-account: the caller's own account: profile, password, sessions, and the request log.
#include "account/route_table.hpp"

#include "account/account_routes.hpp"

namespace t2o::account {
namespace {

const Route kRoutes[] = {
    {Method::Post, "/change_password", change_password, kSession},
    {Method::Get, "/sessions", list_sessions, kSession},
    {Method::Delete, "/sessions/<int:id>", delete_session, kSession},
    {Method::Post, "/update_profile", update_profile, kSession},
    {Method::Get, "/logs", logs, kSession},
};

}  // namespace

const GroupTable& group_table() {
  static const GroupTable table{"account", kRoutes};
  return table;
}

}  // namespace t2o::account
