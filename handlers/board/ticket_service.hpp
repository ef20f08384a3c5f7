#pragma once
// A column's tickets: ordered by a dense 0-based position; a ticket can move within its
// column or to another column of the same board, and both columns stay dense.
#include <json/json.h>

#include <optional>
#include <string>

#include "db/connection.hpp"

namespace t2o::board {

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

// [{"id","title","description","position"}] by position; NotFound("Column not found").
Json::Value list_tickets(db::Connection& db, long long column_id);
// The new id; NotFound("Column not found").
long long create_ticket(db::Connection& db, long long column_id, const NewTicket& ticket);
// {"id","title","description","position","column_id","created_at","updated_at"};
// NotFound("Column not found") for an unknown column or a target on another board,
// NotFound("Ticket not found") when the ticket is not in `column_id`.
Json::Value update_ticket(db::Connection& db, long long column_id, long long ticket_id, const TicketChange& change);
// The tickets after it move up.
void delete_ticket(db::Connection& db, long long column_id, long long ticket_id);

}  // namespace t2o::board
