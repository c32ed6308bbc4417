// NFC, bidi levels, script runs and font runs for one paragraph.
#include "text/itemize.hpp"

#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <memory>

#include "text/font.hpp"
#include "text/unicode.hpp"

namespace quire::text {

std::uint32_t Itemized::span_at(std::uint32_t offset) const {
  auto it = std::upper_bound(span_start.begin(), span_start.end(), offset);
  if (it == span_start.begin()) return 0;
  auto idx = static_cast<std::uint32_t>(it - span_start.begin()) - 1;
  // empty spans share their offset with the next one: the last span starting here owns it
  return std::min<std::uint32_t>(idx, static_cast<std::uint32_t>(span_start.size()) - 2);
}

const char* script_tag(int script) {
  const char* name = uscript_getShortName(static_cast<UScriptCode>(script));
  return name ? name : "Zzzz";
}

Direction first_strong_direction(std::u16string_view text) {
  switch (ubidi_getBaseDirection(reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()))) {
    case UBIDI_LTR:
      return Direction::Ltr;
    case UBIDI_RTL:
      return Direction::Rtl;
    default:
      return Direction::Auto;
  }
}

namespace {

Direction direction_from_icu(std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc =
      icu::Locale::forLanguageTag(icu::StringPiece(lang.data(), static_cast<int32_t>(lang.size())), status);
  if (U_FAILURE(status) || loc.isBogus() || std::string_view(loc.getLanguage()).empty()) return Direction::Auto;
  // Only a language whose script ICU knows decides; "prs" (Dari) has no likely subtags in
  // ICU, so it stays Auto and the paragraph takes the document's direction.
  icu::Locale likely = loc;
  likely.addLikelySubtags(status);
  if (U_FAILURE(status) || std::string_view(likely.getScript()).empty()) return Direction::Auto;
  return likely.isRightToLeft() ? Direction::Rtl : Direction::Ltr;
}

}  // namespace

Direction language_direction(std::string_view lang) {
  if (lang.empty()) return Direction::Auto;
  // Asked for every paragraph; ICU's likely-subtags lookup is too slow to repeat.
  thread_local std::vector<std::pair<std::string, Direction>> known;
  for (const auto& [tag, dir] : known)
    if (tag == lang) return dir;
  Direction d = direction_from_icu(lang);
  if (known.size() < 64) known.emplace_back(std::string(lang), d);
  return d;
}

namespace {

// True if a left-to-right paragraph may need the bidi algorithm: any right-to-left
// character or control (Hebrew..Arabic Extended, presentation forms, RLM, RLE, RLO, RLI,
// non-BMP RTL). Left-to-right controls alone (LRM, LRE, LRO, PDF, LRI, FSI, PDI: the
// template isolates every interpolated value) change no level where nothing is right to left.
bool may_need_bidi(std::u16string_view text) {
  for (char16_t c : text) {
    if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) || c == 0x200F ||
        c == 0x202B || c == 0x202E || c == 0x2067 || (c >= 0xD800 && c <= 0xDFFF))
      return true;
  }
  return false;
}

void resolve_levels(const ParagraphInput& para, Itemized& out) {
  const auto n = out.text.size();
  Direction dir = para.dir;
  if (dir == Direction::Auto) dir = first_strong_direction(out.text);
  if (dir == Direction::Auto) dir = para.fallback == Direction::Rtl ? Direction::Rtl : Direction::Ltr;
  out.base_level = dir == Direction::Rtl ? 1 : 0;

  bool explicit_runs = false;
  for (const auto& s : para.spans)
    if (s.dir != Direction::Auto && (s.dir == Direction::Rtl) != (out.base_level == 1)) explicit_runs = true;
  if (out.base_level == 0 && !explicit_runs && !may_need_bidi(out.text)) {
    out.levels.assign(n, 0);
    return;
  }

  // Explicit span directions become embedding levels (ubidi_setPara's embeddingLevels):
  // an RTL span in an LTR paragraph gets 1, an LTR span in an RTL paragraph 2.
  std::vector<UBiDiLevel> embed;
  if (explicit_runs) {
    embed.assign(n, 0);
    for (size_t i = 0; i < para.spans.size(); ++i) {
      Direction d = para.spans[i].dir;
      if (d == Direction::Auto || (d == Direction::Rtl) == (out.base_level == 1)) continue;
      UBiDiLevel lvl = d == Direction::Rtl ? 1 : 2;
      std::fill(embed.begin() + out.span_start[i], embed.begin() + out.span_start[i + 1], lvl);
    }
  }
  UErrorCode ec = U_ZERO_ERROR;
  std::unique_ptr<UBiDi, void (*)(UBiDi*)> bidi(ubidi_openSized(static_cast<int32_t>(n), 0, &ec), ubidi_close);
  if (U_SUCCESS(ec))
    ubidi_setPara(bidi.get(), reinterpret_cast<const UChar*>(out.text.data()), static_cast<int32_t>(n), out.base_level,
                  embed.empty() ? nullptr : embed.data(), &ec);
  const UBiDiLevel* levels = U_SUCCESS(ec) ? ubidi_getLevels(bidi.get(), &ec) : nullptr;
  if (U_FAILURE(ec) || !levels) {
    out.levels.assign(n, out.base_level);
    return;
  }
  out.levels.assign(levels, levels + n);
}

bool is_common(UScriptCode s) {
  return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_UNKNOWN;
}

bool is_rtl_script(UScriptCode s) {
  return uscript_isRightToLeft(s) != 0;
}

// Whether the isolate (FSI) starting after `from` is left to right: its first strong
// letter up to the matching PDI (UAX #9 P2-P3), nested isolates skipped; left to right
// if it has none.
bool isolate_ltr(std::u16string_view text, size_t from) {
  int depth = 0;
  for (size_t i = from; i < text.size();) {
    size_t len = 1;
    const char32_t c = code_point_at(text, i, &len);
    i += len;
    if (c >= 0x2066 && c <= 0x2068) {
      ++depth;
    } else if (c == 0x2069) {
      if (depth-- == 0) break;
    } else if (depth == 0) {
      const auto dir = u_charDirection(static_cast<UChar32>(c));
      if (dir == U_LEFT_TO_RIGHT) return true;
      if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC) return false;
    }
  }
  return true;
}

// Script per UTF-16 unit. Common and Inherited characters take the script of the text
// before them (or, at the start, after them); a closing bracket takes its opening one's.
// A bidi isolate is a world of its own: text after it takes the script of the text before
// it, and in a left-to-right isolate, characters of no script (a phone number's digits,
// "0808 157 0000", after Arabic) are Latin, not the right-to-left script outside, as the
// Word file sets them (a run without w:rtl, in its Latin font).
std::vector<UScriptCode> resolve_scripts(std::u16string_view text) {
  std::vector<UScriptCode> scripts(text.size(), USCRIPT_COMMON);
  struct Open {
    UChar32 close;
    UScriptCode script;
  };
  std::vector<Open> brackets;
  struct Isolate {
    bool ltr;
    UScriptCode before;  // `last` where the isolate opened
  };
  std::vector<Isolate> isolates;
  UScriptCode last = USCRIPT_COMMON;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    char32_t c = code_point_at(text, i, &len);
    if (c >= 0x2066 && c <= 0x2069) [[unlikely]] {  // LRI RLI FSI PDI: Common, and they move the script
      if (c == 0x2069) {
        if (!isolates.empty()) {
          last = isolates.back().before;
          isolates.pop_back();
        }
      } else if (isolates.size() < 125) {
        const bool ltr = c == 0x2066 || (c == 0x2068 && isolate_ltr(text, i + len));
        isolates.push_back({ltr, last});
        if (ltr && is_rtl_script(last)) last = USCRIPT_LATIN;
      }
      scripts[i] = last;
      i += len;
      continue;
    }
    UErrorCode ec = U_ZERO_ERROR;
    UScriptCode s;
    if (c < 0x80) {  // ICU's answer for ASCII, without the lookup: letters Latin, the rest Common
      const char32_t lower = c | 0x20;
      s = lower >= 'a' && lower <= 'z' ? USCRIPT_LATIN : USCRIPT_COMMON;
    } else {
      s = uscript_getScript(static_cast<UChar32>(c), &ec);
      if (U_FAILURE(ec)) s = USCRIPT_COMMON;
    }
    if (is_common(s)) {
      // Script extensions (UAX #24): the Arabic comma is Common but used by Arab, Syrc, Thaa...
      UScriptCode ext[8];
      int n = c < 0x80 ? 0 : uscript_getScriptExtensions(static_cast<UChar32>(c), ext, 8, &ec);
      if (U_FAILURE(ec) || n <= 0 || is_common(ext[0]) || std::find(ext, ext + n, last) != ext + n) {
        s = last;
      } else {
        s = ext[0];
        last = s;
      }
      auto type = static_cast<UBidiPairedBracketType>(
          u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_BIDI_PAIRED_BRACKET_TYPE));
      if (type == U_BPT_OPEN) {
        if (brackets.size() < 64) brackets.push_back({u_getBidiPairedBracket(static_cast<UChar32>(c)), s});
      } else if (type == U_BPT_CLOSE) {
        for (size_t k = brackets.size(); k-- > 0;) {
          if (brackets[k].close == static_cast<UChar32>(c)) {
            s = brackets[k].script;
            brackets.resize(k);
            break;
          }
        }
      }
    } else {
      // A real script after leading Common text: give it to that text too.
      if (is_common(last))
        for (size_t k = 0; k < i; ++k)
          if (is_common(scripts[k])) scripts[k] = s;
      for (auto& b : brackets)
        if (is_common(b.script)) b.script = s;
      last = s;
    }
    for (size_t k = 0; k < len; ++k) scripts[i + k] = s;
    i += len;
  }
  return scripts;
}

// Characters that must be drawn with the face of the character before them.
bool sticks_to_base(char32_t c) {
  if (c < 0x300) return false;                                 // no mark or joiner below the combining diacritics
  if (c == 0x200C || c == 0x200D || c == 0x034F) return true;  // ZWNJ, ZWJ, CGJ
  if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) return true;  // variation selectors
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;               // Mn, Mc, Me
}

// Caches pick() decisions for one paragraph: for each (script, lang, style) the faces
// preferred for it, in stack order, so most characters cost one cmap lookup.
class Picker {
 public:
  explicit Picker(const FontLibrary& fonts) : fonts_(fonts) {}

  const Face& pick(char32_t c, UScriptCode script, const std::string& lang, const TextStyle& style) {
    Key* key = nullptr;
    for (auto& k : keys_)
      if (k.script == script && k.bold == style.bold && k.italic == style.italic && k.lang == &lang) key = &k;
    if (!key) {
      keys_.push_back({script, style.bold, style.italic, &lang, {}});
      key = &keys_.back();
      for (size_t i = 0; i < fonts_.stack().size(); ++i)
        if (fonts_.prefers(i, script_tag(script), lang))
          key->preferred.push_back(&fonts_.entry_face(i, style.bold, style.italic));
    }
    for (const Face* f : key->preferred)
      if (f->covers(c)) return *f;
    return fonts_.pick(c, script_tag(script), lang, style.bold, style.italic);
  }

 private:
  struct Key {
    UScriptCode script;
    bool bold, italic;
    const std::string* lang;
    std::vector<const Face*> preferred;
  };
  const FontLibrary& fonts_;
  std::vector<Key> keys_;
};

}  // namespace

Itemized itemize(const ParagraphInput& para, const FontLibrary& fonts) {
  Itemized out;
  out.span_start.reserve(para.spans.size() + 1);
  out.langs.reserve(para.spans.size());
  for (const auto& span : para.spans) {
    out.span_start.push_back(static_cast<std::uint32_t>(out.text.size()));
    std::u16string piece;
    append_utf16(piece, span.text);
    normalize_nfc(piece);  // per span, so span offsets stay exact
    out.text += piece;
    out.langs.push_back(span.lang.empty() ? para.lang : span.lang);
  }
  out.span_start.push_back(static_cast<std::uint32_t>(out.text.size()));
  if (para.spans.empty()) {
    out.span_start.push_back(0);  // one (empty) span, so span_at() stays valid
    out.langs.push_back(para.lang);
  }

  resolve_levels(para, out);
  if (out.text.empty()) return out;
  auto scripts = resolve_scripts(out.text);

  Picker picker(fonts);
  static const TextStyle kDefault;
  const Face* prev_face = nullptr;
  std::uint32_t span = 0;
  FontRun run;
  bool open = false;
  for (size_t i = 0; i < out.text.size();) {
    while (span + 1 < para.spans.size() && i >= out.span_start[span + 1]) ++span;
    size_t len = 1;
    char32_t c = code_point_at(out.text, i, &len);
    const TextStyle& style = para.spans.empty() ? kDefault : para.spans[span].style;
    const Face* face = nullptr;
    // Directional controls stay in the face before them: Naskh and Nastaliq lack them, and a
    // fallback face would make the line as tall as it is.
    if (prev_face && c >= 0x300 &&
        ((sticks_to_base(c) && (c == 0x200C || c == 0x200D || prev_face->covers(c))) || is_bidi_control(c)))
      face = prev_face;
    else
      face = &picker.pick(c, scripts[i], out.langs[span], style);
    auto level = out.levels[i];
    // A directional control joins the run before it, script and all (it is drawn as nothing).
    auto script = open && is_bidi_control(c) ? run.script : static_cast<int>(scripts[i]);
    if (open && (run.level != level || run.script != script || run.face != face || run.span != span)) {
      out.runs.push_back(run);
      open = false;
    }
    if (!open) {
      run = FontRun{static_cast<std::uint32_t>(i), 0, level, script, face, span};
      open = true;
    }
    i += len;
    run.end = static_cast<std::uint32_t>(i);
    prev_face = face;
  }
  if (open) out.runs.push_back(run);
  return out;
}

float run_size(const ParagraphInput& para, const FontRun& run) {
  float size = run.span < para.spans.size() ? para.spans[run.span].style.size : 11.f;
  for (const auto& [script, factor] : para.script_scale)
    if (script == run.script) return size * factor;
  return size;
}

}  // namespace quire::text
