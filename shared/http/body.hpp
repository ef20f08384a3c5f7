#pragma once
// Request bodies as one shape: a JSON value. JSON bodies are parsed strictly; urlencoded
// and multipart/form-data text fields become a JSON object of strings, so handlers read
// fields the same way whatever the client posted.
#include <json/json.h>

#include <string_view>

#include "http/request.hpp"

namespace t2o {

// Throws BadRequest on malformed bodies. An empty body is an empty object.
Json::Value parse_body(const Request& request);

Json::Value parse_urlencoded(std::string_view body);
// Text fields of a multipart/form-data body; file parts are ignored.
Json::Value parse_multipart(std::string_view body, std::string_view boundary);
// The boundary parameter of a multipart Content-Type header, or "".
std::string_view multipart_boundary(std::string_view content_type_header);

}  // namespace t2o
