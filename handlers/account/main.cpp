// t2o-account: serves the account group's route table (account/route_table.cpp) over FastCGI.
#include "account/route_table.hpp"
#include "server/fcgi_server.hpp"

int main() { return t2o::fcgi::serve(t2o::account::group_table()); }
