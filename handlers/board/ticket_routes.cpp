#include "board/board_routes.hpp"
#include "board/request_fields.hpp"
#include "board/ticket_service.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {

Response get_tickets(Context& context, const Request& request) {
  return json_response(200, list_tickets(context.db(), path_id(request, "column_id")));
}

Response post_tickets(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const NewTicket ticket{.title = json::optional_string(body, "title").value_or(""),
                         .description = json::optional_string(body, "description").value_or(""),
                         .position = json::optional_int(body, "position")};
  return created(create_ticket(context.db(), path_id(request, "column_id"), ticket));
}

Response put_tickets(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  const TicketChange change{.title = json::optional_string(body, "title"),
                            .description = json::optional_string(body, "description"),
                            .position = json::optional_int(body, "position"),
                            .column_id = json::optional_int(body, "column_id")};
  return ok(update_ticket(context.db(), path_id(request, "column_id"), id, change));
}

Response delete_tickets(Context& context, const Request& request) {
  delete_ticket(context.db(), path_id(request, "column_id"), required_id(parse_body(request)));
  return no_content();
}

}  // namespace t2o::board
