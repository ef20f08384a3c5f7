#include "board/board_view.hpp"

#include "board/json_text.hpp"
#include "errors/http_error.hpp"

namespace t2o::board {
namespace {

// One row per ticket (or per empty column, or one for an empty board), already in order:
// a single round trip and one consistent snapshot.
constexpr const char* kSelectBoardView =
    "SELECT b.name, c.id, c.name, c.position, t.id, t.title, t.description, t.position, "
    "       to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "       to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM boards b "
    "LEFT JOIN board_columns c ON c.board_id = b.id "
    "LEFT JOIN tickets t ON t.column_id = c.id "
    "WHERE b.id = $1 "
    "ORDER BY c.position, t.position";

// Integer columns come from PostgreSQL as plain decimal text: valid JSON numbers as they are.
void append_ticket(std::string& out, const db::Row& row) {
  out += "{\"id\":";
  out += row.view(4);
  out += ",\"title\":";
  append_json_string(out, row.view(5));
  out += ",\"description\":";
  append_json_string(out, row.view(6));
  out += ",\"position\":";
  out += row.view(7);
  out += ",\"created_at\":";
  append_json_string(out, row.view(8));
  out += ",\"updated_at\":";
  append_json_string(out, row.view(9));
  out += '}';
}

}  // namespace

std::string board_view_json(db::Connection& db, long long board_id) {
  const db::Result rows = db.exec(kSelectBoardView, {board_id});
  if (rows.empty()) throw NotFound("Board not found");
  std::string out;
  out.reserve(256 + static_cast<std::size_t>(rows.size()) * 256);
  out += "{\"success\":true,\"id\":";
  out += std::to_string(board_id);
  out += ",\"name\":";
  append_json_string(out, rows[0].view(0));
  out += ",\"columns\":[";
  bool in_column = false;
  std::string_view column_id;
  for (auto row : rows) {
    if (row.is_null(1)) break;  // a board without columns: its one row
    if (!in_column || row.view(1) != column_id) {
      if (in_column) out += "]},";
      in_column = true;
      column_id = row.view(1);
      out += "{\"id\":";
      out += column_id;
      out += ",\"name\":";
      append_json_string(out, row.view(2));
      out += ",\"position\":";
      out += row.view(3);
      out += ",\"tickets\":[";
    } else {
      out += ',';
    }
    if (!row.is_null(4)) append_ticket(out, row);
  }
  if (in_column) out += "]}";
  out += "]}";
  return out;
}

}  // namespace t2o::board
