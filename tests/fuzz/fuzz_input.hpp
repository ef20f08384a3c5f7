#pragma once
// What every fuzz target needs: libFuzzer's bytes as text, split into the fields the target
// feeds to the code under test, and a way to fail on a broken property.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace t2o::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// "first line\nthe rest". Fields split on a newline keep the seed files readable; without a
// newline the whole input is the first field.
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// A property the code promises did not hold: abort, so libFuzzer saves the input as a crash.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", property);
  std::abort();
}

}  // namespace t2o::fuzz
