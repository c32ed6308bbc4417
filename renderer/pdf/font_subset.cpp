#include "pdf/font_subset.hpp"

#include <hb.h>

#include <algorithm>
#include <cmath>

#include "pdf/deflate_cache.hpp"
#include "text/font.hpp"
#include "text/subset.hpp"

namespace quire::pdf {

const SubsetGlyph* FontSubset::find(std::uint32_t old_gid) const {
  if (!slot.empty()) return old_gid < slot.size() && slot[old_gid] ? &glyphs[slot[old_gid] - 1u] : nullptr;
  auto it = std::lower_bound(glyphs.begin(), glyphs.end(), old_gid,
                             [](const SubsetGlyph& g, std::uint32_t v) { return g.old_gid < v; });
  return it != glyphs.end() && it->old_gid == old_gid ? &*it : nullptr;
}

namespace {

// Identifies the font *program*, not the Face: a synthetic bold face shares its
// regular's file and therefore its subsets, and ids of different libraries never collide.
std::string face_key(const text::Face& face) {
  unsigned len = face.blob ? hb_blob_get_length(face.blob) : 0;
  return face.file + '#' + std::to_string(face.index) + '#' + std::to_string(len);
}

std::string cache_key(const text::Face& face, const std::vector<std::uint32_t>& gids) {
  std::string key = face_key(face);
  key.push_back('\0');
  key.reserve(key.size() + gids.size() * 3);
  for (std::uint32_t g : gids) {  // 3 bytes per gid is enough (gids < 65536 in practice, < 2^24 always)
    key.push_back(static_cast<char>(g & 0xFF));
    key.push_back(static_cast<char>((g >> 8) & 0xFF));
    key.push_back(static_cast<char>((g >> 16) & 0xFF));
  }
  return key;
}

// Six letters from an FNV-1a hash of the font and glyph set: the same subset always
// gets the same BaseFont name (repeatable output), different subsets almost never do.
std::string subset_tag(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  std::string tag(6, 'A');
  for (char& c : tag) {
    c = static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

}  // namespace

std::shared_ptr<const FontSubset> make_subset(const text::Face& face, const std::vector<std::uint32_t>& gids,
                                              std::string& error) {
  if (!face.face || !face.font) {
    error = "font face not loaded: " + face.file;
    return nullptr;
  }
  hb_blob_t* glyf = hb_face_reference_table(face.face, HB_TAG('g', 'l', 'y', 'f'));
  bool truetype = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(glyf);
  if (!truetype) {
    // CIDFontType2 needs TrueType outlines; CFF would need CIDFontType0 + FontFile3.
    error = "font has no TrueType outlines (CFF-flavoured OpenType is not supported): " + face.file;
    return nullptr;
  }

  // Glyph ids in, layout tables out: the content streams draw glyphs already shaped.
  text::SubsetRequest request;
  request.glyphs = gids;
  auto program = text::subset_font(face, request, error);
  if (!program) return nullptr;
  auto result = std::make_shared<FontSubset>();
  result->glyphs.reserve(program->glyph_map.size());
  const double scale = 1000.0 / static_cast<double>(face.upem ? face.upem : 1000);
  for (auto [old_gid, new_gid] : program->glyph_map) {
    int adv = hb_font_get_glyph_h_advance(face.font, old_gid);
    result->glyphs.push_back({old_gid, new_gid, static_cast<int>(std::lround(adv * scale))});
  }
  std::sort(result->glyphs.begin(), result->glyphs.end(),
            [](const SubsetGlyph& a, const SubsetGlyph& b) { return a.old_gid < b.old_gid; });
  if (!result->glyphs.empty() && result->glyphs.back().old_gid < FontSubset::kDirectGlyphs) {
    result->slot.assign(result->glyphs.back().old_gid + 1u, 0);
    for (std::size_t i = 0; i < result->glyphs.size(); ++i)
      result->slot[result->glyphs[i].old_gid] = static_cast<std::uint16_t>(i + 1);
  }
  // Level 1: a subset is made for each document, and level 6 costs three times the time
  // for a few per cent of a font program that is already small.
  result->deflated = deflate_bytes(program->bytes, 1);
  result->length1 = program->bytes.size();
  if (result->deflated.empty()) {
    error = "could not compress the subset of " + face.file;
    return nullptr;
  }
  result->tag = subset_tag(cache_key(face, gids));
  return result;
}

SubsetCache::SubsetCache(std::size_t max_bytes, std::size_t max_entries)
    : max_bytes_(max_bytes), max_entries_(max_entries) {}

SubsetCache& SubsetCache::process() {
  static SubsetCache cache;
  return cache;
}

std::shared_ptr<const FontSubset> SubsetCache::get(const text::Face& face, const std::vector<std::uint32_t>& gids,
                                                   std::string& error) {
  std::string key = cache_key(face, gids);
  {
    std::lock_guard lock(mutex_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      return it->second.subset;
    }
    ++misses_;
  }
  // Subsetting takes milliseconds: never under the lock. Two threads may both make
  // the same subset; the second insert simply finds it present.
  auto subset = make_subset(face, gids, error);
  if (!subset) return nullptr;
  std::lock_guard lock(mutex_);
  auto [it, inserted] = map_.try_emplace(key);
  if (!inserted) return it->second.subset;
  lru_.push_front(key);
  it->second = Entry{subset, lru_.begin()};
  bytes_ += subset->deflated.size() + 2 * subset->slot.size() + key.size();
  evict_locked();
  return subset;
}

void SubsetCache::evict_locked() {
  while (!lru_.empty() && (bytes_ > max_bytes_ || map_.size() > max_entries_) && map_.size() > 1) {
    auto it = map_.find(lru_.back());
    bytes_ -= it->second.subset->deflated.size() + 2 * it->second.subset->slot.size() + it->first.size();
    map_.erase(it);
    lru_.pop_back();
  }
}

SubsetCacheStats SubsetCache::stats() const {
  std::lock_guard lock(mutex_);
  return {hits_, misses_, map_.size(), bytes_};
}

void SubsetCache::clear() {
  std::lock_guard lock(mutex_);
  map_.clear();
  lru_.clear();
  bytes_ = 0;
}

}  // namespace quire::pdf
