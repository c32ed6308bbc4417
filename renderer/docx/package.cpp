// The zip of a DOCX, written here with libdeflate: one compressor per thread, instead of
// a stream set up and torn down per part (libzip's way, where setting up and clearing the
// hash table of every small part cost more than its deflate).
// Parts that recur from document to document (the style sheet, settings, font table,
// footers, a font subset every document of a batch shares) are deflated once per process.
#include "docx/package.hpp"

#include <libdeflate.h>

#include <ctime>
#include <functional>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "docx/recent.hpp"

namespace quire::docx {
namespace {

void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}

void put32(std::string& out, unsigned long v) {
  put16(out, static_cast<unsigned>(v & 0xffff));
  put16(out, static_cast<unsigned>((v >> 16) & 0xffff));
}

// MS-DOS date and time of `tp` in UTC (the bytes do not depend on the time zone); dates
// before 1980, which DOS cannot hold, become 1 January 1980.
std::pair<unsigned, unsigned> dos_date_time(std::chrono::system_clock::time_point tp) {
  std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm utc{};
  gmtime_r(&t, &utc);
  if (utc.tm_year < 80) {
    utc = {};
    utc.tm_year = 80;
    utc.tm_mday = 1;
  }
  if (utc.tm_year > 80 + 127) utc.tm_year = 80 + 127;
  const unsigned date = static_cast<unsigned>(((utc.tm_year - 80) << 9) | ((utc.tm_mon + 1) << 5) | utc.tm_mday);
  const unsigned time = static_cast<unsigned>((utc.tm_hour << 11) | (utc.tm_min << 5) | (utc.tm_sec / 2));
  return {date, time};
}

// Raw deflate at level 1 (a Pledge's parts shrink almost as much as at level 6 in a third
// of the time) by libdeflate: the long report's zip took 56% of zlib's instructions and came
// out 8% smaller. One compressor per thread, kept: allocating one costs more than deflating
// a small part.
struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

bool deflate_part(const std::string& in, std::string& out) {
  thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor;
  if (!compressor) compressor.reset(libdeflate_alloc_compressor(1));
  if (!compressor) return false;
  out.resize(libdeflate_deflate_compress_bound(compressor.get(), in.size()));
  const std::size_t n = libdeflate_deflate_compress(compressor.get(), in.data(), in.size(), out.data(), out.size());
  if (n == 0) return false;
  out.resize(n);
  return true;
}

unsigned long crc_of(const std::string& bytes) {
  return libdeflate_crc32(0, bytes.data(), bytes.size());
}

// A part's deflated bytes and CRC, kept for parts seen in more than one document: a batch's
// documents share their style sheet, settings and font table, and deflating those again
// for each document was a fifth of writing a Pledge's Word file. Deflate is a function of
// the input bytes, so a hit gives the very bytes a new deflate would. A part is admitted the second time its
// hash is seen, so the body of each document, which never recurs, is not copied in. Bounded
// (entries, bytes, remembered hashes), least recently used first out; thread-safe.
class PackedCache {
 public:
  static constexpr std::size_t kMaxEntries = 128;
  static constexpr std::size_t kMaxBytes = std::size_t{4} << 20;
  static constexpr std::size_t kMaxSeen = 4096;

  struct Packed {
    unsigned long crc = 0;
    bool deflated = false;
    std::string packed;  // when deflated
  };

  static PackedCache& process() {
    static PackedCache cache;
    return cache;
  }

  /// The packed part for `bytes`, if it is cached (the caller then skips crc and deflate).
  std::shared_ptr<const Packed> find(std::size_t hash, std::string_view bytes) {
    std::lock_guard lock(mutex_);
    auto it = map_.find(hash);
    if (it == map_.end() || it->second.bytes != bytes) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.packed;
  }

  /// Offers a part just packed; kept if its hash was seen before (from another document).
  void offer(std::size_t hash, std::string_view bytes, unsigned long crc, bool deflated, const std::string& packed) {
    const std::size_t size = bytes.size() + (deflated ? packed.size() : 0);
    if (size > kMaxBytes / 8) return;
    std::lock_guard lock(mutex_);
    if (seen_.insert(hash).second) {
      if (seen_.size() > kMaxSeen) seen_.clear();  // forget; a recurring part comes back soon
      return;
    }
    if (map_.count(hash)) return;  // a different part with the same hash: keep the first
    auto p = std::make_shared<Packed>();
    p->crc = crc;
    p->deflated = deflated;
    if (deflated) p->packed = packed;
    lru_.push_front(hash);
    map_.emplace(hash, Entry{std::string(bytes), std::move(p), lru_.begin()});
    bytes_ += size;
    while (map_.size() > 1 && (map_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
      auto last = map_.find(lru_.back());
      bytes_ -= last->second.bytes.size() + last->second.packed->packed.size();
      map_.erase(last);
      lru_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string bytes;
    std::shared_ptr<const Packed> packed;
    std::list<std::size_t>::iterator lru;
  };
  std::mutex mutex_;
  std::unordered_map<std::size_t, Entry> map_;
  std::unordered_set<std::size_t> seen_;
  std::list<std::size_t> lru_;  // front = most recently used
  std::size_t bytes_ = 0;
};

// The packed bytes of shared parts (Package::add_shared), by the address of their bytes:
// each entry holds those bytes, so the address names them for as long as it is kept.
// A batch's documents embed the same few font subsets; hashing and comparing 24 KB
// programs to find them in PackedCache cost more than the rest of their zip entries.
struct SharedPacked {
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const PackedCache::Packed> packed;
};
RecentList<const std::string*, SharedPacked, 32>& shared_packed() {
  static RecentList<const std::string*, SharedPacked, 32> list;
  return list;
}

}  // namespace

std::string Package::zip(std::chrono::system_clock::time_point mtime, std::string& error) const {
  // No ZIP64: a part of 4 GB or 65,535 parts is far beyond any document's limits.
  constexpr auto kMax = static_cast<size_t>(std::numeric_limits<std::uint32_t>::max());
  if (parts_.size() >= 0xffff) {
    error = "too many parts for a zip";
    return {};
  }
  const auto [date, time] = dos_date_time(mtime);
  std::string out, central, packed;
  for (const Part& part : parts_) {
    const std::string& name = part.name;
    const std::string& bytes = part.data();
    if (bytes.size() >= kMax / 2 || name.size() >= 0xffff) {
      error = "the part " + name + " is too large for a zip";
      return {};
    }
    // Tiny parts are stored: a deflate stream costs more than it saves (and a cache lookup
    // more than their CRC).
    unsigned long crc = 0;
    bool deflated = false;
    std::shared_ptr<const PackedCache::Packed> cached;
    if (bytes.size() >= 512 && !store_only_ && part.shared) {
      if (auto found = shared_packed().find(part.shared.get())) {
        cached = found->packed;
      } else {
        auto made = std::make_shared<PackedCache::Packed>();
        made->crc = crc_of(bytes);
        if (!deflate_part(bytes, made->packed)) {
          error = "deflating " + name;
          return {};
        }
        made->deflated = made->packed.size() < bytes.size();
        if (!made->deflated) std::string().swap(made->packed);
        cached = made;
        shared_packed().add(part.shared.get(), {part.shared, cached});
      }
      crc = cached->crc;
      deflated = cached->deflated;
    } else if (bytes.size() >= 512 && !store_only_) {
      // A part of this document alone (add_own), or too large for the cache (a long report's
      // body), is not hashed: it would never be found or kept.
      const bool cacheable = !part.own && bytes.size() <= PackedCache::kMaxBytes / 8;
      const std::size_t hash = cacheable ? std::hash<std::string_view>{}(bytes) : 0;
      if (cacheable) cached = PackedCache::process().find(hash, bytes);
      if (cached) {
        crc = cached->crc;
        deflated = cached->deflated;
      } else {
        crc = crc_of(bytes);
        if (!deflate_part(bytes, packed)) {
          error = "deflating " + name;
          return {};
        }
        deflated = packed.size() < bytes.size();
        if (cacheable) PackedCache::process().offer(hash, bytes, crc, deflated, packed);
      }
    } else {
      crc = crc_of(bytes);
    }
    const std::string& data = !deflated ? bytes : cached ? cached->packed : packed;
    if (out.size() >= kMax - data.size() - name.size() - 30) {
      error = "the package is too large for a zip";
      return {};
    }
    const unsigned long offset = static_cast<unsigned long>(out.size());
    const unsigned method = deflated ? 8 : 0;
    auto header = [&](std::string& h, bool local) {
      put32(h, local ? 0x04034b50UL : 0x02014b50UL);
      if (!local) put16(h, 20);  // made by: MS-DOS attributes, zip 2.0
      put16(h, 20);              // version needed to extract
      put16(h, 0x0800);          // flags: the name is UTF-8
      put16(h, method);
      put16(h, time);
      put16(h, date);
      put32(h, crc);
      put32(h, data.size());
      put32(h, bytes.size());
      put16(h, static_cast<unsigned>(name.size()));
      put16(h, 0);  // extra field
      if (!local) {
        put16(h, 0);  // comment
        put16(h, 0);  // disk
        put16(h, 0);  // internal attributes
        put32(h, 0);  // external attributes
        put32(h, offset);
      }
      h += name;
    };
    header(out, true);
    out += data;
    header(central, false);
  }
  const unsigned long central_offset = static_cast<unsigned long>(out.size());
  out += central;
  put32(out, 0x06054b50UL);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(parts_.size()));
  put16(out, static_cast<unsigned>(parts_.size()));
  put32(out, central.size());
  put32(out, central_offset);
  put16(out, 0);
  return out;
}

}  // namespace quire::docx
