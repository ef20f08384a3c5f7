#pragma once
// GET /boards/<board_id>: the whole board, columns with their tickets, in one response
// from one query.
#include <string>

#include "db/connection.hpp"

namespace t2o::board {

// The response body: {"success":true,"id","name","columns":[{"id","name","position",
// "tickets":[{"id","title","description","position","created_at","updated_at"}]}]}, both
// levels by position. NotFound("Board not found").
std::string board_view_json(db::Connection& db, long long board_id);

}  // namespace t2o::board
