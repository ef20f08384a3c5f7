#pragma once
// A board's columns: ordered by a dense 0-based position that inserts, moves and deletes
// keep dense.
#include <json/json.h>

#include <optional>
#include <string>
#include <string_view>

#include "db/connection.hpp"

namespace t2o::board {

struct ColumnChange {
  std::optional<std::string> name = std::nullopt;
  std::optional<long long> position = std::nullopt;
};

// [{"id","name","position"}] by position; NotFound("Board not found").
Json::Value list_columns(db::Connection& db, long long board_id);
// Inserts at `position` (absent or beyond the end: last), shifting the others; the new id.
long long create_column(db::Connection& db, long long board_id, std::string_view name,
                        std::optional<long long> position);
// {"id","name","position"}; NotFound("Board not found") / ("Column not found") when the
// column is not on that board.
Json::Value update_column(db::Connection& db, long long board_id, long long column_id, const ColumnChange& change);
// Its tickets go with it; the columns after it move up.
void delete_column(db::Connection& db, long long board_id, long long column_id);

}  // namespace t2o::board
