#pragma once
// The one place where exceptions become HTTP responses.
#include <exception>
#include <string>

#include "http/response.hpp"

namespace t2o {

struct MappedError {
  Response response;
  bool unexpected = false;  // a 5xx the operator should look at
  std::string detail;       // for the log only, never sent to the client
};

MappedError map_exception(std::exception_ptr error);

}  // namespace t2o
