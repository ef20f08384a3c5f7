#pragma once
// Reading the board routes' inputs (path ids, body fields) and writing their bare answers.
#include <json/json.h>

#include "http/request.hpp"
#include "http/response.hpp"

namespace t2o::board {

// A `<int:NAME>` path segment (the router has checked it is digits).
long long path_id(const Request& request, const char* name);
// A required integer body field; BadRequest("<field> is required") when absent.
long long required_id(const Json::Value& body, const char* field = "id");

// 201 {"success":true,"id":N}
Response created(long long id);
// 204, no body.
Response no_content();

}  // namespace t2o::board
