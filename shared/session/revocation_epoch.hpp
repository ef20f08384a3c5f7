#pragma once
// A counter in a small shared-memory file that every handler process on this host maps.
// Whoever deletes sessions bumps it after the commit; every process compares it with the
// value it last saw before trusting its session cache. One atomic load per request makes
// a logout take effect at once in every process, with no database round trip. The same
// kind of counter in another file says when table data changed (cache/data_version.hpp).
#include <cstdint>
#include <string>

namespace t2o {

class RevocationEpoch {
 public:
  // `run_dir` empty: no shared file; current() then changes on every call, so a cache
  // keyed on it is never trusted (safe, just slower).
  explicit RevocationEpoch(const std::string& run_dir, const std::string& file_name = "session-epoch");
  ~RevocationEpoch();
  RevocationEpoch(const RevocationEpoch&) = delete;
  RevocationEpoch& operator=(const RevocationEpoch&) = delete;

  std::uint64_t current() const;
  void bump();
  bool shared() const { return counter_ != nullptr; }

 private:
  std::uint64_t* counter_ = nullptr;
  mutable std::uint64_t local_fallback_ = 0;
};

}  // namespace t2o
