#include "board/ticket_service.hpp"

#include "board/fields.hpp"
#include "board/locks.hpp"
#include "board/positions.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

// Read after the column lock is held, so the position cannot change under us.
constexpr const char* kSelectPosition = "SELECT position FROM tickets WHERE id = $1 AND column_id = $2 FOR UPDATE";
constexpr const char* kMoveToColumn = "UPDATE tickets SET column_id = $2, position = $3 WHERE id = $1";
// The LEFT JOIN tells "no such column" (no row) from "no tickets" (one row of NULLs).
constexpr db::Query kSelectTickets = db::idempotent(
    "SELECT t.id, t.title, t.description, t.position FROM board_columns c "
    "LEFT JOIN tickets t ON t.column_id = c.id WHERE c.id = $1 ORDER BY t.position");
constexpr const char* kInsertTicket =
    "INSERT INTO tickets (column_id, title, description, position) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr const char* kEditTicket =
    "UPDATE tickets SET title = COALESCE($2, title), description = COALESCE($3, description), "
    "       updated_at = now() WHERE id = $1 "
    "RETURNING id, title, description, position, column_id, epoch_us(created_at) AS created_at, "
    "          epoch_us(updated_at) AS updated_at";
constexpr const char* kDeleteTicket = "DELETE FROM tickets WHERE id = $1";

Ticket ticket_from(const db::Row& row) {
  return {row.integer("id"), row.str("title"), row.str("description"), static_cast<int>(row.integer("position"))};
}

// Locks the column; throws NotFound when it does not exist.
void lock_existing_column(db::Transaction& tx, long long column_id) {
  if (lock_columns(tx, {column_id}).empty()) throw NotFound("Column not found");
}

int ticket_position(db::Transaction& tx, long long column_id, long long ticket_id) {
  auto row = tx.exec(kSelectPosition, {ticket_id, column_id}).optional_row();
  if (!row) throw NotFound("Ticket not found");
  return static_cast<int>(row->integer("position"));
}

// Moves the ticket from (source, from) to the end or `requested` place of `target`.
void move_across(db::Transaction& tx, long long ticket_id, long long source, int from, long long target,
                 std::optional<long long> requested) {
  const int to = insertion_point(requested, list_size(tx, kColumnTickets, target));
  open_gap(tx, kColumnTickets, target, to);
  tx.exec(kMoveToColumn, {ticket_id, target, to});
  close_gap(tx, kColumnTickets, source, from);
}

}  // namespace

std::vector<Ticket> list_tickets(db::Executor& db, long long column_id) {
  const db::Result rows = db.exec(kSelectTickets, {column_id});
  if (rows.empty()) throw NotFound("Column not found");
  std::vector<Ticket> tickets;
  for (auto row : rows) {
    if (!row.is_null("id")) tickets.push_back(ticket_from(row));
  }
  return tickets;
}

long long create_ticket(db::Transaction& tx, long long column_id, const NewTicket& ticket) {
  const std::string title = checked_name(ticket.title, "title");
  const std::string description = checked_description(ticket.description);
  const auto requested = checked_position(ticket.position);
  lock_existing_column(tx, column_id);
  const int at = insertion_point(requested, list_size(tx, kColumnTickets, column_id));
  open_gap(tx, kColumnTickets, column_id, at);
  return tx.exec(kInsertTicket, {column_id, title, description, at}).one_row().integer("id");
}

TicketState update_ticket(db::Transaction& tx, long long column_id, long long ticket_id, const TicketChange& change) {
  std::optional<std::string> title;
  if (change.title) title = checked_name(*change.title, "title");
  std::optional<std::string> description;
  if (change.description) description = checked_description(*change.description);
  const auto requested = checked_position(change.position);
  const long long target = change.column_id.value_or(column_id);

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
  const db::Row row = tx.exec(kEditTicket, {ticket_id, title, description}).one_row();
  return {ticket_from(row), row.integer("column_id"), row.time("created_at"), row.time("updated_at")};
}

void delete_ticket(db::Transaction& tx, long long column_id, long long ticket_id) {
  lock_existing_column(tx, column_id);
  const int at = ticket_position(tx, column_id, ticket_id);
  tx.exec(kDeleteTicket, {ticket_id});
  close_gap(tx, kColumnTickets, column_id, at);
}

}  // namespace t2o::board
