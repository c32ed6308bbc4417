// Font subsetting with hb-subset, for both writers: the PDF embeds glyphs it has already
// shaped (glyph ids, layout tables dropped), the DOCX embeds fonts that Word and LibreOffice
// shape themselves (characters, with the layout tables and every glyph they reach).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quire::text {

struct Face;

struct SubsetRequest {
  /// Glyph ids to keep (glyph 0, .notdef, is always kept).
  std::vector<std::uint32_t> glyphs;
  /// Characters to keep: their cmap entries and, with `keep_layout`, every glyph the
  /// layout tables reach from them (Arabic joining forms, Nastaliq's contextual shapes).
  std::vector<char32_t> characters;
  /// Keep GSUB, GPOS, GDEF, BASE, JSTF, MATH: the reader shapes the text itself.
  /// Without it they are dropped, with the other tables only a shaper needs.
  bool keep_layout = false;
};

struct SubsetProgram {
  std::string bytes;  ///< the subset font program (an sfnt), uncompressed
  /// The requested glyphs that are in the subset: (old id, new id), in the order asked.
  /// Glyph ids are compact (no RETAIN_GIDS): a CJK subset stays a few KB.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> glyph_map;
};

/// Subsets `face` as `request` asks; hinting is dropped. nullopt, with `error` set, when
/// hb-subset cannot (a face that did not load, a broken font).
std::optional<SubsetProgram> subset_font(const Face& face, const SubsetRequest& request, std::string& error);

}  // namespace quire::text
