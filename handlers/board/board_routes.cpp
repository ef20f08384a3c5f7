#include "board/board_routes.hpp"

#include "board/board_service.hpp"
#include "board/board_view.hpp"
#include "board/json_text.hpp"
#include "board/request_fields.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {
namespace {

Json::Value board_summary_json(const BoardSummary& board) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(board.id);
  json["name"] = board.name;
  return json;
}

// The whole board as JSON text, written straight from the view: it is the group's largest
// answer, and a Json::Value tree of a thousand tickets would cost tens of thousands of
// allocations. {"success":true,"id","name","columns":[{"id","name","position","tickets":
// [{"id","title","description","position","created_at","updated_at"}]}]}
std::string board_json(const BoardView& board) {
  std::string out;
  out.reserve(256 + board.columns.size() * 64);
  out += "{\"success\":true,\"id\":" + std::to_string(board.id) + ",\"name\":";
  append_json_string(out, board.name);
  out += ",\"columns\":[";
  for (std::size_t c = 0; c < board.columns.size(); ++c) {
    const ColumnView& column = board.columns[c];
    if (c > 0) out += ',';
    out += "{\"id\":" + std::to_string(column.id) + ",\"name\":";
    append_json_string(out, column.name);
    out += ",\"position\":" + std::to_string(column.position) + ",\"tickets\":[";
    for (std::size_t t = 0; t < column.tickets.size(); ++t) {
      const TicketView& view = column.tickets[t];
      if (t > 0) out += ',';
      out += "{\"id\":" + std::to_string(view.ticket.id) + ",\"title\":";
      append_json_string(out, view.ticket.title);
      out += ",\"description\":";
      append_json_string(out, view.ticket.description);
      out += ",\"position\":" + std::to_string(view.ticket.position) + ",\"created_at\":\"" +
             iso_utc(view.created_at) + "\",\"updated_at\":\"" + iso_utc(view.updated_at) + "\"}";
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

}  // namespace

Response get_boards(Context& context, const Request&) {
  Json::Value boards(Json::arrayValue);  // API.md: a bare array
  for (const BoardSummary& board : list_boards(context.db())) boards.append(board_summary_json(board));
  return json_response(200, boards);
}

Response post_boards(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string name = json::optional_string(body, "name").value_or("");
  return created(db::in_transaction(context.db(), [&](db::Transaction& tx) { return create_board(tx, name); }));
}

Response put_boards(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  const std::string name = json::optional_string(body, "name").value_or("");
  const BoardSummary board =
      db::in_transaction(context.db(), [&](db::Transaction& tx) { return rename_board(tx, id, name); });
  return success_with(board_summary_json(board));
}

Response delete_boards(Context& context, const Request& request) {
  const long long id = required_id(parse_body(request));
  db::in_transaction(context.db(), [&](db::Transaction& tx) { delete_board(tx, id); });
  return no_content();
}

Response get_board(Context& context, const Request& request) {
  Response response;
  response.body = board_json(board_view(context.db(), path_id(request, "board_id")));
  return response;
}

}  // namespace t2o::board
