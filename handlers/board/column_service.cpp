#include "board/column_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "board/positions.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

constexpr const char* kSelectPosition = "SELECT position FROM board_columns WHERE id = $1 AND board_id = $2";
// The LEFT JOIN tells "no such board" (no row) from "no columns" (one row of NULLs).
constexpr db::Query kSelectColumns = db::idempotent(
    "SELECT c.id, c.name, c.position FROM boards b LEFT JOIN board_columns c ON c.board_id = b.id "
    "WHERE b.id = $1 ORDER BY c.position");
constexpr const char* kInsertColumn =
    "INSERT INTO board_columns (board_id, name, position) VALUES ($1, $2, $3) RETURNING id";
constexpr const char* kRenameColumn =
    "UPDATE board_columns SET name = COALESCE($2, name), updated_at = now() WHERE id = $1 "
    "RETURNING id, name, position";
constexpr const char* kDeleteColumn = "DELETE FROM board_columns WHERE id = $1";

Column column_from(const db::Row& row) {
  return {row.integer("id"), row.str("name"), static_cast<int>(row.integer("position"))};
}

// The board and all its columns locked; throws NotFound for an unknown board.
void lock_existing_board(db::Transaction& tx, long long board_id) {
  if (!lock_board(tx, board_id)) throw NotFound("Board not found");
}

// The column's position on the board; throws NotFound when it is not there.
int column_position(db::Transaction& tx, long long board_id, long long column_id) {
  auto row = tx.exec(kSelectPosition, {column_id, board_id}).optional_row();
  if (!row) throw NotFound("Column not found");
  return static_cast<int>(row->integer("position"));
}

}  // namespace

std::vector<Column> list_columns(db::Executor& db, long long board_id) {
  const db::Result rows = db.exec(kSelectColumns, {board_id});
  if (rows.empty()) throw NotFound("Board not found");
  std::vector<Column> columns;
  for (auto row : rows) {
    if (!row.is_null("id")) columns.push_back(column_from(row));
  }
  return columns;
}

long long create_column(db::Transaction& tx, long long board_id, std::string_view name,
                        std::optional<long long> position) {
  const std::string checked = checked_name(name, "name");
  const auto requested = checked_position(position);
  lock_existing_board(tx, board_id);
  const int at = insertion_point(requested, list_size(tx, kBoardColumns, board_id));
  open_gap(tx, kBoardColumns, board_id, at);
  return tx.exec(kInsertColumn, {board_id, checked, at}).one_row().integer("id");
}

Column update_column(db::Transaction& tx, long long board_id, long long column_id, const ColumnChange& change) {
  std::optional<std::string> name;
  if (change.name) name = checked_name(*change.name, "name");
  const auto requested = checked_position(change.position);
  lock_existing_board(tx, board_id);
  const int from = column_position(tx, board_id, column_id);
  if (requested) {
    const int to = move_target(requested, list_size(tx, kBoardColumns, board_id), from);
    move_within(tx, kBoardColumns, board_id, column_id, from, to);
  }
  return column_from(tx.exec(kRenameColumn, {column_id, name}).one_row());
}

void delete_column(db::Transaction& tx, long long board_id, long long column_id) {
  lock_existing_board(tx, board_id);
  const int at = column_position(tx, board_id, column_id);
  tx.exec(kDeleteColumn, {column_id});
  close_gap(tx, kBoardColumns, board_id, at);
}

}  // namespace t2o::board
