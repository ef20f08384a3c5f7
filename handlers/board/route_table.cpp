// t2o-board: Kanban boards, their columns and tickets. Reading needs a session; every
// write needs the `edit` permission (and, being a write, the CSRF header). Reads are
// answered from the process's AnswerCache while no board, column or ticket changed.
#include "board/route_table.hpp"

#include "board/board_routes.hpp"

namespace t2o::board {
namespace {

const Route kRoutes[] = {
    {Method::Get, "/boards", get_boards, kSession, EdgeLimit::None, Caching::Shared},
    {Method::Post, "/boards", post_boards, needs("edit")},
    {Method::Put, "/boards", put_boards, needs("edit")},
    {Method::Delete, "/boards", delete_boards, needs("edit")},
    {Method::Get, "/boards/<int:board_id>", get_board, kSession, EdgeLimit::None, Caching::Shared},
    {Method::Get, "/boards/<int:board_id>/columns", get_columns, kSession, EdgeLimit::None, Caching::Shared},
    {Method::Post, "/boards/<int:board_id>/columns", post_columns, needs("edit")},
    {Method::Put, "/boards/<int:board_id>/columns", put_columns, needs("edit")},
    {Method::Delete, "/boards/<int:board_id>/columns", delete_columns, needs("edit")},
    {Method::Get, "/columns/<int:column_id>/tickets", get_tickets, kSession, EdgeLimit::None, Caching::Shared},
    {Method::Post, "/columns/<int:column_id>/tickets", post_tickets, needs("edit")},
    {Method::Put, "/columns/<int:column_id>/tickets", put_tickets, needs("edit")},
    {Method::Delete, "/columns/<int:column_id>/tickets", delete_tickets, needs("edit")},
};

}  // namespace

const GroupTable& group_table() {
  static const GroupTable table{"board", kRoutes};
  return table;
}

}  // namespace t2o::board
