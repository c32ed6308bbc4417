// Font subsets for embedding: hb-subset with compact glyph ids, zlib-compressed
// once, and cached process-wide. A batch of 1,000 pledges uses the same few
// glyph sets again and again, so most documents never subset or compress a font.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace quire::text {
struct Face;
}

namespace quire::pdf {

/// One glyph the document uses, in the original font and in the subset.
struct SubsetGlyph {
  std::uint32_t old_gid = 0;
  std::uint32_t new_gid = 0;  ///< also the CID (CIDToGIDMap /Identity)
  int width = 0;              ///< advance in 1/1000 em, as written to /W
};

/// A subset font program. Immutable once made; shared between documents and threads.
struct FontSubset {
  std::string deflated;             ///< the TrueType program, zlib-compressed (FontFile2, /FlateDecode)
  std::size_t length1 = 0;          ///< uncompressed size (/Length1)
  std::string tag;                  ///< six upper-case letters, derived from the font and the glyph set
  std::vector<SubsetGlyph> glyphs;  ///< the requested glyphs (always including 0), sorted by old_gid
  /// By old gid, 1 + the index into `glyphs` (0: not in the subset); only for fonts of up to
  /// kDirectGlyphs glyphs (find() searches `glyphs` otherwise). find() runs for every glyph drawn.
  std::vector<std::uint16_t> slot;
  static constexpr std::uint32_t kDirectGlyphs = 16384;

  /// The entry for `old_gid`, or null if it is not in the subset.
  [[nodiscard]] const SubsetGlyph* find(std::uint32_t old_gid) const;
};

/// Subsets `face` to `gids` (sorted, unique, containing 0). Layout tables (GSUB, GPOS,
/// GDEF...) and hinting are dropped: the PDF draws already-shaped glyphs. Returns null
/// and sets `error` when the font cannot be subset (e.g. a CFF-flavoured OpenType font).
std::shared_ptr<const FontSubset> make_subset(const text::Face& face, const std::vector<std::uint32_t>& gids,
                                              std::string& error);

struct SubsetCacheStats {
  std::size_t hits = 0, misses = 0, entries = 0, bytes = 0;
};

/// A thread-safe, bounded (least recently used) cache of subsets, keyed by the font
/// file (path, face index, size) and the exact glyph set.
class SubsetCache {
 public:
  explicit SubsetCache(std::size_t max_bytes = std::size_t{64} << 20, std::size_t max_entries = 1024);

  /// The process-wide cache the PDF writer uses.
  static SubsetCache& process();

  /// A cached subset, or a new one (made outside the lock, then stored).
  std::shared_ptr<const FontSubset> get(const text::Face& face, const std::vector<std::uint32_t>& gids,
                                        std::string& error);

  [[nodiscard]] SubsetCacheStats stats() const;
  void clear();

 private:
  struct Entry {
    std::shared_ptr<const FontSubset> subset;
    std::list<std::string>::iterator lru;
  };
  void evict_locked();

  std::size_t max_bytes_, max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;  // front = most recently used
  std::size_t bytes_ = 0, hits_ = 0, misses_ = 0;
};

}  // namespace quire::pdf
