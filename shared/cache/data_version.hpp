#pragma once
// The version of the tables that per-process answer caches copy (users, roles,
// permissions and their links, boards, columns, tickets). A cached copy is trusted only
// while the version is the one read before its data was: any change moves it.
// - Writes from this host: every handler connection reports a committed write
//   (db::Connection::set_on_write) and bumps a host-wide epoch in shared memory, which
//   all processes read with one atomic load, so a change is seen by the very next request
//   to any worker, as session revocations are.
// - Writes from elsewhere (other app hosts, psql, t2o-setup): the tables' triggers NOTIFY
//   kDataChannel (sql/009_data_changes.sql), read through the change feed within its
//   poll interval.
// Without a run dir the epoch is private and moves on every read: nothing is trusted.
#include <cstdint>
#include <string>

#include "db/change_feed.hpp"
#include "session/revocation_epoch.hpp"

namespace t2o {

inline constexpr const char* kDataChannel = "t2o_data_changed";

class DataVersion {
 public:
  DataVersion(const std::string& run_dir, db::ChangeFeed& feed);

  std::uint64_t current();
  // A write this process made may be durable.
  void bump() { epoch_.bump(); }

 private:
  RevocationEpoch epoch_;
  db::ChangeFeed& feed_;
};

}  // namespace t2o
