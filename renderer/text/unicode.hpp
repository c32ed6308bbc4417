// Small Unicode helpers shared by the text stage: UTF-8 <-> UTF-16 and NFC.
// The text stage works in UTF-16 internally because ICU (bidi, breaks) and
// HarfBuzz (clusters) both index it that way.
#pragma once

#include <string>
#include <string_view>

namespace quire::text {

/// Appends `utf8` to `out` as UTF-16; malformed bytes become U+FFFD.
void append_utf16(std::u16string& out, std::string_view utf8);

/// Appends `utf16` to `out` as UTF-8; lone surrogates become U+FFFD.
void append_utf8(std::string& out, std::u16string_view utf16);

inline std::string to_utf8(std::u16string_view s) {
  std::string out;
  append_utf8(out, s);
  return out;
}
inline std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  append_utf16(out, s);
  return out;
}

/// Normalises `text` to NFC in place (cheap when it already is, which is the usual case).
void normalize_nfc(std::u16string& text);

/// The code point at `i` (a surrogate pair counts as one); `len` receives its length in code units.
char32_t code_point_at(std::u16string_view s, size_t i, size_t* len = nullptr);

/// Directional formatting characters: LRM, RLM, ALM, the embeddings and overrides
/// (LRE...RLO, PDF) and the isolates (LRI, RLI, FSI, PDI). Invisible: HarfBuzz shapes
/// them empty in any face.
inline bool is_bidi_control(char32_t c) {
  if (c < 0x200E) return c == 0x061C;  // most text: one comparison
  return c <= 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace quire::text
