#include "session/session_store.hpp"

#include <ctime>

#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

constexpr std::size_t kMaxCacheEntries = 20000;

const char* const kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent) "
    "VALUES ($1, $2, now() + make_interval(secs => $3), $4, left($5, 512)) RETURNING id";

constexpr db::Query kSelectSession = db::idempotent(
    "SELECT s.id, s.user_id, u.email, extract(epoch FROM s.expires_at)::bigint AS expires_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = $1 AND s.expires_at > now()");

const char* const kDeleteSession =
    "WITH gone AS (DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id) "
    "SELECT count(*) AS deleted, pg_notify('t2o_sessions_revoked', '') FROM gone";

const char* const kDeleteUserSessions =
    "WITH gone AS (DELETE FROM sessions WHERE user_id = $1 AND ($2::bigint IS NULL OR id <> $2) RETURNING id) "
    "SELECT count(*) AS deleted, pg_notify('t2o_sessions_revoked', '') FROM gone";

}  // namespace

SessionStore::SessionStore(db::Connection& db, RevocationEpoch& epoch, long long lifetime_seconds,
                           const std::string& listen_url)
    : db_(db), changes_(db, listen_url), epoch_(epoch), lifetime_seconds_(lifetime_seconds) {
  changes_.listen(kSessionsChannel);
  seen_notices_ = changes_.version(kSessionsChannel);
  seen_epoch_ = epoch_.current();
}

NewSession SessionStore::create(db::Transaction& tx, long long user_id, const std::string& ip,
                                const std::string& user_agent) {
  NewSession session;
  session.token = crypto::random_token(32);
  session.id = tx.exec(kInsertSession, {db::bytea(crypto::sha256(session.token)), user_id, lifetime_seconds_,
                                        text::clean_utf8(ip, 64), text::clean_utf8(user_agent, 512)})
                   .one_row()
                   .integer("id");
  return session;
}

void SessionStore::drop_cache_if_stale() {
  // This host's revocations are seen at once through the epoch; other hosts' arrive by
  // NOTIFY (or may have been missed: the feed's version moves then too).
  const std::uint64_t epoch = epoch_.current();
  const std::uint64_t notices = changes_.version(kSessionsChannel);
  if (epoch != seen_epoch_ || notices != seen_notices_ || cache_.size() >= kMaxCacheEntries) cache_.clear();
  seen_epoch_ = epoch;
  seen_notices_ = notices;
}

std::optional<SessionInfo> SessionStore::find(const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  drop_cache_if_stale();
  const std::string token_hash = crypto::sha256(token);
  const auto now = std::chrono::steady_clock::now();

  if (auto cached = cache_.find(token_hash); cached != cache_.end()) {
    CacheEntry& entry = cached->second;
    if (now - entry.cached_at < kMaxCacheAge && entry.expires_at_epoch > std::time(nullptr)) {
      if (now - entry.last_touch >= kTouchInterval && touch_sink_) {
        entry.last_touch = now;
        touch_sink_(entry.info.id);
      }
      return entry.info;
    }
    cache_.erase(cached);
  }

  auto row = db_.exec(kSelectSession, {db::bytea(token_hash)}).optional_row();
  if (!row) return std::nullopt;
  CacheEntry entry;
  entry.info.id = row->integer("id");
  entry.info.user_id = row->integer("user_id");
  entry.info.user_email = row->str("email");
  entry.info.token = token;
  entry.expires_at_epoch = row->integer("expires_at");
  entry.cached_at = now;
  entry.last_touch = now;
  if (touch_sink_) touch_sink_(entry.info.id);
  SessionInfo info = entry.info;
  // A revocation that happened while we queried moves the epoch, so this entry is
  // dropped at the next request before it can be used.
  cache_[token_hash] = std::move(entry);
  return info;
}

bool SessionStore::delete_session(db::Transaction& tx, long long user_id, long long session_id) {
  const bool deleted = tx.exec(kDeleteSession, {session_id, user_id}).one_row().integer("deleted") > 0;
  if (deleted) revoke_after_commit(tx);
  return deleted;
}

long long SessionStore::delete_user_sessions(db::Transaction& tx, long long user_id,
                                             std::optional<long long> except_session_id) {
  const long long deleted = tx.exec(kDeleteUserSessions, {user_id, except_session_id}).one_row().integer("deleted");
  if (deleted > 0) revoke_after_commit(tx);
  return deleted;
}

void SessionStore::revoke_after_commit(db::Transaction& tx) {
  tx.on_commit([this] {
    epoch_.bump();
    cache_.clear();
  });
}

}  // namespace t2o
