#include "board/ticket_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "board/positions.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

// Read after the column lock is held, so the position cannot change under us.
constexpr const char* kSelectPosition = "SELECT position FROM tickets WHERE id = $1 AND column_id = $2 FOR UPDATE";

// Locks the column; throws NotFound when it does not exist.
void lock_existing_column(db::Transaction& tx, long long column_id) {
  if (lock_columns(tx, {column_id}).empty()) throw NotFound("Column not found");
}

int ticket_position(db::Transaction& tx, long long column_id, long long ticket_id) {
  auto row = tx.exec(kSelectPosition, {ticket_id, column_id}).optional_row();
  if (!row) throw NotFound("Ticket not found");
  return static_cast<int>(row->integer(0));
}

// Moves the ticket from (source, from) to the end or `requested` place of `target`.
void move_across(db::Transaction& tx, long long ticket_id, long long source, int from, long long target,
                 std::optional<long long> requested) {
  const int to = insertion_point(requested, list_size(tx, kColumnTickets, target));
  open_gap(tx, kColumnTickets, target, to);
  tx.exec("UPDATE tickets SET column_id = $2, position = $3 WHERE id = $1", {ticket_id, target, to});
  close_gap(tx, kColumnTickets, source, from);
}

}  // namespace

Json::Value list_tickets(db::Connection& db, long long column_id) {
  // The LEFT JOIN tells "no such column" (no row) from "no tickets" (one row of NULLs).
  const db::Result rows = db.exec(
      "SELECT t.id, t.title, t.description, t.position FROM board_columns c "
      "LEFT JOIN tickets t ON t.column_id = c.id WHERE c.id = $1 ORDER BY t.position",
      {column_id});
  if (rows.empty()) throw NotFound("Column not found");
  Json::Value tickets(Json::arrayValue);
  for (auto row : rows) {
    if (row.is_null(0)) continue;
    Json::Value ticket;
    ticket["id"] = static_cast<Json::Int64>(row.integer(0));
    ticket["title"] = row.str(1);
    ticket["description"] = row.str(2);
    ticket["position"] = static_cast<int>(row.integer(3));
    tickets.append(std::move(ticket));
  }
  return tickets;
}

long long create_ticket(db::Connection& db, long long column_id, const NewTicket& ticket) {
  const std::string title = checked_name(ticket.title, "title");
  const std::string description = checked_description(ticket.description);
  const auto requested = checked_position(ticket.position);
  db::Transaction tx(db);
  lock_existing_column(tx, column_id);
  const int at = insertion_point(requested, list_size(tx, kColumnTickets, column_id));
  open_gap(tx, kColumnTickets, column_id, at);
  const long long id =
      tx.exec("INSERT INTO tickets (column_id, title, description, position) VALUES ($1, $2, $3, $4) RETURNING id",
              {column_id, title, description, at})
          .one_row()
          .integer(0);
  tx.commit();
  return id;
}

Json::Value update_ticket(db::Connection& db, long long column_id, long long ticket_id, const TicketChange& change) {
  std::optional<std::string> title;
  if (change.title) title = checked_name(*change.title, "title");
  std::optional<std::string> description;
  if (change.description) description = checked_description(*change.description);
  const auto requested = checked_position(change.position);
  const long long target = change.column_id.value_or(column_id);

  db::Transaction tx(db);
  const auto boards = lock_columns(tx, {column_id, target});
  const auto source_board = boards.find(column_id);
  if (source_board == boards.end()) throw NotFound("Column not found");
  const int from = ticket_position(tx, column_id, ticket_id);
  if (target != column_id) {
    const auto target_board = boards.find(target);
    if (target_board == boards.end() || target_board->second != source_board->second) {
      throw NotFound("Column not found");
    }
    move_across(tx, ticket_id, column_id, from, target, requested);
  } else if (requested) {
    const int to = move_target(requested, list_size(tx, kColumnTickets, column_id), from);
    move_within(tx, kColumnTickets, column_id, ticket_id, from, to);
  }
  auto row = tx.exec(
                   "UPDATE tickets SET title = COALESCE($2, title), description = COALESCE($3, description), "
                   "       updated_at = now() WHERE id = $1 "
                   "RETURNING id, title, description, position, column_id, "
                   "  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                   "  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
                   {ticket_id, title, description})
                 .one_row();
  tx.commit();
  Json::Value ticket;
  ticket["id"] = static_cast<Json::Int64>(row.integer(0));
  ticket["title"] = row.str(1);
  ticket["description"] = row.str(2);
  ticket["position"] = static_cast<int>(row.integer(3));
  ticket["column_id"] = static_cast<Json::Int64>(row.integer(4));
  ticket["created_at"] = row.str(5);
  ticket["updated_at"] = row.str(6);
  return ticket;
}

void delete_ticket(db::Connection& db, long long column_id, long long ticket_id) {
  db::Transaction tx(db);
  lock_existing_column(tx, column_id);
  const int at = ticket_position(tx, column_id, ticket_id);
  tx.exec("DELETE FROM tickets WHERE id = $1", {ticket_id});
  close_gap(tx, kColumnTickets, column_id, at);
  tx.commit();
}

}  // namespace t2o::board
