#pragma once
// A column's tickets: ordered by a dense 0-based position; a ticket can move within its
// column or to another column of the same board, and both columns stay dense.
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "util/utc_time.hpp"

namespace t2o::board {

struct Ticket {
  long long id = 0;
  std::string title;
  std::string description;
  int position = 0;
};

// A ticket as an update answers it: where it is now and when it changed.
struct TicketState {
  Ticket ticket;
  long long column_id = 0;
  UtcTime created_at;
  UtcTime updated_at;
};

struct NewTicket {
  std::string title;
  std::string description = {};
  std::optional<long long> position = std::nullopt;  // absent or beyond the end: last
};

struct TicketChange {
  std::optional<std::string> title = std::nullopt;
  std::optional<std::string> description = std::nullopt;
  std::optional<long long> position = std::nullopt;   // in the target column
  std::optional<long long> column_id = std::nullopt;  // another column of the same board moves the ticket
};

// By position; NotFound("Column not found").
std::vector<Ticket> list_tickets(db::Executor& db, long long column_id);
// The new id; NotFound("Column not found").
long long create_ticket(db::Transaction& tx, long long column_id, const NewTicket& ticket);
// NotFound("Column not found") for an unknown column or a target on another board,
// NotFound("Ticket not found") when the ticket is not in `column_id`.
TicketState update_ticket(db::Transaction& tx, long long column_id, long long ticket_id, const TicketChange& change);
// The tickets after it move up.
void delete_ticket(db::Transaction& tx, long long column_id, long long ticket_id);

}  // namespace t2o::board
