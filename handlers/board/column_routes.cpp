#include "board/board_routes.hpp"
#include "board/column_service.hpp"
#include "board/request_fields.hpp"
#include "http/body.hpp"
#include "json/json.hpp"

namespace t2o::board {
namespace {

Json::Value column_json(const Column& column) {
  Json::Value json;
  json["id"] = static_cast<Json::Int64>(column.id);
  json["name"] = column.name;
  json["position"] = column.position;
  return json;
}

}  // namespace

Response get_columns(Context& context, const Request& request) {
  Json::Value columns(Json::arrayValue);  // API.md: a bare array
  for (const Column& column : list_columns(context.db(), path_id(request, "board_id"))) {
    columns.append(column_json(column));
  }
  return json_response(200, columns);
}

Response post_columns(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const std::string name = json::optional_string(body, "name").value_or("");
  const long long board_id = path_id(request, "board_id");
  return created(db::in_transaction(context.db(), [&](db::Transaction& tx) {
    return create_column(tx, board_id, name, json::optional_int(body, "position"));
  }));
}

Response put_columns(Context& context, const Request& request) {
  const Json::Value body = parse_body(request);
  const long long id = required_id(body);
  const ColumnChange change{.name = json::optional_string(body, "name"),
                            .position = json::optional_int(body, "position")};
  const long long board_id = path_id(request, "board_id");
  const Column column =
      db::in_transaction(context.db(), [&](db::Transaction& tx) { return update_column(tx, board_id, id, change); });
  return success_with(column_json(column));
}

Response delete_columns(Context& context, const Request& request) {
  const long long board_id = path_id(request, "board_id");
  const long long id = required_id(parse_body(request));
  db::in_transaction(context.db(), [&](db::Transaction& tx) { delete_column(tx, board_id, id); });
  return no_content();
}

}  // namespace t2o::board
