// The Cookie header: parse_cookie_header. Every cookie that comes out has a name that is
// not blank and is trimmed, and neither name nor value holds the ';' that separates them.
#include "fuzz_input.hpp"
#include "http/request.hpp"
#include "util/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using t2o::fuzz::require;
  const std::string_view header = t2o::fuzz::as_text(data, size);
  for (const auto& [name, value] : t2o::parse_cookie_header(header)) {
    require(!name.empty(), "cookie names are not empty");
    require(t2o::text::trim(name) == name, "cookie names are trimmed");
    require(name.find(';') == std::string::npos && value.find(';') == std::string::npos,
            "no ';' inside a cookie");
  }
  return 0;
}
