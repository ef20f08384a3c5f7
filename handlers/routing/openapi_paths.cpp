#include "routing/openapi_paths.hpp"

#include <cctype>
#include <stdexcept>

namespace t2o::routing {
namespace {

// Calls on_literal(text) and on_parameter(name, is_integer) for the pattern's pieces in order.
template <typename Literal, typename Parameter>
void walk_pattern(std::string_view pattern, Literal on_literal, Parameter on_parameter) {
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('<', at);
    if (open == std::string_view::npos) {
      on_literal(pattern.substr(at));
      return;
    }
    const std::size_t close = pattern.find('>', open);
    if (close == std::string_view::npos) throw std::invalid_argument("unclosed < in " + std::string(pattern));
    on_literal(pattern.substr(at, open - at));
    std::string_view inside = pattern.substr(open + 1, close - open - 1);
    const bool is_integer = inside.starts_with("int:");
    if (is_integer) inside.remove_prefix(4);
    on_parameter(inside, is_integer);
    at = close + 1;
  }
}

}  // namespace

std::string openapi_path(std::string_view pattern) {
  std::string out;
  walk_pattern(
      pattern, [&](std::string_view literal) { out += literal; },
      [&](std::string_view name, bool) {
        out += '{';
        out += name;
        out += '}';
      });
  return out;
}

std::vector<PathParameter> path_parameters(std::string_view pattern) {
  std::vector<PathParameter> out;
  walk_pattern(
      pattern, [](std::string_view) {},
      [&](std::string_view name, bool is_integer) { out.push_back({std::string(name), is_integer}); });
  return out;
}

std::string operation_key(Method method, std::string_view pattern) {
  std::string key(method_name(method));
  key += ' ';
  key += pattern;
  return key;
}

std::string operation_id(Method method, std::string_view pattern) {
  std::string id(method_name(method));
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool separator = true;  // one '_' for each run of characters that are not letters or digits
  for (const char c : openapi_path(pattern)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (separator) id += '_';
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      separator = false;
    } else {
      separator = true;
    }
  }
  return id;
}

}  // namespace t2o::routing
