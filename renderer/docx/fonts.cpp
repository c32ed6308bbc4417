// Embedded fonts (ECMA-376 Part 1, 17.8): the families the document names are subset to the
// characters it uses, with their layout tables (Word and LibreOffice shape the text
// themselves: Arabic joining, Nastaliq's contextual forms), and stored as obfuscated parts
// word/fonts/fontN.odttf, so a PC without Noto shows the intended fonts.
#include "docx/fonts.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>

#include "docx/writer.hpp"
#include "text/font.hpp"
#include "text/subset.hpp"

namespace quire::docx {
namespace {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 1469598103934665603ULL) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The face of `family` in a style: the stack's entry of that name, else the installed font
// the fallback picks for one of the family's characters if it is that family. Null when the
// family has no face of its own in that style (a synthetic bold is Word's to make).
const text::Face* find_face(const text::FontLibrary& fonts, const std::string& family, bool bold,
                            const std::set<char32_t>& chars) {
  const auto& stack = fonts.stack();
  for (size_t i = 0; i < stack.size(); ++i)
    if (stack[i].family == family) {
      const text::Face& f = fonts.entry_face(i, bold);
      return f.synthetic_bold || f.bold != bold ? nullptr : &f;
    }
  for (char32_t c : chars) {
    if (text::FontLibrary::needs_no_glyph(c) || c < 0x80) continue;
    const text::Face* f = fonts.system_fallback(c, bold);
    if (f && f->family == family && !f->synthetic_bold && f->bold == bold) return f;
    break;
  }
  return nullptr;
}

}  // namespace

std::string font_key(std::string_view font_bytes, std::string_view family, bool bold) {
  // Repeatable: the same font program and name give the same key, so the same input gives
  // the same package bytes.
  std::uint64_t a = fnv1a(font_bytes, fnv1a(family));
  std::uint64_t b = fnv1a(bold ? "bold" : "regular", a ^ 0x9E3779B97F4A7C15ULL);
  unsigned char g[16];
  for (int i = 0; i < 8; ++i) {
    g[i] = static_cast<unsigned char>(a >> (8 * i));
    g[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}", g[0], g[1],
                g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
  return buf;
}

std::string obfuscate_font(std::string font_bytes, std::string_view key) {
  // 17.8.1: the key's 32 hex digits, read as 16 bytes from the last pair to the first, are
  // XORed into the first 32 bytes of the font (bytes 0-15 and again 16-31).
  std::string hex;
  for (char c : key)
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  if (hex.size() != 32 || font_bytes.size() < 32) return font_bytes;
  unsigned char k[16];
  for (int i = 0; i < 16; ++i) {
    const size_t at = 30 - 2 * static_cast<size_t>(i);
    k[i] = static_cast<unsigned char>(std::stoi(hex.substr(at, 2), nullptr, 16));
  }
  for (int i = 0; i < 32; ++i)
    font_bytes[static_cast<size_t>(i)] =
        static_cast<char>(static_cast<unsigned char>(font_bytes[static_cast<size_t>(i)]) ^ k[i % 16]);
  return font_bytes;
}

FontEmbeds embed_fonts(Context& ctx, const text::FontLibrary& fonts, Relationships& font_rels) {
  FontEmbeds embeds;
  int n = 0;
  for (auto& [family, used] : ctx.font_chars) {
    std::set<char32_t> chars = used;
    // What Word writes itself in this font: page numbers and list labels.
    for (char32_t c : std::u32string_view(U"0123456789.,:;-()\u2022\u2013 ")) chars.insert(c);
    text::SubsetRequest request;
    request.characters.assign(chars.begin(), chars.end());
    request.keep_layout = true;
    for (bool bold : {false, true}) {
      const text::Face* face = find_face(fonts, family, bold, used);
      if (!face) {
        if (!bold)
          ctx.diags.warning(
              Origin::Internal, "docx.font-not-embedded",
              "the font '" + family + "' was not found among the loaded fonts; it is named, not embedded");
        if (!bold) break;
        continue;
      }
      std::string error;
      auto program = text::subset_font(*face, request, error);
      if (!program) {
        ctx.diags.warning(Origin::Internal, "docx.font-not-embedded",
                          "the font '" + family + "' could not be subset (" + error + "); it is named, not embedded");
        continue;
      }
      const std::string key = font_key(program->bytes, family, bold);
      const std::string name = "font" + std::to_string(++n) + ".odttf";
      ctx.parts.emplace_back("word/fonts/" + name, obfuscate_font(std::move(program->bytes), key));
      FontEmbed e;
      e.element = bold ? "w:embedBold" : "w:embedRegular";
      e.rel_id = font_rels.add(rel_type("font"), "fonts/" + name);
      e.key = key;
      embeds[family].push_back(std::move(e));
    }
  }
  if (!embeds.empty()) ctx.types.add_default("odttf", "application/vnd.openxmlformats-officedocument.obfuscatedFont");
  return embeds;
}

}  // namespace quire::docx
