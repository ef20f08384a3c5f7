#pragma once
// Row locks taken before any renumbering, always in one order so concurrent writers cannot
// deadlock: a board before its columns, columns by ascending id. Ticket writers lock only
// the columns they touch; board and column writers lock the board and then every column
// of it, because their UPDATEs reach several column rows in no particular order.
#include <map>
#include <vector>

#include "db/connection.hpp"

namespace t2o::board {

// Locks the board and all its columns; false when there is no such board.
bool lock_board(db::Transaction& tx, long long board_id);

// Locks the columns that exist among `column_ids`; returns column id -> board id for them.
std::map<long long, long long> lock_columns(db::Transaction& tx, std::vector<long long> column_ids);

}  // namespace t2o::board
