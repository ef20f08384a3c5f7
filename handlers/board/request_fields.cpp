#include "board/request_fields.hpp"

#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::board {

long long path_id(const Request& request, const char* name) {
  const auto id = text::parse_int(request.path_params.at(name));
  if (!id) throw NotFound();  // unreachable behind an <int:...> pattern
  return *id;
}

long long required_id(const Json::Value& body, const char* field) {
  const auto id = json::optional_int(body, field);
  if (!id) throw BadRequest(std::string(field) + " is required");
  return *id;
}

Response created(long long id) {
  Json::Value fields;
  fields["id"] = static_cast<Json::Int64>(id);
  return success_with(fields, {}, 201);
}

Response no_content() {
  Response response;
  response.status = 204;
  return response;
}

}  // namespace t2o::board
