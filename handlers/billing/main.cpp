// t2o-billing: serves the billing group's route table (billing/route_table.cpp) over FastCGI.
#include "billing/route_table.hpp"
#include "server/fcgi_server.hpp"

int main() { return t2o::fcgi::serve(t2o::billing::group_table()); }
