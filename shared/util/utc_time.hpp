#pragma once
// Moments in UTC as microseconds since the Unix epoch: how times come out of SQL
// (epoch_us(created_at), sql/008_epoch_us.sql) and are carried in domain structs. iso_utc
// is the one formatter that turns them into text, for JSON, log lines and COPY.
#include <string>

namespace t2o {

struct UtcTime {
  long long micros = 0;

  static UtcTime from_seconds(long long unix_seconds) { return {unix_seconds * 1000000}; }
  long long seconds() const { return micros / 1000000; }
  bool operator==(const UtcTime&) const = default;
};

UtcTime utc_now();

// ISO 8601 in UTC: "2026-12-04T15:43:37Z", with 3 or 6 fraction digits when asked
// ("...37.646Z", "...37.646666Z").
std::string iso_utc(UtcTime time, int fraction_digits = 0);

}  // namespace t2o
