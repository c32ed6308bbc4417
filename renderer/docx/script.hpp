// Scripts and fonts for WordprocessingML runs. Word and LibreOffice pick one of four
// font slots (ascii, hAnsi, eastAsia, cs) per character by their own rules, and
// LibreOffice takes Ethiopic from the cs slot (research/rendering-spike.md section 4),
// so each run is cut where the script changes and all four slots name a font that has
// the run's script. No ICU here: the DOCX stage links only the model.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::docx {

/// The scripts the writer picks fonts for. Neutral = spaces, digits, punctuation:
/// they join the script around them.
enum class Script { Neutral, Latin, Arabic, Hebrew, Ethiopic, Bengali, Han };

/// script_of() for a code point of 0x80 or more.
Script script_of_non_ascii(char32_t c);
/// The script of a character (ASCII inline: letters are Latin, the rest neutral).
inline Script script_of(char32_t c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Script::Latin : Script::Neutral;
  return script_of_non_ascii(c);
}
/// Right-to-left scripts (their runs get w:rtl).
bool is_rtl(Script s);

/// A stretch of text in one script (neutrals attached to a neighbour).
struct ScriptRun {
  std::string text;
  Script script = Script::Latin;
};
/// Cuts `text` where the script changes. Neutrals go with the script before them
/// (leading neutrals with the first strong script, or `fallback` if there is none).
std::vector<ScriptRun> split_by_script(std::string_view text, Script fallback);

/// The script a BCP 47 tag is written in ("ar" -> Arabic, "ku-Arab" -> Arabic, "zh" -> Han).
Script script_of_language(std::string_view lang);
/// True for languages written right to left (ar, fa, prs, ps, ur, ckb, he, ...).
bool is_rtl_language(std::string_view lang);
/// The primary language subtag, lower-cased ("ar-SA" -> "ar").
std::string primary_subtag(std::string_view lang);

/// The four w:rFonts slots.
struct FontSlots {
  std::string ascii, h_ansi, east_asia, cs;
};
inline constexpr const char* kLatinFont = "Noto Sans";
inline constexpr const char* kHanFont = "WenQuanYi Micro Hei";
/// The Latin font's natural line height (hhea ascender + descender, Noto Sans: 1069 + 293
/// per 1000 em). quire's line height is a multiple of the font size (as in CSS), with taller
/// faces (Nastaliq, Naskh) getting lines in proportion to their own natural height;
/// Word's and LibreOffice's "auto" line spacing is a multiple of each font's natural
/// height. Dividing by this turns the one into the other for every face at once.
inline constexpr double kLatinLineHeight = 1.362;

/// Noto Nastaliq Urdu's natural line height (1904 + 596 per 1000 em).
inline constexpr double kNastaliqLineHeight = 2.5;

/// LibreOffice sets a Nastaliq line about 6% taller than its w:line asks (measured on the
/// Urdu Pledge: at 11 pt its text ran 39 pt further down the page than in the PDF, and 1 pt
/// above it at this factor). Urdu lines ask for this share of layout's height, so the Word
/// file takes the pages the PDF does; Naskh and Latin lines need no such factor.
inline constexpr double kNastaliqWordFactor = 0.94;

/// w:spacing/@w:line (lineRule "auto") for a line height of `multiple` times the font size
/// in a document in `doc_lang`, as layout sets it: in Nastaliq (Urdu) documents lines are
/// `tallest` (the style sheet's tallest_line) times a Latin line, less than the face's own
/// (and kNastaliqWordFactor of that).
long auto_line(double multiple, std::string_view doc_lang, double tallest);

/// The font for text of `script` in language `lang` ("Noto Nastaliq Urdu" for ur in Arabic script).
std::string font_for(Script script, std::string_view lang);
/// The complex-script (cs slot) font for a document in `lang`.
std::string cs_font_for_language(std::string_view lang);
/// The fonts for a run: Latin runs keep the document's east-Asian and cs defaults so
/// text typed into them later still finds a font; other scripts put their font in every slot.
FontSlots slots_for(Script script, std::string_view run_lang, std::string_view doc_lang);

/// The document defaults' fonts (styles.xml, w:rPrDefault): a Latin run's slots. Runs
/// write only the slots that differ from these.
const FontSlots& default_slots(std::string_view doc_lang);
/// The document defaults' languages: w:val for Latin text, w:eastAsia for Han, w:bidi for
/// complex scripts, the document's language where it is of that kind, else a neighbour.
struct DefaultLangs {
  std::string val, east_asia, bidi;
};
const DefaultLangs& default_langs(std::string_view doc_lang);

}  // namespace quire::docx
