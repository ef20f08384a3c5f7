#pragma once
// Boards (API.md "Board group"): the list, create, rename and delete. The whole board in
// one read is board/board_view.hpp.
#include <json/json.h>

#include <string_view>

#include "db/connection.hpp"

namespace t2o::board {

// [{"id","name"}] by id.
Json::Value list_boards(db::Connection& db);
// Throws BadRequest for an empty or too long name; returns the new id.
long long create_board(db::Connection& db, std::string_view name);
// {"id","name"}; NotFound("Board not found").
Json::Value rename_board(db::Connection& db, long long board_id, std::string_view name);
// Its columns and tickets go with it; NotFound("Board not found").
void delete_board(db::Connection& db, long long board_id);

}  // namespace t2o::board
