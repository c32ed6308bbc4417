// Shaping, the second step of the text pipeline: font runs -> glyphs with HarfBuzz.
//
// Text is shaped in "units" (a word and the spaces after it) so that shaped words can be
// cached: a batch renders many similar documents. The cache is per thread (no locks),
// bounded (two generations of at most kShapeCacheGeneration entries), and keyed by
// face, direction, script, language, features, the unit's text and the context HarfBuzz
// saw around it (so Arabic joins across font-run boundaries and the result still only
// depends on the key).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "text/itemize.hpp"

namespace quire::text {

/// One glyph. Advances and offsets are in font units (the face's upem); y_offset > 0 is up.
struct ShapedGlyph {
  std::uint32_t id = 0;
  std::int32_t x_advance = 0;
  std::int32_t x_offset = 0;
  std::int32_t y_offset = 0;
  /// UTF-16 offset into Itemized::text of the first character of the glyph's cluster,
  /// or kInsertedHyphen for a hyphen added at a line end.
  std::uint32_t cluster = 0;
};

inline constexpr std::uint32_t kInsertedHyphen = 0xFFFFFFFFu;

/// The glyphs of one shaped unit, cluster values relative to the unit's start.
struct ShapedUnit;

/// Widths of a paragraph's clusters, for line breaking; shaped once, reused by build_line().
struct Measure {
  std::vector<float> prefix;                ///< prefix[i] = width in points of text[0, i) in logical order
  std::vector<std::uint8_t> cluster_start;  ///< 1 where a cluster starts (never inside a base + marks)
  struct Unit {
    std::uint32_t start = 0, end = 0;
    std::uint32_t run = 0;  ///< index into Itemized::runs
    std::shared_ptr<const ShapedUnit> shaped;
  };
  std::vector<Unit> units;  ///< logical order

  /// Width of text[a, b) in points.
  [[nodiscard]] float width(std::uint32_t a, std::uint32_t b) const { return prefix[b] - prefix[a]; }
};

/// Shapes every run of `items` (through the cache) and records cluster widths.
Measure measure(const Itemized& items, const ParagraphInput& para);

/// Appends the glyphs of text[start, end) (inside run `run`) in visual order. Units
/// wholly inside the range are reused from `m`; a unit cut by the range is shaped again
/// (line ends inside a word: hyphenation, emergency breaks, CJK).
void shape_range(const Itemized& items, const ParagraphInput& para, const Measure& m, std::uint32_t run,
                 std::uint32_t start, std::uint32_t end, std::vector<ShapedGlyph>& out);

/// Glyphs of a hyphen drawn with run `run`'s face (its soft-hyphen glyph if it has one, else
/// U+2010 or '-' shaped), cluster kInsertedHyphen.
std::vector<ShapedGlyph> shape_hyphen(const Itemized& items, const ParagraphInput& para, std::uint32_t run);

/// Shape-cache counters of the calling thread (tests and benchmarks).
struct ShapeCacheStats {
  std::size_t hits = 0, misses = 0, entries = 0;
};
ShapeCacheStats shape_cache_stats();
/// Empties the calling thread's cache.
void clear_shape_cache();

inline constexpr std::size_t kShapeCacheGeneration = 16384;

}  // namespace quire::text
