#include "pdf/font_subset.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>

#include "pdf/deflate_cache.hpp"
#include "text/font.hpp"

namespace quire::pdf {

const SubsetGlyph* FontSubset::find(std::uint32_t old_gid) const {
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

constexpr hb_tag_t kDroppedTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
    HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
    HB_TAG('m', 'o', 'r', 't'), HB_TAG('k', 'e', 'r', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('m', 'e', 't', 'a'),
    HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('S', 'T', 'A', 'T'),
    HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('f', 'e', 'a', 't'),
};

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

  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) {
    error = "hb_subset_input_create_or_fail failed";
    return nullptr;
  }
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  for (std::uint32_t g : gids) hb_set_add(glyph_set, g);
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t t : kDroppedTables) hb_set_add(drop, t);
  // Compact gids (no RETAIN_GIDS): a CJK subset stays a few KB instead of a
  // table sized for 50,000 glyphs; the content streams carry the new ids.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face.face, input);
  hb_subset_input_destroy(input);
  if (!plan) {
    error = "hb-subset could not plan a subset of " + face.file;
    return nullptr;
  }
  auto result = std::make_shared<FontSubset>();
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
  result->glyphs.reserve(gids.size());
  const double scale = 1000.0 / static_cast<double>(face.upem ? face.upem : 1000);
  for (std::uint32_t g : gids) {
    hb_codepoint_t n = hb_map_get(old_to_new, g);
    if (n == HB_MAP_VALUE_INVALID) continue;  // a gid beyond the font: drawn as nothing
    int adv = hb_font_get_glyph_h_advance(face.font, g);
    result->glyphs.push_back({g, n, static_cast<int>(std::lround(adv * scale))});
  }
  hb_face_t* sub = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!sub) {
    error = "hb-subset failed for " + face.file;
    return nullptr;
  }
  hb_blob_t* blob = hb_face_reference_blob(sub);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  // Level 1: a subset is made for each document, and level 6 costs three times the time
  // for a few per cent of a font program that is already small.
  result->deflated = len > 0 ? deflate_bytes(std::string_view(data, len), 1) : std::string();
  bool ok = !result->deflated.empty();
  result->length1 = len;
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  if (!ok) {
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
  bytes_ += subset->deflated.size() + key.size();
  evict_locked();
  return subset;
}

void SubsetCache::evict_locked() {
  while (!lru_.empty() && (bytes_ > max_bytes_ || map_.size() > max_entries_) && map_.size() > 1) {
    auto it = map_.find(lru_.back());
    bytes_ -= it->second.subset->deflated.size() + it->first.size();
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
