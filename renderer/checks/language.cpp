// Plain words for a child's edition: the jargon list of a locale (locales/<tag>/jargon.csv),
// sentence lengths, and the Flesch reading ease of English text. Estimates, as every
// readability tool's are: they point a writer at a sentence, they do not grade a plan.
#include <algorithm>
#include <array>
#include <cctype>

#include "base/csv.hpp"
#include "checks/internal.hpp"

namespace quire::checks {

namespace {

constexpr std::size_t kMaxJargonTerms = 2000;

bool ascii_alnum(unsigned char c) {
  return std::isalnum(c) != 0;
}

/// True if the character that ends just before byte `i` (or starts at `i`, when `at`) is part
/// of a word: ASCII letters and digits, and any non-ASCII character except general
/// punctuation (U+2000-U+206F: curly quotes, dashes) and the no-break space.
bool word_char(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  std::size_t lead = i;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  const auto c = static_cast<unsigned char>(text[lead]);
  if (c < 0x80) return ascii_alnum(c);
  const auto next = lead + 1 < text.size() ? static_cast<unsigned char>(text[lead + 1]) : 0;
  if (c == 0xE2 && (next == 0x80 || next == 0x81)) return false;
  if (c == 0xC2 && next == 0xA0) return false;
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

using csv::next_record;
using csv::trim;

bool is_abbreviation(std::string_view text, std::size_t dot) {
  // "Mr. Khan", "e.g. school": the word before the full stop.
  std::size_t start = dot;
  while (start > 0 && (ascii_alnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.')) --start;
  const std::string word = ascii_lower(text.substr(start, dot - start));
  static constexpr std::array<std::string_view, 8> kShort = {"mr", "mrs", "ms", "dr", "e.g", "i.e", "st", "no"};
  return std::find(kShort.begin(), kShort.end(), word) != kShort.end();
}

}  // namespace

Jargon parse_jargon(std::string_view csv, const std::string& file, Diagnostics& diags) {
  Jargon out;
  if (csv.size() > kMaxRulesBytes) {
    diags.warning(Origin::Locale, "locale.jargon", "the jargon list is larger than 256 KiB: not used", {file, 1, 1});
    return out;
  }
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a spreadsheet's byte-order mark
  std::size_t at = 0;
  int line = 1;
  std::vector<std::string> fields;
  bool first = true;
  while (out.terms.size() < kMaxJargonTerms) {
    const int row_line = line;
    if (!next_record(csv, at, line, fields)) break;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // a blank line
    if (first) {
      first = false;
      if (ascii_lower(trim(fields[0])) == "term") continue;  // the header row
    }
    JargonTerm t;
    t.term = trim(fields[0]);
    t.plain = fields.size() > 1 ? trim(fields[1]) : std::string();
    if (t.term.empty() || t.plain.empty()) {
      diags.warning(Origin::Locale, "locale.jargon", "a row needs a term and its plain words (term,plain,note)",
                    {file, row_line, 1});
      continue;
    }
    t.match_case = std::any_of(t.term.begin(), t.term.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!t.match_case) t.term = ascii_lower(t.term);
    out.terms.push_back(std::move(t));
  }
  std::stable_sort(out.terms.begin(), out.terms.end(),
                   [](const JargonTerm& a, const JargonTerm& b) { return a.term.size() > b.term.size(); });
  return out;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (count_words(current) > 0) out.push_back(trim(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      flush();
      continue;
    }
    current += c;
    if (c == '.' || c == '!' || c == '?') {
      // closing quotes and brackets stay with their sentence
      while (i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == ')' || text[i + 1] == '\''))
        current += text[++i];
      const bool end = i + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 1])) ||
                       text.substr(i + 1).starts_with("\xE2\x80\x9D") || text.substr(i + 1).starts_with("\xE2\x80\x99");
      if (end && !(c == '.' && is_abbreviation(text, i))) flush();
    }
  }
  flush();
  return out;
}

int count_words(std::string_view sentence) {
  int words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    const bool w = word_char(sentence, i);
    if (w && !in_word) ++words;
    in_word = w || (in_word && (sentence[i] == '\'' || sentence[i] == '-') && word_char(sentence, i + 1));
  }
  return words;
}

int count_syllables(std::string_view word) {
  std::string w;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c)))
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.empty()) return 1;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  int groups = 0;
  bool prev = false;
  for (char c : w) {
    const bool v = vowel(c);
    if (v && !prev) ++groups;
    prev = v;
  }
  // A silent final e ("home", "care"), but not "-le" ("table") or a word's only vowel ("the").
  if (w.size() > 2 && w.back() == 'e' && w[w.size() - 2] != 'l' && !vowel(w[w.size() - 2]) && groups > 1) --groups;
  return std::max(groups, 1);
}

double flesch_reading_ease(std::string_view text, int* words_out, int* sentences_out) {
  int words = 0, syllables = 0, sentences = 0;
  for (const auto& s : split_sentences(text)) {
    ++sentences;
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && !word_char(s, i)) ++i;
      std::size_t start = i;
      while (i < s.size() && (word_char(s, i) || ((s[i] == '\'' || s[i] == '-') && word_char(s, i + 1)))) ++i;
      if (i > start) {
        ++words;
        syllables += count_syllables(std::string_view(s).substr(start, i - start));
      }
    }
  }
  if (words_out) *words_out = words;
  if (sentences_out) *sentences_out = sentences;
  if (words == 0 || sentences == 0) return 0;
  return 206.835 - 1.015 * (static_cast<double>(words) / sentences) - 84.6 * (static_cast<double>(syllables) / words);
}

/// Where `term` occurs in `text` as whole words (a plural "s" allowed), outside quotation
/// marks; each match's byte range. Used by check_record.
std::vector<std::pair<std::size_t, std::size_t>> find_term(std::string_view text, std::string_view lowered,
                                                           const JargonTerm& term) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const std::string_view hay = term.match_case ? text : lowered;
  // quoted spans: "..." and curly “...”
  std::vector<std::pair<std::size_t, std::size_t>> quoted;
  for (std::size_t i = 0, open = std::string_view::npos; i < text.size(); ++i) {
    if (text[i] == '"') {
      if (open == std::string_view::npos) {
        open = i;
      } else {
        quoted.emplace_back(open, i);
        open = std::string_view::npos;
      }
    } else if (text.substr(i).starts_with("\xE2\x80\x9C")) {
      open = i;
    } else if (text.substr(i).starts_with("\xE2\x80\x9D") && open != std::string_view::npos) {
      quoted.emplace_back(open, i);
      open = std::string_view::npos;
    }
  }
  std::size_t from = 0;
  while (from < hay.size()) {
    const std::size_t at = hay.find(term.term, from);
    if (at == std::string_view::npos) break;
    std::size_t end = at + term.term.size();
    from = at + 1;
    if (at > 0 && word_char(text, at - 1) && word_char(text, at)) continue;
    if (end < text.size() && text[end] == 's' && ascii_alnum(static_cast<unsigned char>(text[end - 1]))) ++end;
    if (end < text.size() && word_char(text, end) && word_char(text, end - 1)) continue;
    const bool in_quotes =
        std::any_of(quoted.begin(), quoted.end(), [&](const auto& q) { return at > q.first && at < q.second; });
    if (!in_quotes) out.emplace_back(at, end);
  }
  return out;
}

}  // namespace quire::checks
