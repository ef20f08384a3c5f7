#include "board/board_routes.hpp"

#include "board/board_service.hpp"
#include "board/board_view.hpp"
#include "board/request_fields.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {

Response get_boards(Context& context, const Request&) { return json_response(200, list_boards(context.db())); }

Response post_boards(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  return created(create_board(context.db(), json::optional_string(body, "name").value_or("")));
}

Response put_boards(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  return ok(rename_board(context.db(), id, json::optional_string(body, "name").value_or("")));
}

Response delete_boards(Context& context, const Request& request) {
  delete_board(context.db(), required_id(parse_body(request)));
  return no_content();
}

Response get_board(Context& context, const Request& request) {
  // Written as text straight from the rows: the board is the group's largest answer.
  Response response;
  response.body = board_view_json(context.db(), path_id(request, "board_id"));
  return response;
}

}  // namespace t2o::board
