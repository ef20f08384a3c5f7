#include "db/change_feed.hpp"

namespace t2o::db {

ChangeFeed::ChangeFeed(Connection& db, const std::string& listen_url)
    : db_(db),
      own_listener_(listen_url.empty() ? nullptr : std::make_unique<Connection>(listen_url, Connect::Lazily)),
      listener_(own_listener_ ? *own_listener_ : db) {}

void ChangeFeed::listen(const std::string& channel) {
  listener_.add_on_connect("LISTEN " + channel);
  notices_.try_emplace(channel, 0);
}

void ChangeFeed::poll() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_poll_ < kPollInterval) return;
  last_poll_ = now;
  try {
    for (const Notification& notice : listener_.take_notifications()) ++notices_[notice.channel];
  } catch (const ConnectionLost&) {
    ++missed_;
    // db_'s next statement reconnects it; a listener of our own runs none, so connect it
    // here (a failure is tried again at the next poll).
    if (own_listener_) {
      try {
        own_listener_->reconnect();
      } catch (const ConnectionLost&) {
      }
    }
  }
}

std::uint64_t ChangeFeed::version(const std::string& channel) {
  poll();
  // Every term only grows, so the sum moves whenever one of them does.
  return notices_[channel] + missed_ + db_.generation() + (own_listener_ ? own_listener_->generation() : 0);
}

}  // namespace t2o::db
