#include "fcgi_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <vector>

namespace t2o::faults {
namespace {

enum : std::uint8_t { kBeginRequest = 1, kEndRequest = 3, kParams = 4, kStdin = 5, kStdout = 6, kStderr = 7 };
constexpr std::uint16_t kRequestId = 1;

void append_record(std::string& out, std::uint8_t type, const std::string& content) {
  std::size_t at = 0;
  do {  // an empty content still makes one (end-of-stream) record
    const std::size_t length = std::min<std::size_t>(content.size() - at, 65535);
    out += static_cast<char>(1);
    out += static_cast<char>(type);
    out += static_cast<char>(kRequestId >> 8);
    out += static_cast<char>(kRequestId & 0xff);
    out += static_cast<char>(length >> 8);
    out += static_cast<char>(length & 0xff);
    out += '\0';  // padding
    out += '\0';  // reserved
    out.append(content, at, length);
    at += length;
  } while (at < content.size());
}

void append_length(std::string& out, std::size_t length) {
  if (length < 128) {
    out += static_cast<char>(length);
    return;
  }
  out += static_cast<char>((length >> 24) | 0x80);
  out += static_cast<char>((length >> 16) & 0xff);
  out += static_cast<char>((length >> 8) & 0xff);
  out += static_cast<char>(length & 0xff);
}

void append_param(std::string& out, const std::string& name, const std::string& value) {
  append_length(out, name.size());
  append_length(out, value.size());
  out += name;
  out += value;
}

// "X-Csrftoken" -> "HTTP_X_CSRFTOKEN"
std::string param_name(const std::string& header) {
  std::string name = "HTTP_";
  for (char c : header) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

bool read_exactly(int fd, char* into, std::size_t size) {
  while (size) {
    const ssize_t got = ::read(fd, into, size);
    if (got <= 0) return false;
    into += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

void parse_answer(const std::string& raw, FcgiResponse& response) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    response.error = "no header block in the answer";
    return;
  }
  response.body = raw.substr(head_end + 4);
  response.status = 200;  // FastCGI's default when no Status: header comes
  std::size_t at = 0;
  while (at < head_end) {
    const auto line_end = raw.find("\r\n", at);
    const std::string line = raw.substr(at, line_end - at);
    at = line_end + 2;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "status") response.status = std::stoi(value);
    response.headers[name] = value;
  }
}

}  // namespace

FcgiResponse fcgi_call(const std::string& address, int port, const FcgiRequest& request) {
  FcgiResponse response;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    response.error = "socket() failed";
    return response;
  }
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, address.c_str(), &target.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    close(fd);
    response.error = "cannot connect to " + address + ":" + std::to_string(port);
    return response;
  }

  std::string out;
  append_record(out, kBeginRequest, std::string("\0\1\0\0\0\0\0\0", 8));  // responder, close after
  std::string params;
  append_param(params, "REQUEST_METHOD", request.method);
  append_param(params, "DOCUMENT_URI", request.path);
  append_param(params, "REQUEST_URI", request.path);
  append_param(params, "QUERY_STRING", "");
  append_param(params, "SERVER_PROTOCOL", "HTTP/1.1");
  append_param(params, "REMOTE_ADDR", "127.0.0.1");
  append_param(params, "HTTPS", "on");
  append_param(params, "CONTENT_LENGTH", std::to_string(request.body.size()));
  if (!request.content_type.empty()) append_param(params, "CONTENT_TYPE", request.content_type);
  for (const auto& [name, value] : request.headers) append_param(params, param_name(name), value);
  append_record(out, kParams, params);
  append_record(out, kParams, "");
  if (!request.body.empty()) append_record(out, kStdin, request.body);
  append_record(out, kStdin, "");
  if (::write(fd, out.data(), out.size()) != static_cast<ssize_t>(out.size())) {
    close(fd);
    response.error = "could not send the request";
    return response;
  }

  std::string answer;
  while (true) {
    unsigned char header[8];
    if (!read_exactly(fd, reinterpret_cast<char*>(header), sizeof header)) {
      response.error = "the connection closed before the end of the answer";
      break;
    }
    const std::size_t length = (header[4] << 8) | header[5];
    std::vector<char> content(length + header[6]);
    if (!content.empty() && !read_exactly(fd, content.data(), content.size())) {
      response.error = "the connection closed inside a record";
      break;
    }
    if (header[1] == kStdout) answer.append(content.data(), length);
    if (header[1] == kEndRequest) break;
  }
  close(fd);
  if (response.error.empty()) parse_answer(answer, response);
  return response;
}

}  // namespace t2o::faults
