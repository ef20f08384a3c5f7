// t2o-admin: serves the admin group's route table (admin/route_table.cpp) over FastCGI.
#include "admin/route_table.hpp"
#include "server/fcgi_server.hpp"

int main() { return t2o::fcgi::serve(t2o::admin::group_table()); }
