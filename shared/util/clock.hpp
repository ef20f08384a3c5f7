#pragma once
// Wall-clock time as Unix seconds, behind a function so tests can set the clock.
#include <ctime>
#include <functional>

namespace t2o {

using Clock = std::function<std::time_t()>;

inline std::time_t system_now() { return std::time(nullptr); }

}  // namespace t2o
