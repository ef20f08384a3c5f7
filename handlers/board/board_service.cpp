#include "board/board_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

constexpr db::Query kSelectBoards = db::idempotent("SELECT id, name FROM boards ORDER BY id");
constexpr const char* kInsertBoard = "INSERT INTO boards (name) VALUES ($1) RETURNING id";
constexpr const char* kRenameBoard = "UPDATE boards SET name = $2, updated_at = now() WHERE id = $1 RETURNING id, name";
constexpr const char* kDeleteBoard = "DELETE FROM boards WHERE id = $1";

}  // namespace

std::vector<BoardSummary> list_boards(db::Executor& db) {
  std::vector<BoardSummary> boards;
  for (auto row : db.exec(kSelectBoards)) boards.push_back({row.integer("id"), row.str("name")});
  return boards;
}

long long create_board(db::Transaction& tx, std::string_view name) {
  return tx.exec(kInsertBoard, {checked_name(name, "name")}).one_row().integer("id");
}

BoardSummary rename_board(db::Transaction& tx, long long board_id, std::string_view name) {
  auto row = tx.exec(kRenameBoard, {board_id, checked_name(name, "name")}).optional_row();
  if (!row) throw NotFound("Board not found");
  return {row->integer("id"), row->str("name")};
}

void delete_board(db::Transaction& tx, long long board_id) {
  // Locks first, in the shared order, so the cascade cannot deadlock with a ticket move.
  if (!lock_board(tx, board_id)) throw NotFound("Board not found");
  tx.exec(kDeleteBoard, {board_id});
}

}  // namespace t2o::board
