#pragma once
// GET /boards/<board_id>: the whole board, columns with their tickets, from one query.
#include <string>
#include <vector>

#include "board/ticket_service.hpp"
#include "db/connection.hpp"

namespace t2o::board {

struct TicketView {
  Ticket ticket;
  UtcTime created_at;
  UtcTime updated_at;
};

struct ColumnView {
  long long id = 0;
  std::string name;
  int position = 0;
  std::vector<TicketView> tickets;  // by position
};

struct BoardView {
  long long id = 0;
  std::string name;
  std::vector<ColumnView> columns;  // by position
};

// NotFound("Board not found").
BoardView board_view(db::Executor& db, long long board_id);

}  // namespace t2o::board
