#pragma once
// The API's OpenAPI 3.1 document (served as GET /openapi.json), made from two sources that
// are checked against each other so it cannot drift from what the server does:
//   - the route tables decide which operations exist and everything about access: path and
//     method, path parameters, security (session cookie, CSRF header), x-permission, the
//     401/403 answers of the dispatcher and what nginx adds (429 brake, 413 body limit);
//   - routing/openapi_operations.json says what each operation means: summary, request
//     body, query parameters and the answers API.md documents.
// A JSON file rather than a C++ table: the descriptions are OpenAPI fragments (schemas,
// responses), which read and review best in OpenAPI's own notation, without escaping.
#include <json/json.h>

#include <span>
#include <stdexcept>
#include <string_view>

#include "server/route.hpp"

namespace t2o::routing {

// The descriptions and the tables disagree. what() lists every problem, one a line, each
// naming its route, e.g. "POST /signup (auth): no description in openapi_operations.json".
struct OpenApiMismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// routing/openapi_operations.json as committed, built into the library by CMake.
std::string_view openapi_operations_json();

// Throws OpenApiMismatch when a table route has no description, a description names no
// route, or a description sets what the tables decide.
Json::Value openapi_document(std::span<const GroupTable* const> groups, std::string_view operations_json);

}  // namespace t2o::routing
