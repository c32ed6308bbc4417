// Itemisation, the first step of the text pipeline: a paragraph of styled spans ->
// NFC text, bidi levels (UAX #9), script runs and font runs.
//
// Pipeline (one header per step):  itemize -> shape -> linebreak (+ hyphenate) -> lines.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace quire::text {

struct Face;
class FontLibrary;

/// Writing direction. Auto = from the first strong character (UAX #9 P2/P3).
enum class Direction { Auto, Ltr, Rtl };

/// What a span looks like; everything shaping and font choice depend on.
struct TextStyle {
  float size = 11;  ///< points
  bool bold = false;
  bool italic = false;
  bool small_caps = false;  ///< OpenType 'smcp'
  bool operator==(const TextStyle&) const = default;
};

/// A stretch of a paragraph with one style, language and (optional) explicit direction.
struct Span {
  std::string text;  ///< UTF-8; normalised to NFC by itemize()
  TextStyle style;
  std::string lang;                 ///< BCP 47; empty = the paragraph's language
  Direction dir = Direction::Auto;  ///< Ltr/Rtl = an explicit embedding (UAX #9 X2-X5)
  int user = 0;                     ///< the caller's own tag, handed back with every run
};

/// One paragraph to set: spans in logical order. A forced line break is U+2028 in a span.
struct ParagraphInput {
  std::vector<Span> spans;
  std::string lang;                     ///< BCP 47 of the paragraph
  Direction dir = Direction::Auto;      ///< Auto = first strong character, else `fallback`
  Direction fallback = Direction::Ltr;  ///< the document's direction
  /// Size factors per script (UScriptCode, factor), from the style sheet: Arabic-script,
  /// Ethiopic and Bengali faces read smaller than Latin at one nominal size.
  std::vector<std::pair<int, float>> script_scale;
};

/// A maximal range of text with one bidi level, script, face and span, in logical order.
struct FontRun {
  std::uint32_t start = 0, end = 0;  ///< UTF-16 offsets into Itemized::text
  std::uint8_t level = 0;            ///< bidi embedding level: odd = right-to-left
  int script = 0;                    ///< UScriptCode (Common/Inherited resolved to the neighbours' script)
  const Face* face = nullptr;
  std::uint32_t span = 0;  ///< index into ParagraphInput::spans
  [[nodiscard]] bool rtl() const { return (level & 1) != 0; }
};

/// The itemised paragraph.
struct Itemized {
  std::u16string text;                    ///< NFC, the spans concatenated
  std::vector<std::uint32_t> span_start;  ///< offset of each span in `text`; one extra entry = text.size()
  std::vector<std::uint8_t> levels;       ///< bidi level per UTF-16 unit
  std::uint8_t base_level = 0;            ///< 0 = left-to-right paragraph, 1 = right-to-left
  std::vector<FontRun> runs;              ///< logical order, covering the text
  std::vector<std::string> langs;         ///< resolved language per span

  [[nodiscard]] bool rtl() const { return (base_level & 1) != 0; }
  /// The span a text offset belongs to.
  [[nodiscard]] std::uint32_t span_at(std::uint32_t offset) const;
};

/// The size a font run is set at: its span's size times its script's scale.
float run_size(const ParagraphInput& para, const FontRun& run);

/// Itemises `para`. Fonts are chosen per character with FontLibrary::pick (script and
/// language aware, so `ur` gets Nastaliq); combining marks, ZWJ/ZWNJ and variation
/// selectors stay with their base character's face.
Itemized itemize(const ParagraphInput& para, const FontLibrary& fonts);

/// The direction of `utf8` by its first strong character (UAX #9 P2/P3); Auto if it has none.
Direction first_strong_direction(std::u16string_view text);

/// The writing direction of a language (BCP 47) from its likely script: Rtl for ar, fa,
/// prs, ps, ckb, ur...; Auto for an empty or unknown tag. A paragraph's direction follows
/// its language, not its first letter: an Arabic sentence may begin with a Latin name.
Direction language_direction(std::string_view lang);

/// ISO 15924 code of a UScriptCode ("Arab"), for dumps and font picking.
const char* script_tag(int script);

}  // namespace quire::text
