#include "pdf/deflate_cache.hpp"

#include <libdeflate.h>

#include <memory>

namespace quire::pdf {

namespace {

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

// One compressor per thread and level: allocating one costs more than compressing a page.
libdeflate_compressor* compressor(int level) {
  thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> by_level[13];
  if (level < 0 || level > 12) level = 6;
  auto& c = by_level[level];
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  return c.get();
}

}  // namespace

std::string deflate_bytes(std::string_view raw, int level) {
  // libdeflate rather than zlib: a page's content at level 1 in a third of zlib's time, and
  // smaller. The output is the zlib format (RFC 1950) that /FlateDecode reads.
  libdeflate_compressor* c = compressor(level);
  if (!c) return {};
  std::string out(libdeflate_zlib_compress_bound(c, raw.size()), '\0');
  std::size_t len = libdeflate_zlib_compress(c, raw.data(), raw.size(), out.data(), out.size());
  if (len == 0) return {};
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
