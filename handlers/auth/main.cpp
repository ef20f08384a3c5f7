// t2o-auth: serves the auth group's route table (auth/route_table.cpp) over FastCGI.
#include "auth/route_table.hpp"
#include "server/fcgi_server.hpp"

int main() { return t2o::fcgi::serve(t2o::auth::group_table()); }
