#include "board/column_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "board/positions.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

constexpr const char* kSelectPosition = "SELECT position FROM board_columns WHERE id = $1 AND board_id = $2";

Json::Value column_json(const db::Row& row) {
  Json::Value column;
  column["id"] = static_cast<Json::Int64>(row.integer(0));
  column["name"] = row.str(1);
  column["position"] = static_cast<int>(row.integer(2));
  return column;
}

// The board and all its columns locked; throws NotFound for an unknown board.
void lock_existing_board(db::Transaction& tx, long long board_id) {
  if (!lock_board(tx, board_id)) throw NotFound("Board not found");
}

// The column's position on the board; throws NotFound when it is not there.
int column_position(db::Transaction& tx, long long board_id, long long column_id) {
  auto row = tx.exec(kSelectPosition, {column_id, board_id}).optional_row();
  if (!row) throw NotFound("Column not found");
  return static_cast<int>(row->integer(0));
}

}  // namespace

Json::Value list_columns(db::Connection& db, long long board_id) {
  // The LEFT JOIN tells "no such board" (no row) from "no columns" (one row of NULLs).
  const db::Result rows = db.exec(
      "SELECT c.id, c.name, c.position FROM boards b LEFT JOIN board_columns c ON c.board_id = b.id "
      "WHERE b.id = $1 ORDER BY c.position",
      {board_id});
  if (rows.empty()) throw NotFound("Board not found");
  Json::Value columns(Json::arrayValue);
  for (auto row : rows) {
    if (!row.is_null(0)) columns.append(column_json(row));
  }
  return columns;
}

long long create_column(db::Connection& db, long long board_id, std::string_view name,
                        std::optional<long long> position) {
  const std::string checked = checked_name(name, "name");
  const auto requested = checked_position(position);
  db::Transaction tx(db);
  lock_existing_board(tx, board_id);
  const int at = insertion_point(requested, list_size(tx, kBoardColumns, board_id));
  open_gap(tx, kBoardColumns, board_id, at);
  const long long id = tx.exec("INSERT INTO board_columns (board_id, name, position) VALUES ($1, $2, $3) RETURNING id",
                               {board_id, checked, at})
                           .one_row()
                           .integer(0);
  tx.commit();
  return id;
}

Json::Value update_column(db::Connection& db, long long board_id, long long column_id, const ColumnChange& change) {
  std::optional<std::string> name;
  if (change.name) name = checked_name(*change.name, "name");
  const auto requested = checked_position(change.position);
  db::Transaction tx(db);
  lock_existing_board(tx, board_id);
  const int from = column_position(tx, board_id, column_id);
  if (requested) {
    const int to = move_target(requested, list_size(tx, kBoardColumns, board_id), from);
    move_within(tx, kBoardColumns, board_id, column_id, from, to);
  }
  auto row = tx.exec(
                   "UPDATE board_columns SET name = COALESCE($2, name), updated_at = now() WHERE id = $1 "
                   "RETURNING id, name, position",
                   {column_id, name})
                 .one_row();
  tx.commit();
  return column_json(row);
}

void delete_column(db::Connection& db, long long board_id, long long column_id) {
  db::Transaction tx(db);
  lock_existing_board(tx, board_id);
  const int at = column_position(tx, board_id, column_id);
  tx.exec("DELETE FROM board_columns WHERE id = $1", {column_id});
  close_gap(tx, kBoardColumns, board_id, at);
  tx.commit();
}

}  // namespace t2o::board
