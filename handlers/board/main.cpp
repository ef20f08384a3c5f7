// t2o-board: serves the board group's route table (board/route_table.cpp) over FastCGI.
#include "board/route_table.hpp"
#include "server/fcgi_server.hpp"

int main() { return t2o::fcgi::serve(t2o::board::group_table()); }
