#pragma once
// Typed errors. Handlers throw these; server/error_mapping.cpp turns them into the JSON
// error shape in one place. Anything else that escapes a handler becomes a logged 500.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace t2o {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }
  // Extra response headers, e.g. Allow on 405.
  std::vector<std::pair<std::string, std::string>> headers;

 private:
  int status_;
};

struct BadRequest : HttpError { explicit BadRequest(std::string m) : HttpError(400, std::move(m)) {} };
struct Unauthorized : HttpError {
  explicit Unauthorized(std::string m = "Please log in to access this resource.") : HttpError(401, std::move(m)) {}
};
struct Forbidden : HttpError { explicit Forbidden(std::string m = "Unauthorized access") : HttpError(403, std::move(m)) {} };
struct NotFound : HttpError { explicit NotFound(std::string m = "Not found") : HttpError(404, std::move(m)) {} };
struct Conflict : HttpError { explicit Conflict(std::string m) : HttpError(409, std::move(m)) {} };
struct TooManyRequests : HttpError { explicit TooManyRequests(std::string m) : HttpError(429, std::move(m)) {} };
struct BadGateway : HttpError { explicit BadGateway(std::string m) : HttpError(502, std::move(m)) {} };
struct ServiceUnavailable : HttpError {
  explicit ServiceUnavailable(std::string m = "Service temporarily unavailable") : HttpError(503, std::move(m)) {}
};

inline const char* const kCsrfFailed = "CSRF token validation failed";

}  // namespace t2o
