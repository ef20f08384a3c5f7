#pragma once
// NOTIFY from other hosts, for the per-process caches (sessions, DataVersion). One
// connection LISTENs on every channel a cache asked for; its socket is read at most every
// kPollInterval, so most requests make no syscall for it. A reconnect of either
// connection may have missed notices, so it counts as a notice on every channel.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

namespace t2o::db {

class ChangeFeed {
 public:
  static constexpr auto kPollInterval = std::chrono::milliseconds(50);

  // With a `listen_url`, the notices arrive on a connection of its own to it, for when
  // `db` goes through a pooler in transaction mode (where LISTEN does not work); without
  // one, on `db`.
  explicit ChangeFeed(Connection& db, const std::string& listen_url = "");

  // LISTEN on `channel`, now and after every reconnect.
  void listen(const std::string& channel);
  // A number that moves whenever a notice on `channel` arrived, or one may have been
  // missed. Compare it with the one seen when a cached copy was made.
  std::uint64_t version(const std::string& channel);

 private:
  void poll();

  Connection& db_;
  std::unique_ptr<Connection> own_listener_;  // only with a listen URL
  Connection& listener_;                      // where LISTEN runs: db_ or own_listener_
  std::unordered_map<std::string, std::uint64_t> notices_;
  std::uint64_t missed_ = 0;  // polls that found the listener gone
  std::chrono::steady_clock::time_point last_poll_{};
};

}  // namespace t2o::db
