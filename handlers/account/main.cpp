// t2o-account: the caller's own account: password change and sessions.
#include "account/account_routes.hpp"
#include "server/fcgi_server.hpp"

namespace {

using namespace t2o;

const Route kRoutes[] = {
    {Method::Post, "/change_password", account::change_password, kSession},
    {Method::Get, "/sessions", account::list_sessions, kSession},
    {Method::Delete, "/sessions/<int:id>", account::delete_session, kSession},
};

}  // namespace

int main() { return t2o::fcgi::serve("account", kRoutes); }
