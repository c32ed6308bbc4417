// Embedding the fonts a DOCX names (ECMA-376 Part 1, 17.8), as Word does: subsets with
// their layout tables, obfuscated with a per-font key. docs/FONTS.md says why.
#pragma once

#include <string>
#include <string_view>

#include "docx/writer.hpp"

namespace quire::text {
class FontLibrary;
}

namespace quire::docx {

/// A w:fontKey ("{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper case) derived from the font
/// program and its family, so the same input gives the same bytes.
std::string font_key(std::string_view font_bytes, std::string_view family, bool bold);

/// Obfuscates (or, applied again, restores) a font program with `key` (17.8.1): the 16 bytes
/// of the key, last hex pair first, XORed into bytes 0-15 and 16-31.
std::string obfuscate_font(std::string font_bytes, std::string_view key);

/// Subsets every family of `ctx.font_chars` (regular, and bold where the family has a bold
/// face) to the characters used, adds word/fonts/fontN.odttf parts to `ctx.parts`, their
/// relationships to `font_rels` and the odttf content type. A family with no loaded face is
/// named only (a warning).
FontEmbeds embed_fonts(Context& ctx, const text::FontLibrary& fonts, Relationships& font_rels);

}  // namespace quire::docx
