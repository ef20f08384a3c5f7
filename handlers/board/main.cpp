// t2o-board: Kanban boards, their columns and tickets. Reading needs a session; every
// write needs the `edit` permission (and, being a write, the CSRF header).
#include "board/board_routes.hpp"
#include "server/fcgi_server.hpp"

namespace {

using namespace t2o;

const Route kRoutes[] = {
    {Method::Get, "/boards", board::get_boards, kSession},
    {Method::Post, "/boards", board::post_boards, needs("edit")},
    {Method::Put, "/boards", board::put_boards, needs("edit")},
    {Method::Delete, "/boards", board::delete_boards, needs("edit")},
    {Method::Get, "/boards/<int:board_id>", board::get_board, kSession},
    {Method::Get, "/boards/<int:board_id>/columns", board::get_columns, kSession},
    {Method::Post, "/boards/<int:board_id>/columns", board::post_columns, needs("edit")},
    {Method::Put, "/boards/<int:board_id>/columns", board::put_columns, needs("edit")},
    {Method::Delete, "/boards/<int:board_id>/columns", board::delete_columns, needs("edit")},
    {Method::Get, "/columns/<int:column_id>/tickets", board::get_tickets, kSession},
    {Method::Post, "/columns/<int:column_id>/tickets", board::post_tickets, needs("edit")},
    {Method::Put, "/columns/<int:column_id>/tickets", board::put_tickets, needs("edit")},
    {Method::Delete, "/columns/<int:column_id>/tickets", board::delete_tickets, needs("edit")},
};

}  // namespace

int main() { return t2o::fcgi::serve("board", kRoutes); }
