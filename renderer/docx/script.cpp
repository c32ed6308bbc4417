#include "docx/script.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "docx/xml.hpp"

namespace quire::docx {
namespace {

bool in(char32_t c, char32_t lo, char32_t hi) {
  return c >= lo && c <= hi;
}

}  // namespace

Script script_of_non_ascii(char32_t c) {
  if (in(c, 0x0300, 0x036F)) return Script::Neutral;  // combining marks follow their base
  if (in(c, 0x0590, 0x05FF) || in(c, 0xFB1D, 0xFB4F)) return Script::Hebrew;
  if (in(c, 0x0600, 0x06FF) || in(c, 0x0750, 0x077F) || in(c, 0x0870, 0x08FF) || in(c, 0xFB50, 0xFDFF) ||
      in(c, 0xFE70, 0xFEFF))
    return Script::Arabic;
  if (in(c, 0x0980, 0x09FF)) return Script::Bengali;
  if (in(c, 0x1200, 0x139F) || in(c, 0x2D80, 0x2DDF) || in(c, 0xAB00, 0xAB2F) || in(c, 0x1E7E0, 0x1E7FF))
    return Script::Ethiopic;
  if (in(c, 0x2E80, 0x2FDF) || in(c, 0x3000, 0x30FF) || in(c, 0x3100, 0x31FF) || in(c, 0x3400, 0x4DBF) ||
      in(c, 0x4E00, 0x9FFF) || in(c, 0xF900, 0xFAFF) || in(c, 0xFE30, 0xFE4F) || in(c, 0xFF00, 0xFFEF) ||
      in(c, 0x20000, 0x3FFFF))
    return Script::Han;
  // Latin-1 punctuation and symbols, general punctuation, currency, letterlike, arrows,
  // maths, box drawing, dingbats, variation selectors: no script of their own.
  if (in(c, 0x00A0, 0x00BF) || c == 0x00D7 || c == 0x00F7 || in(c, 0x2000, 0x2BFF) || in(c, 0xFE00, 0xFE0F) ||
      in(c, 0x1F000, 0x1FAFF) || c == 0xFFFD)
    return Script::Neutral;
  return Script::Latin;  // Latin extended, Greek, Cyrillic...: all in Noto Sans
}

bool is_rtl(Script s) {
  return s == Script::Arabic || s == Script::Hebrew;
}

std::vector<ScriptRun> split_by_script(std::string_view text, Script fallback) {
  // Every run is one slice of the text: leading neutrals join the first strong run, later
  // neutrals the run before them. So runs are cut where the script changes and copied
  // once each, not a character at a time.
  std::vector<ScriptRun> runs;
  size_t run_start = 0;
  Script current = Script::Neutral;  // the open run's script; Neutral until the first strong one
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const Script s = script_of(next_code_point(text, i));
    if (s == Script::Neutral || s == current) continue;
    if (current != Script::Neutral) {
      runs.push_back({std::string(text.substr(run_start, start - run_start)), current});
      run_start = start;
    }
    current = s;
  }
  if (current != Script::Neutral)
    runs.push_back({std::string(text.substr(run_start)), current});
  else if (!text.empty())
    runs.push_back({std::string(text), fallback == Script::Neutral ? Script::Latin : fallback});
  return runs;
}

std::string primary_subtag(std::string_view lang) {
  std::string out;
  for (char ch : lang) {
    if (ch == '-' || ch == '_') break;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

namespace {

Script script_of_language_uncached(std::string_view lang) {
  // An explicit script subtag wins ("ku-Arab", "pa-Arab", "zh-Hant").
  std::string lower;
  for (char ch : lang) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.find("-arab") != std::string::npos) return Script::Arabic;
  if (lower.find("-hebr") != std::string::npos) return Script::Hebrew;
  if (lower.find("-latn") != std::string::npos) return Script::Latin;
  if (lower.find("-ethi") != std::string::npos) return Script::Ethiopic;
  if (lower.find("-beng") != std::string::npos) return Script::Bengali;
  if (lower.find("-hans") != std::string::npos || lower.find("-hant") != std::string::npos) return Script::Han;
  static const char* const arabic[] = {"ar", "fa", "prs", "ps", "ur", "ckb", "sd", "ug", "ks", "bal"};
  static const char* const hebrew[] = {"he", "yi", "iw"};
  static const char* const ethiopic[] = {"am", "ti", "tig", "gez"};
  static const char* const han[] = {"zh", "ja", "yue", "cmn"};
  const std::string p = primary_subtag(lang);
  auto any = [&](const auto& list) { return std::find(std::begin(list), std::end(list), p) != std::end(list); };
  if (any(arabic)) return Script::Arabic;
  if (any(hebrew)) return Script::Hebrew;
  if (any(ethiopic)) return Script::Ethiopic;
  if (p == "bn" || p == "as") return Script::Bengali;
  if (any(han)) return Script::Han;
  return Script::Latin;
}

}  // namespace

Script script_of_language(std::string_view lang) {
  // Asked for every run of a document, nearly always with the document's own language: the
  // last answer of this thread is kept (a pure function of `lang`).
  thread_local std::string last_lang;
  thread_local Script last_script = script_of_language_uncached("");
  thread_local bool known = false;
  if (known && lang == last_lang) return last_script;
  last_script = script_of_language_uncached(lang);
  last_lang.assign(lang);
  known = true;
  return last_script;
}

bool is_rtl_language(std::string_view lang) {
  return is_rtl(script_of_language(lang));
}

std::string font_for(Script script, std::string_view lang) {
  switch (script) {
    case Script::Arabic:
      return primary_subtag(lang) == "ur" ? "Noto Nastaliq Urdu" : "Noto Naskh Arabic";
    case Script::Hebrew:
      return "Noto Sans Hebrew";
    case Script::Ethiopic:
      return "Noto Sans Ethiopic";
    case Script::Bengali:
      return "Noto Sans Bengali";
    case Script::Han:
      return kHanFont;
    case Script::Latin:
    case Script::Neutral:
      break;
  }
  return kLatinFont;
}

std::string cs_font_for_language(std::string_view lang) {
  Script s = script_of_language(lang);
  // Latin and Chinese documents still need a cs font for Arabic-script names.
  if (s == Script::Latin || s == Script::Han) return font_for(Script::Arabic, lang);
  return font_for(s, lang);
}

long auto_line(double multiple, std::string_view doc_lang, double tallest) {
  if (primary_subtag(doc_lang) == "ur" && kNastaliqLineHeight / kLatinLineHeight > tallest)
    return std::lround(kNastaliqWordFactor * 240 * multiple * std::max(1.0, tallest) / kNastaliqLineHeight);
  return std::lround(240 * multiple / kLatinLineHeight);
}

FontSlots slots_for(Script script, std::string_view run_lang, std::string_view doc_lang) {
  if (script == Script::Latin || script == Script::Neutral)
    return {kLatinFont, kLatinFont, kHanFont, cs_font_for_language(doc_lang)};
  std::string f = font_for(script, run_lang);
  return {f, f, f, f};
}

const FontSlots& default_slots(std::string_view doc_lang) {
  // Asked for every run with the document's language: the last answer of this thread is kept.
  thread_local std::string last_lang;
  thread_local FontSlots last;
  thread_local bool known = false;
  if (!known || doc_lang != last_lang) {
    last = slots_for(Script::Latin, doc_lang, doc_lang);
    last_lang.assign(doc_lang);
    known = true;
  }
  return last;
}

const DefaultLangs& default_langs(std::string_view doc_lang) {
  thread_local std::string last_lang;
  thread_local DefaultLangs last;
  thread_local bool known = false;
  if (!known || doc_lang != last_lang) {
    const Script s = script_of_language(doc_lang);
    const std::string lang(doc_lang);
    last.val = s == Script::Latin ? lang : "en-GB";
    last.east_asia = s == Script::Han ? lang : "zh-CN";
    last.bidi = s != Script::Latin && s != Script::Han ? lang : "ar-SA";
    last_lang.assign(doc_lang);
    known = true;
  }
  return last;
}

}  // namespace quire::docx
