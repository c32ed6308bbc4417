// The text stage on real fonts: bidi, joining, font choice per script and language,
// clusters, normalisation, line breaking and hyphenation.
#include <doctest/doctest.h>

#include <algorithm>

#include "text/dump.hpp"
#include "text/font.hpp"
#include "text/linebreak.hpp"
#include "text/unicode.hpp"
#include "unit/text/fonts.hpp"

using namespace quire;
using quire::testing::test_fonts;
using quire::testing::test_hyphenators;

namespace {

text::ParagraphInput para(std::string t, std::string lang, text::Direction dir = text::Direction::Auto) {
  text::ParagraphInput p;
  p.lang = std::move(lang);
  p.dir = dir;
  text::Span s;
  s.text = std::move(t);
  p.spans.push_back(std::move(s));
  return p;
}

text::SetParagraph set(const text::ParagraphInput& p, float width = 1e6f, bool hyphenate = false) {
  text::BreakOptions o;
  o.width = width;
  o.hyphenators = hyphenate ? &test_hyphenators() : nullptr;
  return text::set_paragraph(p, test_fonts(), o);
}

std::string piece_text(const text::SetParagraph& s, const text::LineRun& r) {
  return text::slice_utf8(s.items, r.start, r.end);
}

std::string line_text(const text::SetParagraph& s, size_t line) {
  return text::slice_utf8(s.items, s.lines[line].range.start, s.lines[line].range.end);
}

size_t code_points(const std::string& utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

TEST_CASE("a mixed Arabic, English and number line is ordered right to left with LTR islands") {
  auto s = set(para("رقم الطلب 12345 من شركة ACME Ltd. بتاريخ", "ar"));
  REQUIRE(s.lines.size() == 1);
  CHECK(s.rtl());
  const auto& runs = s.lines[0].runs;
  // visual order, left to right
  std::vector<std::string> visual;
  for (const auto& r : runs) visual.push_back(piece_text(s, r));
  auto pos = [&](const std::string& needle) {
    for (size_t i = 0; i < visual.size(); ++i)
      if (visual[i].find(needle) != std::string::npos) return static_cast<int>(i);
    return -1;
  };
  REQUIRE(pos("بتاريخ") >= 0);
  REQUIRE(pos("ACME") >= 0);
  REQUIRE(pos("12345") >= 0);
  REQUIRE(pos("رقم") >= 0);
  // last logical word is leftmost, the first logical word rightmost; numbers and Latin stay LTR
  CHECK(pos("بتاريخ") == 0);
  CHECK(pos("ACME") < pos("من شركة"));
  CHECK(pos("من شركة") < pos("12345"));
  CHECK(pos("12345") < pos("رقم"));
  CHECK(pos("رقم") == static_cast<int>(visual.size()) - 1);
  for (const auto& r : runs) {
    std::string t = piece_text(s, r);
    if (t.find("ACME") != std::string::npos || t.find("12345") != std::string::npos) CHECK_FALSE(r.rtl);
    if (t.find("بتاريخ") != std::string::npos) CHECK(r.rtl);
  }
  // inside the LTR island, glyph clusters increase left to right; in RTL runs they decrease
  for (const auto& r : runs)
    for (size_t g = 1; g < r.glyphs.size(); ++g) {
      if (r.rtl)
        CHECK(r.glyphs[g].cluster <= r.glyphs[g - 1].cluster);
      else
        CHECK(r.glyphs[g].cluster >= r.glyphs[g - 1].cluster);
    }
}

TEST_CASE("Arabic letters join: isolated and joined forms of beh are different glyphs") {
  auto iso = set(para("ب", "ar"));
  auto joined = set(para("ببب", "ar"));
  REQUIRE(iso.lines[0].runs.size() == 1);
  REQUIRE(joined.lines[0].runs.size() == 1);
  const auto& ig = iso.lines[0].runs[0].glyphs;
  const auto& jg = joined.lines[0].runs[0].glyphs;
  REQUIRE(ig.size() == 1);
  REQUIRE(jg.size() == 3);
  // visual order: final (left), medial, initial (right)
  CHECK(jg[0].id != ig[0].id);
  CHECK(jg[1].id != ig[0].id);
  CHECK(jg[2].id != ig[0].id);
  CHECK(jg[0].id != jg[2].id);
  CHECK(iso.lines[0].runs[0].face->family == "Noto Naskh Arabic");
}

TEST_CASE("Arabic joins across a change of style inside a word (context given to HarfBuzz)") {
  text::ParagraphInput p;
  p.lang = "ar";
  text::Span a, b;
  a.text = "ب";
  b.text = "ب";
  b.style.bold = true;
  p.spans = {a, b};
  auto s = set(p);
  auto whole = set(para("بب", "ar"));
  REQUIRE(s.lines[0].runs.size() == 2);
  // the regular half is an initial form, not the isolated one
  auto iso = set(para("ب", "ar"));
  const auto& regular = s.lines[0].runs[1].face->bold ? s.lines[0].runs[0] : s.lines[0].runs[1];
  REQUIRE(regular.glyphs.size() == 1);
  CHECK(regular.glyphs[0].id != iso.lines[0].runs[0].glyphs[0].id);
  CHECK(regular.glyphs[0].id == whole.lines[0].runs[0].glyphs.back().id);
}

TEST_CASE("Pashto and Sorani letters without presentation forms pick Noto Naskh and shape") {
  for (const char* sample : {"ټول خلک", "هەموو مرۆڤێک"}) {
    CAPTURE(sample);
    auto s = set(para(sample, std::string(sample).find("ټ") != std::string::npos ? "ps" : "ckb"));
    for (const auto& r : s.lines[0].runs) {
      CHECK(r.face->family == "Noto Naskh Arabic");
      for (const auto& g : r.glyphs) CHECK(g.id != 0);  // no .notdef
    }
  }
  // ە joins to the letter before it: its glyph in هە differs from the isolated one
  auto joined = set(para("هە", "ckb"));
  auto alone = set(para("ە", "ckb"));
  CHECK(joined.lines[0].runs[0].glyphs.front().id != alone.lines[0].runs[0].glyphs.front().id);
}

TEST_CASE("Urdu text picks Noto Nastaliq Urdu, Arabic text in the same script does not") {
  auto ur = set(para("یہ اردو ہے", "ur"));
  auto ar = set(para("هذا نص", "ar"));
  for (const auto& r : ur.lines[0].runs) CHECK(r.face->family == "Noto Nastaliq Urdu");
  for (const auto& r : ar.lines[0].runs) CHECK(r.face->family == "Noto Naskh Arabic");
  // Nastaliq cascades: some glyphs are raised
  bool raised = false;
  for (const auto& r : ur.lines[0].runs)
    for (const auto& g : r.glyphs) raised |= g.y_offset != 0;
  CHECK(raised);
}

TEST_CASE("an Arabic comma after a Latin name is Arabic script, drawn with Naskh (not Nastaliq)") {
  text::ParagraphInput p;
  p.lang = "ar";
  text::Span a, b, c;
  a.text = "الاسم: ";
  b.text = "Amira Jones";
  b.lang = "en-GB";
  c.text = "، رقم";
  p.spans = {a, b, c};
  auto s = set(p);
  for (const auto& r : s.items.runs) {
    auto t = text::slice_utf8(s.items, r.start, r.end);
    CAPTURE(t);
    CHECK(r.face->family != "Noto Nastaliq Urdu");
    if (t.find("،") != std::string::npos) {
      CHECK(std::string(text::script_tag(r.script)) == "Arab");
      CHECK(r.face->family == "Noto Naskh Arabic");
    }
  }
}

TEST_CASE("a phone number isolated left to right inside Arabic is Latin; the text after takes the Arabic's script") {
  // As the Word file sets it: a run without w:rtl, in the Latin font, unscaled.
  auto s = set(para("مدافع: \u20660808 157 0000\u2069، أو \u2068Sam\u2069, هنا", "ar", text::Direction::Rtl));
  std::string digits_script, digits_face, after_script, comma_script;
  const text::FontRun* before = nullptr;
  for (const auto& r : s.items.runs) {
    const std::string t = text::slice_utf8(s.items, r.start, r.end);
    CAPTURE(t);
    // A directional control has no face of its own (Naskh lacks U+2066-2069): it keeps
    // the face and script of the run before it, where the levels cut it off.
    if (before && t.find_first_not_of("\xE2\x81\xA6\xA7\xA8\xA9") == std::string::npos) {
      CHECK(r.face == before->face);
      CHECK(r.script == before->script);
    }
    if (t.find("0808") != std::string::npos) {
      digits_script = text::script_tag(r.script);
      digits_face = r.face->family;
    }
    if (t.find("، أو") != std::string::npos) after_script = text::script_tag(r.script);
    if (t.find(", هنا") != std::string::npos || t.rfind(", ", 0) == 0) comma_script = text::script_tag(r.script);
    before = &r;
  }
  CHECK(digits_script == "Latn");
  CHECK(digits_face == "Noto Sans");
  CHECK(after_script == "Arab");
  CHECK(comma_script == "Arab");  // after the Latin name's isolate: the script before it
  // Arabic-Indic digits in a left-to-right isolate are still Arabic.
  auto indic = set(para("رقم \u2066١٢٣\u2069", "ar", text::Direction::Rtl));
  for (const auto& r : indic.items.runs)
    if (text::slice_utf8(indic.items, r.start, r.end).find("١٢٣") != std::string::npos)
      CHECK(std::string(text::script_tag(r.script)) == "Arab");
}

TEST_CASE("a Bengali conjunct is one cluster of several characters") {
  auto s = set(para("স্ত", "bn"));
  REQUIRE(s.lines[0].runs.size() == 1);
  const auto& r = s.lines[0].runs[0];
  CHECK(r.face->family == "Noto Sans Bengali");
  CHECK(r.glyphs.size() < 3);  // three characters, fewer glyphs
  for (const auto& g : r.glyphs) CHECK(g.cluster == 0);
  CHECK(text::dump(s).find("cluster=0 \"স্ত\"") != std::string::npos);
}

TEST_CASE("Vietnamese in NFD is normalised to NFC before shaping") {
  auto s = set(para("Vie\u0323\u0302t Nam", "vi"));
  CHECK(text::to_utf8(s.items.text) == "Vi\u1EC7t Nam");
  CHECK(s.items.text.size() == 8);
  const auto& r = s.lines[0].runs[0];
  CHECK(r.face->family == "Noto Sans");
  CHECK(r.glyphs.size() == 8);
}

TEST_CASE("Chinese breaks between ideographs but not before a full-width comma") {
  auto s = set(para("人人生而自由，在尊严和权利上一律平等。", "zh-Hans"), 60);
  REQUIRE(s.lines.size() > 2);
  for (size_t l = 0; l < s.lines.size(); ++l) {
    CHECK(s.lines[l].width <= 60.5f);
    std::string t = line_text(s, l);
    CHECK(t.rfind("，", 0) != 0);  // no line starts with the comma
    CHECK(t.rfind("。", 0) != 0);
  }
  CHECK(s.lines[0].runs[0].face->family == "WenQuanYi Micro Hei");
  // the lines hold the whole text, with no spaces needed
  std::string all;
  for (size_t l = 0; l < s.lines.size(); ++l) all += line_text(s, l);
  CHECK(all == "人人生而自由，在尊严和权利上一律平等。");
}

TEST_CASE("never more than two hyphenated lines in a row, and never a word the data holds") {
  // Long words at a narrow measure: nearly every line would end in a hyphen.
  const std::string text =
      "Internationalisation documentation responsibilities administration organisational "
      "accountability representatives communication understanding establishment";
  auto s = set(para(text, "en-GB"), 70, true);
  int run = 0, most = 0, any = 0;
  for (const auto& l : s.lines) {
    run = l.range.hyphen ? run + 1 : 0;
    most = std::max(most, run);
    any += l.range.hyphen ? 1 : 0;
  }
  CHECK(any >= 3);
  CHECK(most == 2);
  // Without the limit, the same text makes longer ladders (the limit is what stops them).
  text::BreakOptions unlimited;
  unlimited.width = 70;
  unlimited.hyphenators = &test_hyphenators();
  unlimited.max_hyphenated_in_a_row = 100;
  auto u = text::set_paragraph(para(text, "en-GB"), test_fonts(), unlimited);
  run = most = 0;
  for (const auto& l : u.lines) most = std::max(most, run = l.range.hyphen ? run + 1 : 0);
  CHECK(most > 2);

  // A name from the data is kept whole, even where the dictionary would break it.
  const std::string name = "Mary-Internationalisation Documentation";
  auto cut = set(para(name, "en-GB"), 80, true);
  REQUIRE(cut.lines.size() >= 2);
  CHECK(cut.lines[0].range.hyphen);
  const auto whole = text::letter_words({"Mary-Internationalisation", "Documentation"});
  CHECK(whole == std::vector<std::u16string>{u"Documentation", u"Internationalisation", u"Mary"});
  text::BreakOptions o;
  o.width = 80;
  o.hyphenators = &test_hyphenators();
  o.whole_words = &whole;
  auto kept = text::set_paragraph(para(name, "en-GB"), test_fonts(), o);
  for (const auto& l : kept.lines) CHECK_FALSE(l.range.hyphen);
}

TEST_CASE("the paragraph cache keys a paragraph on the data words it keeps whole") {
  // The same promise in two documents whose data both name the council is set once; with data
  // that does not name it, the word may be hyphenated, so it is set afresh, and differently.
  const std::string text = "Internationalisation Documentation Internationalisation";
  const auto named = text::letter_words({"Internationalisation", "Documentation", "Amani"});
  const auto other = text::letter_words({"Documentation", "Internationalisation", "Bereket"});
  const auto none = text::letter_words({"Bereket"});
  text::BreakOptions o;
  o.width = 80;
  o.hyphenators = &test_hyphenators();
  text::ParagraphCache cache;
  o.whole_words = &named;
  auto first = cache.set(para(text, "en-GB"), test_fonts(), o);
  o.whole_words = &other;  // other data, the same words of this paragraph kept whole
  auto second = cache.set(para(text, "en-GB"), test_fonts(), o);
  CHECK(cache.misses() == 1);
  CHECK(cache.hits() == 1);
  CHECK(first == second);
  o.whole_words = &none;  // nothing in it kept whole: may break inside the long word
  auto third = cache.set(para(text, "en-GB"), test_fonts(), o);
  CHECK(cache.misses() == 2);
  auto fresh = text::set_paragraph(para(text, "en-GB"), test_fonts(), o);
  REQUIRE(third->lines.size() == fresh.lines.size());
  for (std::size_t i = 0; i < fresh.lines.size(); ++i)
    CHECK(third->lines[i].range.hyphen == fresh.lines[i].range.hyphen);
  bool kept_whole = true, broken = false;
  for (const auto& l : first->lines) kept_whole = kept_whole && !l.range.hyphen;
  for (const auto& l : third->lines) broken = broken || l.range.hyphen;
  CHECK(kept_whole);
  CHECK(broken);
}

TEST_CASE("en-GB hyphenates a long word at a narrow width") {
  auto s = set(para("Internationalisation of documentation", "en-GB"), 80, true);
  REQUIRE(s.lines.size() >= 2);
  CHECK(s.lines[0].range.hyphen);
  std::string first = line_text(s, 0);
  // in-ter-na-tion-al-isa-tion: the break is at one of the pattern's points
  CHECK((first == "International" || first == "Internation" || first == "Interna" || first == "Inter"));
  CHECK(s.lines[0].width <= 80.01f);
  // the drawn hyphen is an extra glyph with no text of its own
  CHECK(s.lines[0].runs.back().glyphs.back().cluster == text::kInsertedHyphen);
  // without dictionaries the word would not be split at all
  auto plain = set(para("Internationalisation of documentation", "en-GB"), 80, false);
  CHECK_FALSE(plain.lines[0].range.hyphen);
}

TEST_CASE("hyphenation positions are per character, Romanian cedillas are read as commas") {
  const auto& h = test_hyphenators();
  auto points = [&](const std::string& word, const std::string& lang) {
    auto w = text::to_utf16(word);
    std::string out;
    size_t next = 0;
    auto pos = h.hyphenate(w, lang);
    for (size_t i = 0; i < w.size(); ++i) {
      if (next < pos.size() && pos[next] == i) {
        out += "-";
        ++next;
      }
      out += text::to_utf8(w.substr(i, 1));
    }
    return out;
  };
  CHECK(points("științifică", "ro") == "ști-in-ți-fi-că");
  CHECK(points("ştiinţifică", "ro-RO") == "şti-in-ţi-fi-că");  // cedilla input, same points, text unchanged
  CHECK(points("hyphenation", "en-GB") == "hy-phen-a-tion");
  CHECK(points("hyphenation", "en") == "hy-phen-a-tion");  // bare "en" uses en-GB
  CHECK(points("window", "en-GB") == "window");            // 6 letters: too short
  CHECK_FALSE(h.supports("cy"));                           // Welsh has no dictionary
  CHECK(h.hyphenate(text::to_utf16("cymraeghirion"), "cy").empty());
}

TEST_CASE("a word wider than the line is broken between characters, never lost") {
  std::string word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
  auto s = set(para(word, "cy"), 60);  // Welsh: no hyphenation dictionary
  REQUIRE(s.lines.size() > 1);
  CHECK(s.emergency_breaks > 0);
  std::string all;
  for (size_t l = 0; l < s.lines.size(); ++l) {
    CHECK(s.lines[l].width <= 60.01f);
    all += line_text(s, l);
  }
  CHECK(all == word);
}

TEST_CASE("a forced line break (U+2028) ends a line; trailing spaces are not drawn") {
  auto s = set(para("one two \u2028three", "en-GB"));
  REQUIRE(s.lines.size() == 2);
  CHECK(line_text(s, 0) == "one two");
  CHECK(s.lines[0].range.last);
  CHECK(line_text(s, 1) == "three");
}

TEST_CASE("combining marks and ZWNJ stay with their base's font run") {
  // U+0301 after 'q' has no precomposed form, so it stays a separate character
  auto latin = set(para("q\u0301", "en-GB"));
  REQUIRE(latin.items.runs.size() == 1);
  CHECK(latin.items.runs[0].face->family == "Noto Sans");
  auto persian = set(para("می‌آیند", "fa"));  // ZWNJ inside the word
  REQUIRE(persian.items.runs.size() == 1);
  CHECK(persian.items.runs[0].face->family == "Noto Naskh Arabic");
}

TEST_CASE("an explicit right-to-left span embeds its neutrals in the right-to-left direction") {
  // "!" after an Arabic word, followed by English: without an embedding it takes the
  // paragraph's direction (drawn right of the word); with one it belongs to the word (left of it).
  auto mixed = [](text::Direction span_dir) {
    text::ParagraphInput p;
    p.lang = "en-GB";
    text::Span a, b, c;
    a.text = "Name: ";
    b.text = "مرحبا!";
    b.lang = "ar";
    b.dir = span_dir;
    c.text = " end";
    p.spans = {a, b, c};
    return set(p);
  };
  auto level_of_bang = [](const text::SetParagraph& s) {
    auto at = text::to_utf16("Name: مرحبا").size();
    return static_cast<int>(s.items.levels[at]);
  };
  auto plain = mixed(text::Direction::Auto);
  auto embedded = mixed(text::Direction::Rtl);
  CHECK_FALSE(plain.rtl());
  CHECK(level_of_bang(plain) == 0);
  CHECK(level_of_bang(embedded) == 1);
  // visually, the "!" now sits left of the Arabic word
  const auto& runs = embedded.lines[0].runs;
  int bang = -1, word = -1;
  for (size_t i = 0; i < runs.size(); ++i) {
    auto t = piece_text(embedded, runs[i]);
    if (t.find("!") != std::string::npos) bang = static_cast<int>(i);
    if (t.find("مرحبا") != std::string::npos) word = static_cast<int>(i);
  }
  REQUIRE(bang >= 0);
  REQUIRE(word >= 0);
  if (bang == word) {  // same run: "!" is drawn first (leftmost) in the right-to-left run
    CHECK(runs[static_cast<size_t>(word)].rtl);
    CHECK(text::slice_utf8(embedded.items, runs[static_cast<size_t>(word)].glyphs.front().cluster,
                           runs[static_cast<size_t>(word)].glyphs.front().cluster + 1) == "!");
  } else {
    CHECK(bang < word);
  }
}

TEST_CASE("paragraph direction: Auto takes the first strong character, else the document's") {
  auto p = para("123 ", "ar");
  p.fallback = text::Direction::Rtl;
  CHECK(set(p).rtl());
  p.fallback = text::Direction::Ltr;
  CHECK_FALSE(set(p).rtl());
  CHECK(set(para("Hello مرحبا", "en")).rtl() == false);
  CHECK(set(para("مرحبا Hello", "ar")).rtl() == true);
  CHECK(set(para("Hello", "en", text::Direction::Rtl)).rtl() == true);
}

TEST_CASE("shaped words come from the per-thread cache the second time") {
  text::clear_shape_cache();
  auto p = para("The cache makes repeated words cheap", "en-GB");
  set(p);
  auto first = text::shape_cache_stats();
  CHECK(first.misses > 0);
  set(p);
  auto second = text::shape_cache_stats();
  CHECK(second.misses == first.misses);
  CHECK(second.hits > first.hits);
}

TEST_CASE("the shape cache stays bounded") {
  text::clear_shape_cache();
  std::string many;
  for (size_t i = 0; i < text::kShapeCacheGeneration * 2 + 100; ++i) many += "w" + std::to_string(i) + " ";
  set(para(many, "en-GB"));
  CHECK(text::shape_cache_stats().entries <= 2 * text::kShapeCacheGeneration);
  text::clear_shape_cache();
}

TEST_CASE("the shaping dump names direction, scripts, runs, glyphs and clusters") {
  auto d = text::dump(para("abc مرحبا", "en-GB"), test_fonts());
  CHECK(d.find("direction: ltr") != std::string::npos);
  CHECK(d.find("scripts: Latn Arab") != std::string::npos);
  CHECK(d.find("NotoSans-Regular") != std::string::npos);
  CHECK(d.find("NotoNaskhArabic-Regular") != std::string::npos);
  CHECK(d.find("cluster=0 \"a\"") != std::string::npos);
  CHECK(code_points("مرحبا") == 5);
}
