#include "board/board_view.hpp"

#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

// One row per ticket (or per empty column, or one for an empty board), already in order:
// a single round trip and one consistent snapshot.
constexpr db::Query kSelectBoardView = db::idempotent(
    "SELECT b.name AS board_name, c.id AS column_id, c.name AS column_name, c.position AS column_position, "
    "       t.id AS ticket_id, t.title, t.description, t.position AS ticket_position, "
    "       epoch_us(t.created_at) AS created_at, epoch_us(t.updated_at) AS updated_at "
    "FROM boards b "
    "LEFT JOIN board_columns c ON c.board_id = b.id "
    "LEFT JOIN tickets t ON t.column_id = c.id "
    "WHERE b.id = $1 "
    "ORDER BY c.position, t.position");

}  // namespace

BoardView board_view(db::Executor& db, long long board_id) {
  const db::Result rows = db.exec(kSelectBoardView, {board_id});
  if (rows.empty()) throw NotFound("Board not found");
  BoardView view{board_id, rows[0].str("board_name"), {}};
  // The column indexes once for all rows: a large board has a thousand of them.
  const db::Row first = rows[0];
  const int column_id = first.column("column_id"), column_name = first.column("column_name"),
            column_position = first.column("column_position"), ticket_id = first.column("ticket_id"),
            title = first.column("title"), description = first.column("description"),
            ticket_position = first.column("ticket_position"), created_at = first.column("created_at"),
            updated_at = first.column("updated_at");
  for (auto row : rows) {
    if (row.is_null(column_id)) break;  // a board without columns: its one row
    const long long id = row.integer(column_id);
    if (view.columns.empty() || view.columns.back().id != id) {
      view.columns.push_back({id, row.str(column_name), static_cast<int>(row.integer(column_position)), {}});
    }
    if (row.is_null(ticket_id)) continue;  // an empty column
    view.columns.back().tickets.push_back(
        {Ticket{row.integer(ticket_id), row.str(title), row.str(description),
                static_cast<int>(row.integer(ticket_position))},
         UtcTime{row.integer(created_at)}, UtcTime{row.integer(updated_at)}});
  }
  return view;
}

}  // namespace t2o::board
