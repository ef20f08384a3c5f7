#include "util/utc_time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace t2o {

UtcTime utc_now() {
  using namespace std::chrono;
  return {duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()};
}

std::string iso_utc(UtcTime time, int fraction_digits) {
  // Floor division, so moments before 1970 still name the right second.
  long long seconds = time.micros / 1000000;
  long long micros = time.micros % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  const auto unix_seconds = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&unix_seconds, &utc);
  char buffer[64];
  int length = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", utc.tm_year + 1900,
                             utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  if (fraction_digits == 3) {
    length += std::snprintf(buffer + length, sizeof buffer - static_cast<std::size_t>(length), ".%03lld", micros / 1000);
  } else if (fraction_digits == 6) {
    length += std::snprintf(buffer + length, sizeof buffer - static_cast<std::size_t>(length), ".%06lld", micros);
  }
  std::string out(buffer, static_cast<std::size_t>(length));
  out += 'Z';
  return out;
}

}  // namespace t2o
