#include "pdf/deflate_cache.hpp"

#include <zlib.h>

namespace quire::pdf {

std::string deflate_bytes(std::string_view raw, int level) {
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string out(len, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), level) != Z_OK)
    return {};
  out.resize(len);
  out.shrink_to_fit();
  return out;
}

DeflateCache::DeflateCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

DeflateCache& DeflateCache::process() {
  static DeflateCache cache;
  return cache;
}

std::shared_ptr<const std::string> DeflateCache::get(std::string_view raw) {
  std::string key(raw);
  {
    std::lock_guard lock(mutex_);
    if (auto it = map_.find(key); it != map_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      return it->second.deflated;
    }
  }
  auto z = std::make_shared<const std::string>(deflate_bytes(raw));
  std::lock_guard lock(mutex_);
  auto [it, inserted] = map_.try_emplace(key);
  if (!inserted) return it->second.deflated;
  lru_.push_front(key);
  it->second = Entry{z, lru_.begin()};
  bytes_ += 2 * key.size() + z->size();
  while (bytes_ > max_bytes_ && map_.size() > 1) {
    auto old = map_.find(lru_.back());
    bytes_ -= 2 * old->first.size() + old->second.deflated->size();
    map_.erase(old);
    lru_.pop_back();
  }
  return z;
}

}  // namespace quire::pdf
