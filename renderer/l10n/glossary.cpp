// A locale's glossary: the agreed translation of the terms children's services use
// ("corporate parent", "independent reviewing officer"), so that a child meets one word
// for one thing across every document. A simple CSV a translator can keep in any
// spreadsheet (docs/TRANSLATORS.md); check and import warn where a translation strays.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

#include "base/csv.hpp"
#include "l10n/workflow.hpp"

namespace quire::l10n {

namespace {

constexpr std::size_t kMaxGlossaryEntries = 5000;
constexpr std::size_t kMaxGlossaryBytes = 1 << 20;

using csv::next_record;
using csv::trim;

/// NFC, lower case, without the marks a translator may or may not write (Arabic
/// harakat, tatweel): the form terms are compared in.
icu::UnicodeString comparable(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_SUCCESS(status)) u = nfc->normalize(u, status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670) continue;
    out.append(c);
  }
  return out.toLower();
}

/// Whether the English `source` uses `term` as whole words (a plural "s" allowed).
bool uses_term(const icu::UnicodeString& source, const icu::UnicodeString& term) {
  for (int32_t at = source.indexOf(term); at >= 0; at = source.indexOf(term, at + 1)) {
    const int32_t end = at + term.length();
    const bool start_ok = at == 0 || !u_isalnum(source.char32At(at - 1));
    int32_t after = end;
    if (after < source.length() && source.charAt(after) == u's') ++after;
    const bool end_ok = after >= source.length() || !u_isalnum(source.char32At(after));
    if (start_ok && end_ok) return true;
  }
  return false;
}

}  // namespace

std::vector<GlossaryEntry> parse_glossary(std::string_view text, const std::string& file, Diagnostics& diags) {
  std::vector<GlossaryEntry> out;
  if (text.size() > kMaxGlossaryBytes) {
    diags.error(Origin::Locale, "locale.limit", "the glossary is larger than 1 MB", {file, 1, 1});
    return out;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's byte-order mark
  std::size_t at = 0;
  int line = 1;
  std::vector<std::string> fields;
  bool header = true;
  while (true) {
    const int record_line = line;
    if (!next_record(text, at, line, fields)) break;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;
    if (header) {
      header = false;
      if (trim(fields[0]) == "term") continue;
    }
    if (fields.size() < 2 || trim(fields[0]).empty() || trim(fields[1]).empty()) {
      diags.error(Origin::Locale, "locale.glossary-syntax",
                  "a glossary line needs a term and its translation: term,translation,note", {file, record_line, 1});
      continue;
    }
    if (out.size() >= kMaxGlossaryEntries) {
      diags.error(Origin::Locale, "locale.limit", "the glossary has more than 5000 terms", {file, record_line, 1});
      break;
    }
    GlossaryEntry e;
    e.term = trim(fields[0]);
    std::string alternatives = fields[1];
    for (std::size_t from = 0;;) {
      std::size_t bar = alternatives.find('|', from);
      std::string one = trim(alternatives.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
      if (!one.empty()) e.translations.push_back(one);
      if (bar == std::string::npos) break;
      from = bar + 1;
    }
    if (fields.size() > 2) e.note = trim(fields[2]);
    e.pos = {file, record_line, 1};
    out.push_back(std::move(e));
  }
  return out;
}

void check_glossary(const Catalogue& english, const Catalogue& target, const std::vector<GlossaryEntry>& glossary,
                    Diagnostics& diags) {
  if (glossary.empty()) return;
  struct Prepared {
    const GlossaryEntry* entry;
    icu::UnicodeString term;
    std::vector<icu::UnicodeString> translations;
  };
  std::vector<Prepared> terms;
  for (const auto& e : glossary) {
    Prepared p{&e, comparable(e.term), {}};
    for (const auto& t : e.translations) {
      p.translations.push_back(comparable(t));
      // Arabic "to the" (li- + al-) is written لل, losing the alef: "للأخصائي الاجتماعي" is
      // "to the social worker" and uses the agreed "الأخصائي الاجتماعي". (wa-, bi-, fa-, ka-
      // keep the article whole, so the term is found inside them as it is.)
      const icu::UnicodeString& c = p.translations.back();
      if (c.length() > 2 && c.charAt(0) == 0x0627 && c.charAt(1) == 0x0644)
        p.translations.push_back(icu::UnicodeString(static_cast<UChar>(0x0644)) + c.tempSubString(1));
    }
    terms.push_back(std::move(p));
  }
  for (const auto& id : target.order()) {
    const Message& m = *target.find(id);
    const Message* source = english.find(id);
    if (!source || m.target.empty() || m.source != source->source) continue;  // missing and stale: other reports
    const auto src = comparable(source->source), tgt = comparable(m.target);
    for (const auto& p : terms) {
      if (!uses_term(src, p.term)) continue;
      if (std::any_of(p.translations.begin(), p.translations.end(),
                      [&](const icu::UnicodeString& t) { return tgt.indexOf(t) >= 0; }))
        continue;
      std::string agreed;
      for (const auto& t : p.entry->translations) agreed += (agreed.empty() ? "\"" : "\" or \"") + t;
      diags.warning(Origin::Locale, "locale.glossary",
                    "'" + id + "': the English says \"" + p.entry->term + "\", which the glossary (" +
                        p.entry->pos.file.substr(p.entry->pos.file.find_last_of('/') + 1) + ":" +
                        std::to_string(p.entry->pos.line) + ") translates as " + agreed +
                        "\"; this translation does not use " + (p.translations.size() > 1 ? "any of them" : "it"),
                    m.target_pos);
    }
  }
}

}  // namespace quire::l10n
