// Flate compression of small streams that repeat from document to document (the
// ToUnicode CMaps of a batch of pledges are mostly identical): compressed once,
// then served from a thread-safe, bounded (least recently used) cache.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace quire::pdf {

/// Compresses `raw` in the zlib format (libdeflate, level 0-12; 6 by default); empty on failure.
std::string deflate_bytes(std::string_view raw, int level = 6);

class DeflateCache {
 public:
  explicit DeflateCache(std::size_t max_bytes = std::size_t{8} << 20);
  static DeflateCache& process();

  /// `raw` compressed (from the cache when the same bytes were compressed before).
  std::shared_ptr<const std::string> get(std::string_view raw);

 private:
  struct Entry {
    std::shared_ptr<const std::string> deflated;
    std::list<std::string>::iterator lru;
  };
  std::size_t max_bytes_, bytes_ = 0;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;
};

}  // namespace quire::pdf
