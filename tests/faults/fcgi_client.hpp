#pragma once
// A minimal FastCGI client (one request per TCP connection), so a test can talk to one
// app host's handlers directly, past nginx's balancing: "log out on host A, is the cookie
// refused on host B?".
#include <map>
#include <string>

namespace t2o::faults {

struct FcgiRequest {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;  // "Cookie" -> HTTP_COOKIE, ...
};

struct FcgiResponse {
  int status = 0;  // 0: no answer (the error says why)
  std::string error;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Sends `request` to the FastCGI server at address:port and reads the whole answer.
FcgiResponse fcgi_call(const std::string& address, int port, const FcgiRequest& request);

}  // namespace t2o::faults
