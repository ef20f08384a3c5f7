#include "board/board_routes.hpp"
#include "board/request_fields.hpp"
#include "board/ticket_service.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {
namespace {

Json::Value ticket_json(const Ticket& ticket) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(ticket.id);
  json["title"] = ticket.title;
  json["description"] = ticket.description;
  json["position"] = ticket.position;
  return json;
}

}  // namespace

Response get_tickets(Context& context, const Request& request) {
  Json::Value tickets(Json::arrayValue);  // API.md: a bare array
  for (const Ticket& ticket : list_tickets(context.db(), path_id(request, "column_id"))) {
    tickets.append(ticket_json(ticket));
  }
  return json_response(200, tickets);
}

Response post_tickets(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const NewTicket ticket{.title = json::optional_string(body, "title").value_or(""),
                         .description = json::optional_string(body, "description").value_or(""),
                         .position = json::optional_int(body, "position")};
  const long long column_id = path_id(request, "column_id");
  return created(
      db::in_transaction(context.db(), [&](db::Transaction& tx) { return create_ticket(tx, column_id, ticket); }));
}

Response put_tickets(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  const TicketChange change{.title = json::optional_string(body, "title"),
                            .description = json::optional_string(body, "description"),
                            .position = json::optional_int(body, "position"),
                            .column_id = json::optional_int(body, "column_id")};
  const long long column_id = path_id(request, "column_id");
  const TicketState state =
      db::in_transaction(context.db(), [&](db::Transaction& tx) { return update_ticket(tx, column_id, id, change); });
  Json::Value fields = ticket_json(state.ticket);
  fields["column_id"] = static_cast<Json::Int64>(state.column_id);
  fields["created_at"] = iso_utc(state.created_at);
  fields["updated_at"] = iso_utc(state.updated_at);
  return success_with(fields);
}

Response delete_tickets(Context& context, const Request& request) {
  const long long column_id = path_id(request, "column_id");
  const long long id = required_id(parse_body(request));
  db::in_transaction(context.db(), [&](db::Transaction& tx) { delete_ticket(tx, column_id, id); });
  return no_content();
}

}  // namespace t2o::board
