// Greedy line breaking on ICU break opportunities and shaped widths, then UAX #9 L2.
#include "text/linebreak.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

#include "text/font.hpp"
#include "text/hyphenate.hpp"
#include "text/unicode.hpp"

namespace quire::text {
namespace {

constexpr float kSlack = 0.01f;  // points: rounding noise in summed advances

// One line BreakIterator per locale and thread: creating one costs far more than a paragraph.
icu::BreakIterator* line_iterator(const std::string& lang) {
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  auto it = iterators.find(lang);
  if (it != iterators.end()) return it->second.get();
  UErrorCode ec = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(lang, ec);
  if (U_FAILURE(ec)) {
    ec = U_ZERO_ERROR;
    locale = icu::Locale::getRoot();
  }
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createLineInstance(locale, ec));
  if (U_FAILURE(ec)) bi.reset();
  auto* raw = bi.get();
  if (iterators.size() > 64) iterators.clear();
  iterators.emplace(lang, std::move(bi));
  return raw;
}

struct Opportunity {
  std::uint32_t pos;
  bool hard;
};

std::vector<Opportunity> opportunities(const Itemized& items, const std::string& lang) {
  std::vector<Opportunity> out;
  const auto n = static_cast<std::uint32_t>(items.text.size());
  icu::BreakIterator* bi = line_iterator(lang);
  if (bi) {
    UErrorCode ec = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUChars(&ut, reinterpret_cast<const UChar*>(items.text.data()), static_cast<int64_t>(n), &ec);
    bi->setText(&ut, ec);
    if (U_SUCCESS(ec)) {
      for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next()) {
        int32_t status = bi->getRuleStatus();
        out.push_back({static_cast<std::uint32_t>(p), status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
      }
    }
    utext_close(&ut);
  }
  if (out.empty() || out.back().pos != n) out.push_back({n, true});
  return out;
}

bool is_trailing_space(char16_t c) {
  return c == u' ' || c == u'\u2028' || c == u'\u2029' || c == u'\n' || c == u'\t' || c == u'\u3000';
}

std::uint32_t trim(const std::u16string& text, std::uint32_t a, std::uint32_t b) {
  while (b > a && is_trailing_space(text[b - 1])) --b;
  return b;
}

bool is_letter(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) || (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

std::uint32_t run_at(const Itemized& items, std::uint32_t pos) {
  auto it = std::upper_bound(items.runs.begin(), items.runs.end(), pos,
                             [](std::uint32_t p, const FontRun& r) { return p < r.start; });
  return it == items.runs.begin() ? 0 : static_cast<std::uint32_t>(it - items.runs.begin()) - 1;
}

float hyphen_width(const Itemized& items, const ParagraphInput& para, std::uint32_t run) {
  float size = run_size(para, items.runs[run]);
  float w = 0;
  for (const auto& g : shape_hyphen(items, para, run)) w += static_cast<float>(g.x_advance);
  return w * size / static_cast<float>(items.runs[run].face->upem);
}

// The largest hyphenation point h in [word_start, word_end) with the line [line_start, h) + hyphen fitting.
std::uint32_t best_hyphen(const Itemized& items, const Measure& m, const ParagraphInput& para,
                          const BreakOptions& options, std::uint32_t line_start, std::uint32_t word_start,
                          std::uint32_t word_end) {
  std::uint32_t best = 0;
  const auto& text = items.text;
  for (std::uint32_t a = word_start; a < word_end;) {
    // a maximal run of letters
    size_t len = 1;
    if (!is_letter(code_point_at(text, a, &len))) {
      a += static_cast<std::uint32_t>(len);
      continue;
    }
    std::uint32_t b = a;
    while (b < word_end && is_letter(code_point_at(text, b, &len))) b += static_cast<std::uint32_t>(len);
    const auto& lang = items.langs[items.span_at(a)];
    std::u16string_view word(text.data() + a, b - a);
    const bool whole = options.whole_words && std::binary_search(options.whole_words->begin(),
                                                                 options.whole_words->end(), word, std::less<>());
    if (!whole && options.hyphenators->supports(lang)) {
      for (std::uint32_t h : options.hyphenators->hyphenate(word, lang)) {
        std::uint32_t pos = a + h;
        if (pos <= line_start || !m.cluster_start[pos]) continue;
        float w = m.width(line_start, pos) + hyphen_width(items, para, run_at(items, pos - 1));
        if (w <= options.width + kSlack) best = std::max(best, pos);
      }
    }
    a = b;
  }
  return best;
}

}  // namespace

namespace {

// The words of `text` as letter_words finds them (after NFC), each with its offset in the
// normalised text, remembered per thread: the cache key of every paragraph, hit or miss,
// asks which of its words the data keeps whole, and converting, normalising and splitting
// the same catalogue sentence again for each document of a batch cost more than the lookup.
// Bounded: the table is emptied when it holds kMaxTexts texts.
using TextWords = std::vector<std::pair<std::size_t, std::u16string>>;

const TextWords& words_of(const std::string& text) {
  static constexpr std::size_t kMaxTexts = 4096;
  thread_local std::unordered_map<std::string, TextWords> memo;
  if (auto it = memo.find(text); it != memo.end()) return it->second;
  if (memo.size() >= kMaxTexts) memo.clear();
  TextWords words;
  std::u16string s = to_utf16(text);
  if (std::any_of(s.begin(), s.end(), [](char16_t c) { return c >= 0x80; }))
    normalize_nfc(s);  // ASCII text is already in NFC
  for (size_t a = 0; a < s.size();) {
    size_t len = 1;
    if (!is_letter(code_point_at(s, a, &len))) {
      a += len;
      continue;
    }
    size_t b = a;
    while (b < s.size() && is_letter(code_point_at(s, b, &len))) b += len;
    words.emplace_back(a, s.substr(a, b - a));
    a = b;
  }
  return memo.emplace(text, std::move(words)).first->second;
}

// Appends to `key` each word of `text` that is in `sorted` (sorted, as whole_words is), in
// text order, with its offset: the same words as letter_words({text}) finds.
void put_words_in(std::string& key, const std::string& text, const std::vector<std::u16string>& sorted) {
  for (const auto& [a, word] : words_of(text)) {
    if (std::binary_search(sorted.begin(), sorted.end(), word, std::less<>())) {
      key.append(reinterpret_cast<const char*>(&a), sizeof a);
      key.append(reinterpret_cast<const char*>(word.data()), word.size() * sizeof(char16_t));
    }
  }
}

}  // namespace

std::vector<std::u16string> letter_words(const std::vector<std::string>& texts) {
  std::vector<std::u16string> out;
  for (const auto& t : texts) {
    std::u16string s = to_utf16(t);
    normalize_nfc(s);
    for (size_t a = 0; a < s.size();) {
      size_t len = 1;
      if (!is_letter(code_point_at(s, a, &len))) {
        a += len;
        continue;
      }
      size_t b = a;
      while (b < s.size() && is_letter(code_point_at(s, b, &len))) b += len;
      out.emplace_back(s.substr(a, b - a));
      a = b;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<LineRange> break_lines(const Itemized& items, const Measure& m, const ParagraphInput& para,
                                   const BreakOptions& options) {
  std::vector<LineRange> lines;
  const auto& text = items.text;
  const auto n = static_cast<std::uint32_t>(text.size());
  if (n == 0) {
    lines.push_back({0, 0, false, true, false});
    return lines;
  }
  auto breaks = opportunities(items, para.lang);
  std::uint32_t line_start = 0;
  std::uint32_t last_fit = 0;  // 0 = none yet (a break at 0 is never an opportunity)
  int hyphens_in_a_row = 0;    // lines just set that end in a hyphen
  for (size_t i = 0; i < breaks.size();) {
    auto [b, hard] = breaks[i];
    if (b <= line_start) {
      ++i;
      continue;
    }
    std::uint32_t e = trim(text, line_start, b);
    if (m.width(line_start, e) <= options.width + kSlack) {
      if (hard || b == n) {
        lines.push_back({line_start, e, false, true, false});
        line_start = b;
        last_fit = 0;
        hyphens_in_a_row = 0;
      } else {
        last_fit = b;
      }
      ++i;
      continue;
    }
    // [word_start, e) is the word that does not fit.
    std::uint32_t word_start = last_fit ? last_fit : line_start;
    // No dictionary word is this long: hyphenating an over-long "word" (a megabyte without a
    // break) would scan all of it again for every line it fills, quadratic in its length.
    constexpr std::uint32_t kLongestHyphenatedWord = 128;
    if (options.hyphenators && e - word_start <= kLongestHyphenatedWord &&
        hyphens_in_a_row < options.max_hyphenated_in_a_row) {
      std::uint32_t h = best_hyphen(items, m, para, options, line_start, word_start, e);
      if (h > line_start) {
        lines.push_back({line_start, h, true, false, false});
        line_start = h;
        last_fit = 0;
        ++hyphens_in_a_row;
        continue;
      }
    }
    hyphens_in_a_row = 0;
    if (last_fit) {
      lines.push_back({line_start, trim(text, line_start, last_fit), false, false, false});
      line_start = last_fit;
      last_fit = 0;
      continue;
    }
    // One word wider than the line: break it between clusters (never inside one).
    std::uint32_t p = 0;
    for (std::uint32_t k = line_start + 1; k < e; ++k) {
      if (!m.cluster_start[k]) continue;
      if (m.width(line_start, k) <= options.width + kSlack)
        p = k;
      else
        break;
    }
    if (p == 0)  // not even one cluster fits: put one cluster on the line anyway
      for (std::uint32_t k = line_start + 1; k < e && p == 0; ++k)
        if (m.cluster_start[k]) p = k;
    if (p == 0 || p >= e) {  // a single cluster: it overflows alone
      lines.push_back({line_start, e, false, hard || b == n, true});
      line_start = b;
      ++i;
      continue;
    }
    lines.push_back({line_start, p, false, false, true});
    line_start = p;
  }
  if (lines.empty()) lines.push_back({0, trim(text, 0, n), false, true, false});
  return lines;
}

Line build_line(const Itemized& items, const Measure& m, const ParagraphInput& para, const LineRange& range) {
  Line line;
  line.range = range;
  if (range.end <= range.start && !range.hyphen) return line;
  std::vector<LineRun> logical;
  for (std::uint32_t r = 0; r < items.runs.size(); ++r) {
    const auto& run = items.runs[r];
    std::uint32_t a = std::max(run.start, range.start), b = std::min(run.end, range.end);
    if (a >= b) continue;
    LineRun piece;
    piece.run = r;
    piece.start = a;
    piece.end = b;
    piece.face = run.face;
    piece.rtl = run.rtl();
    piece.span = run.span;
    if (run.span < para.spans.size()) {
      piece.size = run_size(para, run);
      piece.user = para.spans[run.span].user;
    }
    shape_range(items, para, m, r, a, b, piece.glyphs);
    logical.push_back(std::move(piece));
  }
  if (range.hyphen && !logical.empty()) {
    auto& last = logical.back();
    auto h = shape_hyphen(items, para, last.run);
    if (last.rtl)
      last.glyphs.insert(last.glyphs.begin(), h.begin(), h.end());
    else
      last.glyphs.insert(last.glyphs.end(), h.begin(), h.end());
  }
  for (auto& piece : logical) {
    float units = 0;
    for (const auto& g : piece.glyphs) units += static_cast<float>(g.x_advance);
    piece.width = units * piece.size / static_cast<float>(piece.face->upem);
    line.width += piece.width;
  }
  // UAX #9 L2: reverse sequences of pieces by level.
  std::vector<UBiDiLevel> levels;
  bool mixed = false;
  for (auto& piece : logical) {
    levels.push_back(items.runs[piece.run].level);
    if (levels.back() != 0) mixed = true;
  }
  std::vector<int32_t> order(logical.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int32_t>(k);
  if (mixed && !logical.empty()) ubidi_reorderVisual(levels.data(), static_cast<int32_t>(levels.size()), order.data());
  for (size_t k = 0; k < logical.size(); ++k) logical[k].logical_order = static_cast<std::uint32_t>(k);
  line.runs.reserve(logical.size());
  for (int32_t idx : order) line.runs.push_back(std::move(logical[static_cast<size_t>(idx)]));
  return line;
}

SetParagraph set_paragraph(const ParagraphInput& para, const FontLibrary& fonts, const BreakOptions& options) {
  SetParagraph out;
  out.items = itemize(para, fonts);
  out.measure = measure(out.items, para);
  for (const auto& range : break_lines(out.items, out.measure, para, options)) {
    // A long paragraph: the deadline is watched per line. The first line is always set
    // (callers rely on one line at least), the rest are dropped once told to stop.
    if (!out.lines.empty() && options.stop && options.stop->stop()) break;
    if (range.emergency) ++out.emergency_breaks;
    out.lines.push_back(build_line(out.items, out.measure, para, range));
  }
  return out;
}

namespace {

template <typename T>
void put(std::string& key, const T& v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put(std::string& key, const std::string& s) {
  put(key, s.size());
  key += s;
}

}  // namespace

std::shared_ptr<const SetParagraph> ParagraphCache::set(const ParagraphInput& para, const FontLibrary& fonts,
                                                        const BreakOptions& options) {
  std::string key;
  put(key, &fonts);
  put(key, options.width);
  put(key, options.hyphenators);
  put(key, para.lang);
  put(key, para.dir);
  put(key, para.fallback);
  put(key, para.script_scale.size());
  for (const auto& [script, factor] : para.script_scale) {
    put(key, script);
    put(key, factor);
  }
  put(key, options.max_hyphenated_in_a_row);
  put(key, para.spans.size());
  for (const auto& span : para.spans) {
    put(key, span.text);
    put(key, span.style.size);
    put(key, static_cast<char>(span.style.bold | span.style.italic << 1 | span.style.small_caps << 2));
    put(key, span.lang);
    put(key, span.dir);
    put(key, span.user);
  }
  // The data's words kept whole are part of how this paragraph breaks: the same text in a
  // document whose data names other words may hyphenate differently. So the key holds which
  // of its words are kept whole (and where): a promise naming the council the theme names is
  // set once per batch, while the same text with other data is set afresh.
  if (options.whole_words && !options.whole_words->empty()) {
    key += '\x1e';
    for (const auto& span : para.spans) {
      put_words_in(key, span.text, *options.whole_words);
      key += '\x1f';
    }
  }
  if (auto it = map_.find(key); it != map_.end()) {
    ++hits_;
    return it->second;
  }
  std::shared_ptr<const SetParagraph> result;
  if (auto it = older_.find(key); it != older_.end()) {
    ++hits_;
    result = std::move(it->second);
    older_.erase(it);
  } else {
    ++misses_;
    result = std::make_shared<const SetParagraph>(set_paragraph(para, fonts, options));
    if (options.stop && options.stop->stopped()) return result;  // cut short by the deadline: never kept
  }
  if (map_.size() >= max_entries_) {
    older_ = std::move(map_);
    map_.clear();
  }
  map_.emplace(std::move(key), result);
  return result;
}

std::string slice_utf8(const Itemized& items, std::uint32_t start, std::uint32_t end) {
  std::string out;
  if (start < end && end <= items.text.size())
    append_utf8(out, std::u16string_view(items.text).substr(start, end - start));
  return out;
}

}  // namespace quire::text
