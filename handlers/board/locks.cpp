#include "board/locks.hpp"

#include <algorithm>
#include <string>

namespace t2o::board {

namespace {

constexpr const char* kLockBoard = "SELECT 1 FROM boards WHERE id = $1 FOR UPDATE";
// ORDER BY runs before the row locks are taken, so they are taken in id order.
constexpr const char* kLockBoardColumns = "SELECT 1 FROM board_columns WHERE board_id = $1 ORDER BY id FOR UPDATE";
constexpr const char* kLockColumns =
    "SELECT id, board_id FROM board_columns WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE";

}  // namespace

bool lock_board(db::Transaction& tx, long long board_id) {
  if (tx.exec(kLockBoard, {board_id}).empty()) return false;
  tx.exec(kLockBoardColumns, {board_id});
  return true;
}

std::map<long long, long long> lock_columns(db::Transaction& tx, std::vector<long long> column_ids) {
  std::sort(column_ids.begin(), column_ids.end());
  std::string id_array = "{";
  for (long long id : column_ids) id_array += (id_array.size() > 1 ? "," : "") + std::to_string(id);
  id_array += "}";
  std::map<long long, long long> boards;
  for (auto row : tx.exec(kLockColumns, {id_array})) boards.emplace(row.integer("id"), row.integer("board_id"));
  return boards;
}

}  // namespace t2o::board
