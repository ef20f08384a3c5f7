#pragma once
// A board's columns: ordered by a dense 0-based position that inserts, moves and deletes
// keep dense.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace t2o::board {

struct Column {
  long long id = 0;
  std::string name;
  int position = 0;
};

struct ColumnChange {
  std::optional<std::string> name = std::nullopt;
  std::optional<long long> position = std::nullopt;
};

// By position; NotFound("Board not found").
std::vector<Column> list_columns(db::Executor& db, long long board_id);
// Inserts at `position` (absent or beyond the end: last), shifting the others; the new id.
long long create_column(db::Transaction& tx, long long board_id, std::string_view name,
                        std::optional<long long> position);
// NotFound("Board not found") / ("Column not found") when the column is not on that board.
Column update_column(db::Transaction& tx, long long board_id, long long column_id, const ColumnChange& change);
// Its tickets go with it; the columns after it move up.
void delete_column(db::Transaction& tx, long long board_id, long long column_id);

}  // namespace t2o::board
