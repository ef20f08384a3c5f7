#pragma once
// Appending JSON text directly, for answers too large to build as a Json::Value tree
// first (the whole board: a thousand tickets allocate tens of thousands of tree nodes).
#include <string>
#include <string_view>

namespace t2o::board {

// `text` (UTF-8) as a JSON string literal: quotes, backslashes and control characters
// escaped, everything else as is (as json::write emits it).
void append_json_string(std::string& out, std::string_view text);

}  // namespace t2o::board
