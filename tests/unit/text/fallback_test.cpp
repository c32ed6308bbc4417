// Font fallback over every installed font (fontconfig) and glyph coverage: no character of a
// child's name is lost because the configured stack has no font for its script.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "text/font.hpp"
#include "text/itemize.hpp"
#include "unit/text/fonts.hpp"

using namespace quire;
using quire::testing::test_fonts;

namespace {

text::Itemized items(std::string t, std::string lang = "en-GB") {
  text::ParagraphInput p;
  p.lang = std::move(lang);
  text::Span s;
  s.text = std::move(t);
  p.spans.push_back(std::move(s));
  return text::itemize(p, test_fonts());
}

}  // namespace

TEST_CASE("a Devanagari name is drawn with an installed Devanagari font, not .notdef") {
  auto it = items("Dear अमीना,");
  const text::Face* deva = nullptr;
  auto at = static_cast<std::uint32_t>(it.text.find(u'अ'));
  for (const auto& r : it.runs)
    if (r.start <= at && at < r.end) deva = r.face;
  REQUIRE(deva != nullptr);
  CHECK(deva->family == "Noto Sans Devanagari");
  CHECK(deva->covers(U'अ'));
  CHECK(test_fonts().any_covers(U'ी'));
}

TEST_CASE("the fallback is chosen once: every letter of a word keeps one face, bold has its own") {
  const auto& fonts = test_fonts();
  const text::Face* a = fonts.system_fallback(U'ⵜ', false);
  REQUIRE(a != nullptr);
  CHECK(a->family == "Noto Sans Tifinagh");  // the plainest family, not one of the regional ones
  CHECK(fonts.system_fallback(U'ⵎ', false) == a);
  const text::Face* bold = fonts.system_fallback(U'ⵜ', true);
  REQUIRE(bold != nullptr);
  CHECK(bold->bold);
  CHECK(&fonts.face(a->id) == a);
}

TEST_CASE("an emoji is drawn from an installed outline font") {
  const auto& fonts = test_fonts();
  CHECK(fonts.any_covers(U'\U0001F9D1'));
  const text::Face& f = fonts.pick(U'\U0001F9D1', "Zyyy", "en-GB", false);
  CHECK(f.covers(U'\U0001F9D1'));
}

TEST_CASE("a character no installed font has is known as such, and drawn with the first face") {
  const auto& fonts = test_fonts();
  CHECK_FALSE(fonts.any_covers(U'\U0010FFFD'));
  CHECK(fonts.system_fallback(U'\U0010FFFD', false) == nullptr);
  CHECK(&fonts.pick(U'\U0010FFFD', "Zzzz", "en-GB", false) == &fonts.face(0));
  CHECK(text::FontLibrary::needs_no_glyph(U'\u200D'));  // ZWJ
  CHECK(text::FontLibrary::needs_no_glyph(U'\uFE0F'));  // variation selector
  CHECK_FALSE(text::FontLibrary::needs_no_glyph(U'अ'));
}

TEST_CASE("the stack comes first: Arabic stays Noto Naskh, Latin Noto Sans") {
  const auto& fonts = test_fonts();
  CHECK(fonts.pick(U'ب', "Arab", "ar", false).family == "Noto Naskh Arabic");
  CHECK(fonts.pick(U'A', "Latn", "en-GB", false).family == "Noto Sans");
}

TEST_CASE("fallback decisions are safe from many threads at once") {
  const auto& fonts = test_fonts();
  const char32_t chars[] = {U'ሀ', U'Ꭰ', U'ꦲ', U'ᮃ', U'ᨀ', U'ꤊ', U'ᥐ', U'ꡀ'};
  std::vector<const text::Face*> seen(8 * 8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) seen[static_cast<size_t>(t * 8 + i)] = &fonts.pick(chars[i], "Zzzz", "und", false);
    });
  for (auto& th : threads) th.join();
  for (int i = 0; i < 8; ++i) {
    for (int t = 1; t < 8; ++t) CHECK(seen[static_cast<size_t>(t * 8 + i)] == seen[static_cast<size_t>(i)]);
    CHECK(seen[static_cast<size_t>(i)]->covers(chars[i]));
  }
}
