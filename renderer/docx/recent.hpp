// RecentList: a few values the Word writer made for one document, kept for the next
// documents of a batch (the style sheet part, a font's key and obfuscated part). Bounded
// to N entries, most recently used first; the keys are compared in full, so two keys
// that differ never share a value. Thread-safe: a batch's workers share one list.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <utility>

namespace quire::docx {

template <class Key, class Value, std::size_t N>
class RecentList {
 public:
  /// The value stored for `key` (now the most recent), or nothing.
  std::optional<Value> find(const Key& key) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (it->first == key) {
        entries_.splice(entries_.begin(), entries_, it);
        return it->second;
      }
    return std::nullopt;
  }

  /// Stores `value` for `key` as the most recent; the least recent goes past N entries.
  void add(Key key, Value value) {
    std::lock_guard lock(mutex_);
    entries_.emplace_front(std::move(key), std::move(value));
    if (entries_.size() > N) entries_.pop_back();
  }

 private:
  std::mutex mutex_;
  std::list<std::pair<Key, Value>> entries_;
};

}  // namespace quire::docx
