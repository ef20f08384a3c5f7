#pragma once
// Boards (API.md "Board group"): the list, create, rename and delete. The whole board in
// one read is board/board_view.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace t2o::board {

struct BoardSummary {
  long long id = 0;
  std::string name;
};

// By id.
std::vector<BoardSummary> list_boards(db::Executor& db);
// Throws BadRequest for an empty or too long name; returns the new id.
long long create_board(db::Transaction& tx, std::string_view name);
// NotFound("Board not found").
BoardSummary rename_board(db::Transaction& tx, long long board_id, std::string_view name);
// Its columns and tickets go with it; NotFound("Board not found").
void delete_board(db::Transaction& tx, long long board_id);

}  // namespace t2o::board
