#include "board/board_routes.hpp"
#include "board/column_service.hpp"
#include "board/request_fields.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {

Response get_columns(Context& context, const Request& request) {
  return json_response(200, list_columns(context.db(), path_id(request, "board_id")));
}

Response post_columns(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string name = json::optional_string(body, "name").value_or("");
  return created(create_column(context.db(), path_id(request, "board_id"), name, json::optional_int(body, "position")));
}

Response put_columns(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  const ColumnChange change{.name = json::optional_string(body, "name"),
                            .position = json::optional_int(body, "position")};
  return ok(update_column(context.db(), path_id(request, "board_id"), id, change));
}

Response delete_columns(Context& context, const Request& request) {
  delete_column(context.db(), path_id(request, "board_id"), required_id(parse_body(request)));
  return no_content();
}

}  // namespace t2o::board
