#pragma once
// Server-side sessions. The cookie carries a random 256-bit token; the database keeps only
// its SHA-256. Lookups are cached per process; the cache is dropped whenever the host-wide
// revocation epoch moves, a NOTIFY on kSessionsChannel arrives (other hosts), the database
// connection was replaced, or an entry is older than kMaxCacheAge. The store owns the
// process's change feed (its LISTEN connection); other caches listen on it too.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/change_feed.hpp"
#include "db/connection.hpp"
#include "session/revocation_epoch.hpp"

namespace t2o {

inline constexpr const char* kSessionCookie = "session";
inline constexpr const char* kSessionsChannel = "t2o_sessions_revoked";

struct SessionInfo {
  long long id = 0;
  long long user_id = 0;
  std::string user_email;
  std::string token;  // raw cookie value, needed to derive the CSRF token
};

struct NewSession {
  long long id = 0;
  std::string token;
};

class SessionStore {
 public:
  static constexpr auto kMaxCacheAge = std::chrono::seconds(60);
  static constexpr auto kTouchInterval = std::chrono::seconds(60);
  static constexpr auto kNotificationPollInterval = db::ChangeFeed::kPollInterval;

  // With a `listen_url`, revocation notices (LISTEN) arrive on a connection of their own
  // to it, for when `db` goes through a pooler in transaction mode, where LISTEN does not
  // work; without one, on `db`.
  SessionStore(db::Connection& db, RevocationEpoch& epoch, long long lifetime_seconds,
               const std::string& listen_url = "");

  NewSession create(db::Transaction& tx, long long user_id, const std::string& ip, const std::string& user_agent);
  // The live session for a cookie token, or nullopt (unknown, expired or revoked).
  std::optional<SessionInfo> find(const std::string& token);

  // Delete inside the caller's `tx`. When it commits, every process on this host (the
  // epoch) and on others (NOTIFY, sent by the delete statements at commit) forgets them.
  bool delete_session(db::Transaction& tx, long long user_id, long long session_id);
  long long delete_user_sessions(db::Transaction& tx, long long user_id,
                                 std::optional<long long> except_session_id = std::nullopt);

  // Called at most once per kTouchInterval per session to record last_seen_at, off the
  // request path (the request-log writer does the UPDATE).
  void set_touch_sink(std::function<void(long long session_id)> sink) { touch_sink_ = std::move(sink); }

  long long lifetime_seconds() const { return lifetime_seconds_; }
  db::ChangeFeed& changes() { return changes_; }
  void clear_cache() { cache_.clear(); }

 private:
  struct CacheEntry {
    SessionInfo info;
    std::chrono::steady_clock::time_point cached_at;
    std::chrono::steady_clock::time_point last_touch;
    long long expires_at_epoch = 0;
  };
  void drop_cache_if_stale();
  void revoke_after_commit(db::Transaction& tx);

  db::Connection& db_;
  db::ChangeFeed changes_;
  RevocationEpoch& epoch_;
  long long lifetime_seconds_;
  std::unordered_map<std::string, CacheEntry> cache_;  // key: token hash
  std::uint64_t seen_epoch_ = 0;
  std::uint64_t seen_notices_ = 0;
  std::function<void(long long)> touch_sink_;
};

}  // namespace t2o
