// t2o-account: the caller's own account: profile, password, sessions, and the request log.
#include "account/account_routes.hpp"
#include "server/fcgi_server.hpp"

namespace {

using namespace t2o;

const Route kRoutes[] = {
    {Method::Post, "/change_password", account::change_password, kSession},
    {Method::Get, "/sessions", account::list_sessions, kSession},
    {Method::Delete, "/sessions/<int:id>", account::delete_session, kSession},
    {Method::Post, "/update_profile", account::update_profile, kSession},
    {Method::Get, "/logs", account::logs, kSession},
};

}  // namespace

int main() { return t2o::fcgi::serve("account", kRoutes); }
