#include "board/board_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {

Json::Value list_boards(db::Connection& db) {
  Json::Value boards(Json::arrayValue);
  for (auto row : db.exec("SELECT id, name FROM boards ORDER BY id")) {
    Json::Value board;
    board["id"] = static_cast<Json::Int64>(row.integer(0));
    board["name"] = row.str(1);
    boards.append(board);
  }
  return boards;
}

long long create_board(db::Connection& db, std::string_view name) {
  const std::string checked = checked_name(name, "name");
  return db.exec("INSERT INTO boards (name) VALUES ($1) RETURNING id", {checked}).one_row().integer(0);
}

Json::Value rename_board(db::Connection& db, long long board_id, std::string_view name) {
  const std::string checked = checked_name(name, "name");
  auto row =
      db.exec("UPDATE boards SET name = $2, updated_at = now() WHERE id = $1 RETURNING id, name", {board_id, checked})
          .optional_row();
  if (!row) throw NotFound("Board not found");
  Json::Value board;
  board["id"] = static_cast<Json::Int64>(row->integer(0));
  board["name"] = row->str(1);
  return board;
}

void delete_board(db::Connection& db, long long board_id) {
  db::Transaction tx(db);
  // Locks first, in the shared order, so the cascade cannot deadlock with a ticket move.
  if (!lock_board(tx, board_id)) throw NotFound("Board not found");
  tx.exec("DELETE FROM boards WHERE id = $1", {board_id});
  tx.commit();
}

}  // namespace t2o::board
