#pragma once
// Per-process copies of what the hot GET routes read from rarely written tables: whole
// answers of routes marked cacheable in their table (the board, the roles, the caller's
// own details), and each user's permission names for the route guards. All of it is
// dropped the moment the DataVersion moves, so a change made through any worker is seen
// by the next request to every worker on this host (by other hosts within the change
// feed's poll interval). Bounded by kMaxBytes of answers and kMaxEntries entries.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "cache/data_version.hpp"
#include "http/response.hpp"

namespace t2o {

class AnswerCache {
 public:
  static constexpr std::size_t kMaxBytes = 4 * 1024 * 1024;  // keeps a worker near 10 MB RSS
  static constexpr std::size_t kMaxEntries = 10000;

  explicit AnswerCache(DataVersion& version) : version_(version) {}

  // At the start of each request (and of each retry of it): forgets everything when the
  // data changed since the last call. What is stored until the next call counts as read
  // at this version.
  void refresh();

  const Response* answer(const std::string& key) const;
  void store_answer(const std::string& key, const Response& response);

  const std::set<std::string, std::less<>>* permissions(long long user_id) const;
  void store_permissions(long long user_id, std::set<std::string, std::less<>> names);


 private:
  void make_room(std::size_t more_bytes);

  DataVersion& version_;
  std::optional<std::uint64_t> seen_;
  std::unordered_map<std::string, Response> answers_;
  std::unordered_map<long long, std::set<std::string, std::less<>>> permissions_;
  std::size_t bytes_ = 0;
};

}  // namespace t2o
