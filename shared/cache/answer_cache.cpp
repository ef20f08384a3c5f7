#include "cache/answer_cache.hpp"

namespace t2o {

void AnswerCache::refresh() {
  const std::uint64_t now = version_.current();
  if (seen_ == now) return;
  answers_.clear();
  permissions_.clear();
  bytes_ = 0;
  seen_ = now;
}

const Response* AnswerCache::answer(const std::string& key) const {
  const auto found = answers_.find(key);
  return found == answers_.end() ? nullptr : &found->second;
}

void AnswerCache::make_room(std::size_t more_bytes) {
  if (bytes_ + more_bytes > kMaxBytes || answers_.size() + permissions_.size() >= kMaxEntries) {
    answers_.clear();
    permissions_.clear();
    bytes_ = 0;
  }
}

void AnswerCache::store_answer(const std::string& key, const Response& response) {
  const std::size_t size = key.size() + response.body.size();
  if (size > kMaxBytes / 4) return;  // one answer may not push out all the others
  if (const auto old = answers_.find(key); old != answers_.end()) {
    bytes_ -= key.size() + old->second.body.size();
    answers_.erase(old);
  }
  make_room(size);
  answers_.emplace(key, response);
  bytes_ += size;
}

const std::set<std::string, std::less<>>* AnswerCache::permissions(long long user_id) const {
  const auto found = permissions_.find(user_id);
  return found == permissions_.end() ? nullptr : &found->second;
}

void AnswerCache::store_permissions(long long user_id, std::set<std::string, std::less<>> names) {
  make_room(0);
  permissions_.insert_or_assign(user_id, std::move(names));
}

}  // namespace t2o
