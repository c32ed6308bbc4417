// The fonts of one PDF: which glyphs each font program draws, what text each glyph
// stands for (ToUnicode), and the Type0 / CIDFontType2 objects that embed them.
// The whole document is known before writing, so glyphs are collected first, every
// font is subset once, and the content streams then use the subset's glyph ids.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout/frame.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/haru_adapter.hpp"
#include "quire/diagnostic.hpp"

namespace quire::pdf {

/// One embedded font program (a synthetic bold face shares its regular's).
struct PdfFont {
  const text::Face* face = nullptr;  ///< metrics come from here
  std::vector<std::uint32_t> used;   ///< old gids drawn, sorted once collection ends
  std::vector<bool> seen;            ///< by old gid: already in `used`
  /// Text per old gid for ToUnicode, best first: the first one-glyph cluster it drew;
  /// else, inside a bigger cluster, the character whose nominal (cmap) glyph it is;
  /// else the cluster's characters no other glyph of it stands for (a conjunct's
  /// consonants). The views point into the LaidOutDocument, which outlives the writer.
  std::unordered_map<std::uint32_t, std::string_view> text, nominal;
  std::unordered_map<std::uint32_t, std::string> fallback;
  /// The same answers by old gid, built once collection ends (unicode() then reads it
  /// instead of three hash lookups per glyph drawn).
  std::vector<std::string_view> by_gid;
  std::shared_ptr<const FontSubset> subset;
  haru::Dict type0;  ///< the font dictionary content streams refer to

  /// The ToUnicode text of `old_gid` ("" if none).
  [[nodiscard]] std::string_view unicode(std::uint32_t old_gid) const;
  /// Fills `by_gid` from text, nominal and fallback (after the last collect()).
  void index_unicode();
};

class FontSet {
 public:
  /// Records the glyphs and cluster texts of `run` (first pass over the document).
  void collect(const layout::GlyphRun& run);

  /// Subsets every font (through `cache`) and writes its objects into `doc`.
  /// Fonts that cannot be embedded are reported in `diags` and have no type0.
  void embed(haru::Document& doc, SubsetCache& cache, bool compress, Diagnostics& diags);

  /// The font that draws `face`, or null if `face` was never collected.
  [[nodiscard]] const PdfFont* find(const text::Face* face) const;

 private:
  PdfFont& font_for(const text::Face* face);

  std::vector<std::unique_ptr<PdfFont>> fonts_;
  std::unordered_map<const text::Face*, PdfFont*> by_face_;
  std::unordered_map<std::string, PdfFont*> by_program_;
};

/// The ToUnicode CMap for `font` (CIDs = subset gids), with bfchar/bfrange sections.
std::string to_unicode_cmap(const PdfFont& font);

}  // namespace quire::pdf
