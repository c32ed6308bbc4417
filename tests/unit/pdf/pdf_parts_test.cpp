// The PDF writer's building blocks: encodings, page labels, ToUnicode CMaps,
// font subsets and their cache.
#include <doctest/doctest.h>
#include <unicode/unistr.h>

#include "pdf/encoding.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/fonts.hpp"
#include "pdf/metadata.hpp"
#include "pdf_support.hpp"

namespace quire::pdf {
namespace {

std::string number(double v, int decimals = 2) {
  std::string s;
  append_number(s, v, decimals);
  return s;
}

std::string hex(std::string_view bytes) {
  std::string s;
  append_hex(s, bytes);
  return s;
}

TEST_CASE("content-stream numbers are short, exact to the chosen decimals and never -0") {
  CHECK(number(1.5) == "1.5");
  CHECK(number(100) == "100");
  CHECK(number(12.346) == "12.35");
  CHECK(number(-3.1) == "-3.1");
  CHECK(number(0.004) == "0");
  CHECK(number(-0.001) == "0");
  CHECK(number(0.0625, 3) == "0.063");
  CHECK(number(841.89) == "841.89");
}

TEST_CASE("text strings are UTF-16BE with surrogate pairs and a byte-order mark") {
  CHECK(hex(utf16be("A\xF0\x9F\x98\x80")) == "0041D83DDE00");
  CHECK(hex(pdf_text_bytes("é")) == "FEFF00E9");
  CHECK(hex(utf16be("a\xFF")) == "0061FFFD");          // invalid UTF-8 becomes U+FFFD
  CHECK(utf16be("A\xF0\x9F\x98\x80", 4).size() == 2);  // never half a surrogate pair
}

TEST_CASE("text strings: well-formed UTF-8 is converted directly, ill-formed as ICU does") {
  // Arabic with a mark, Devanagari, a BMP symbol: the direct path.
  CHECK(hex(utf16be("\xD9\x88\xD8\xB9\xD9\x8E")) == "06480639064E");
  CHECK(hex(utf16be("\xE0\xA4\x95\xE2\x82\xAC")) == "091520AC");
  // Ill-formed sequences: each maximal one is one U+FFFD, as ICU's converter makes it.
  auto icu_hex = [](std::string_view utf8) {
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    std::string be;
    for (int32_t i = 0; i < u.length(); ++i) {
      be.push_back(static_cast<char>(u.charAt(i) >> 8));
      be.push_back(static_cast<char>(u.charAt(i) & 0xFF));
    }
    return hex(be);
  };
  for (const std::string& bad : {std::string("\xC0\x80x"),
                                 std::string("a\xED\xA0\x80"
                                             "b"),
                                 std::string("\xE2\x82"), std::string("\xF4\x90\x80\x80"), std::string("\xE0\x80\xAF"),
                                 std::string("z\x80"), std::string("\xF0\x9F\x98")}) {
    CAPTURE(hex(bad));
    CHECK(hex(utf16be(bad)) == icu_hex(bad));
    CHECK(hex(utf16be(bad)).find("FFFD") != std::string::npos);
  }
}

TEST_CASE("astral characters become surrogate pairs, whatever the plane") {
  CHECK(hex(utf16be("\xF0\x90\x8C\xB0")) == "D800DF30");                          // U+10330 GOTHIC LETTER AHSA
  CHECK(hex(utf16be("\xF0\xA0\x80\x8B")) == "D840DC0B");                          // U+2000B, CJK Extension B
  CHECK(hex(utf16be("\xF4\x8F\xBF\xBF")) == "DBFFDFFF");                          // U+10FFFF, the last code point
  CHECK(hex(utf16be("\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7")) == "D83CDDECD83CDDE7");  // a flag: two pairs
  const std::string smile_b = std::string("a\xF0\x9F\x98\x80") + "b";
  CHECK(hex(utf16be(smile_b, 6)) == "0061D83DDE00");
  CHECK(hex(utf16be(smile_b, 5)) == "0061");  // the pair does not fit whole
}

TEST_CASE("invalid UTF-8 becomes one U+FFFD per ill-formed sequence, never a lone surrogate") {
  CHECK(hex(utf16be("a\xF0\x9F\x98")) == "0061FFFD");                     // a truncated 4-byte sequence: one
  CHECK(hex(utf16be("\xE2\x82z")) == "FFFD007A");                         // a truncated 3-byte sequence, then z
  CHECK(hex(utf16be("\xC0\xAF")) == "FFFDFFFD");                          // an overlong '/'
  CHECK(hex(utf16be("\xED\xA0\x80")) == "FFFDFFFDFFFD");                  // a UTF-8-encoded surrogate
  CHECK(hex(utf16be("\xF4\x90\x80\x80")) == "FFFDFFFDFFFDFFFD");          // above U+10FFFF
  CHECK(hex(utf16be("\xF8\x88\x80\x80\x80")) == "FFFDFFFDFFFDFFFDFFFD");  // a 5-byte form
  CHECK(hex(utf16be(std::string("x\0y", 3))) == "007800000079");          // NUL is a character
  CHECK(hex(pdf_text_bytes("\x80")) == "FEFFFFFD");
}

TEST_CASE("URIs are made 7-bit clean and XML text is escaped") {
  CHECK(clean_uri("https://example.org/a b?x=é") == "https://example.org/a%20b?x=%C3%A9");
  CHECK(clean_uri("https://x.org/<\"{}>") == "https://x.org/%3C%22%7B%7D%3E");
  CHECK(xml_escape("<a&b> \"'\x01") == "&lt;a&amp;b&gt; &quot;&apos;");
  CHECK(xml_escape("承诺") == "承诺");
}

TEST_CASE("dates are written as PDF dates in UTC") {
  CHECK(pdf_date(std::chrono::system_clock::from_time_t(1768471200)) == "D:20260115100000Z");
}

std::vector<layout::Page> pages_labelled(std::vector<std::string> labels) {
  std::vector<layout::Page> pages;
  for (auto& l : labels) {
    pages.emplace_back();
    pages.back().label = l;
  }
  return pages;
}

TEST_CASE("page labels become ranges of roman, decimal and prefixed numbers") {
  auto r = label_ranges(pages_labelled({"i", "ii", "iii", "1", "2", "3"}));
  REQUIRE(r.size() == 2);
  CHECK(r[0].first_page == 0);
  CHECK(r[0].style == 'r');
  CHECK(r[1].first_page == 3);
  CHECK(r[1].style == 'D');
  CHECK(r[1].start == 1);

  r = label_ranges(pages_labelled({"A-1", "A-2", "B-1"}));
  REQUIRE(r.size() == 2);
  CHECK(r[0].prefix == "A-");
  CHECK(r[1].prefix == "B-");

  r = label_ranges(pages_labelled({"Cover", "5", "6"}));
  REQUIRE(r.size() == 2);
  CHECK(r[0].style == 0);
  CHECK(r[0].prefix == "Cover");
  CHECK(r[1].start == 5);

  CHECK(label_ranges(pages_labelled({"", "", ""})).empty());     // the default numbering
  CHECK(label_ranges(pages_labelled({"1", "2", "3"})).empty());  // the same, spelled out
  CHECK(label_ranges(pages_labelled({"IV"}))[0].style == 'R');
}

TEST_CASE("ToUnicode CMaps use bfrange for runs and bfchar for the rest") {
  PdfFont font;
  auto subset = std::make_shared<FontSubset>();
  subset->glyphs = {{0, 0, 500}, {10, 1, 500}, {11, 2, 500}, {12, 3, 500}, {13, 4, 500}, {14, 5, 500}};
  font.subset = subset;
  std::string a = "a", b = "b", c = "c", fi = "fi", smile = "\xF0\x9F\x98\x80";
  font.text = {{10, a}, {11, b}, {12, c}, {13, fi}, {14, smile}};
  std::string cmap = to_unicode_cmap(font);
  CHECK(cmap.find("1 beginbfrange\n<0001> <0003> <0061>\nendbfrange") != std::string::npos);
  CHECK(cmap.find("<0004> <00660069>") != std::string::npos);
  CHECK(cmap.find("<0005> <D83DDE00>") != std::string::npos);
  CHECK(cmap.find("begincidrange") == std::string::npos);
  CHECK(cmap.find("<0000>") == cmap.find("<0000> <FFFF>"));  // .notdef maps to nothing
}

TEST_CASE("subsets use compact glyph ids and get a repeatable tag") {
  const text::Face& face = testing::face_for(U'A', "Latn", "en");
  std::vector<std::uint32_t> gids = {0, 36, 68, 500};
  std::string error;
  auto a = make_subset(face, gids, error);
  auto b = make_subset(face, gids, error);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->tag.size() == 6);
  CHECK(a->tag == b->tag);
  REQUIRE(a->glyphs.size() == 4);
  CHECK(a->glyphs[0].new_gid == 0);
  CHECK(a->find(36)->new_gid < a->find(68)->new_gid);
  CHECK(a->find(500)->new_gid < 10);  // compact: not 500
  CHECK(a->find(37) == nullptr);
  CHECK(a->length1 > a->deflated.size());
  auto other = make_subset(face, {0, 36}, error);
  CHECK(other->tag != a->tag);
}

TEST_CASE("a CJK subset is small although the font has 49,000 glyphs") {
  const text::Face& face = testing::face_for(U'我', "Hani", "zh");
  std::string error;
  auto sub = make_subset(face, {0, 1000, 2000, 3000, 40000}, error);
  REQUIRE(sub);
  CHECK(sub->deflated.size() < 8000);
}

TEST_CASE("the subset cache stays within its byte budget") {
  const text::Face& face = testing::face_for(U'A', "Latn", "en");
  SubsetCache cache(1);  // smaller than any subset: only the newest entry stays
  std::string error;
  REQUIRE(cache.get(face, {0, 36}, error));
  REQUIRE(cache.get(face, {0, 37}, error));
  CHECK(cache.stats().entries == 1);
  CHECK(cache.get(face, {0, 37}, error));
  CHECK(cache.stats().hits == 1);
  CHECK(cache.stats().misses == 2);
}

}  // namespace
}  // namespace quire::pdf
