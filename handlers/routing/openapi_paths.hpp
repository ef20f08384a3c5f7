#pragma once
// A route pattern in OpenAPI's terms: /boards/<int:board_id>/columns is the path
// /boards/{board_id}/columns with one integer path parameter, board_id.
#include <string>
#include <string_view>
#include <vector>

#include "server/route.hpp"

namespace t2o::routing {

struct PathParameter {
  std::string name;
  bool is_integer = false;  // <int:name>: digits only (nginx routes nothing else there)
};

std::string openapi_path(std::string_view pattern);
std::vector<PathParameter> path_parameters(std::string_view pattern);

// "POST /signup": how openapi_operations.json names a route.
std::string operation_key(Method method, std::string_view pattern);
// post_boards_board_id_columns: unique per method and pattern, and URL-safe.
std::string operation_id(Method method, std::string_view pattern);

}  // namespace t2o::routing
