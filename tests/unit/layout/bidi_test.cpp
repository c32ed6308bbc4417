// Bidi isolates in laid-out text: a phone number, a postcode, an email address and a
// Latin name isolated (FSI ... PDI) inside an Arabic or Urdu sentence keep their order,
// and the isolate characters are never drawn.
#include <doctest/doctest.h>

#include <algorithm>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

struct Placed {
  float x = 0, advance = 0;
  std::string text;
};

// The clusters of a paragraph on page 0 with their x, left to right.
std::vector<Placed> clusters_of(const layout::LaidOutDocument& doc, int tag) {
  std::vector<Placed> out;
  for (const auto* g : runs_of(doc, 0, tag)) {
    for (const auto& c : g->clusters) {
      float x = g->x, w = 0;
      for (std::uint32_t i = 0; i < c.first_glyph; ++i) x += g->glyphs[i].x_advance;
      for (std::uint32_t i = c.first_glyph; i < c.first_glyph + c.glyph_count; ++i) w += g->glyphs[i].x_advance;
      out.push_back({x, w, c.text});
    }
  }
  std::sort(out.begin(), out.end(), [](const Placed& a, const Placed& b) { return a.x < b.x; });
  return out;
}

// The paragraph's characters as they stand on the line, left to right, spaces between
// clusters that stand apart (the word spaces), isolate controls left out.
std::string visual(const std::vector<Placed>& cs) {
  std::string out;
  for (const auto& c : cs) {
    std::string t;
    for (size_t i = 0; i < c.text.size(); ++i)
      if (c.text.compare(i, 3, "\u2068") == 0 || c.text.compare(i, 3, "\u2069") == 0)
        i += 2;
      else
        t += c.text[i];
    out += t;
  }
  return out;
}

float x_of(const std::vector<Placed>& cs, const std::string& text) {
  for (const auto& c : cs)
    if (c.text == text) return c.x;
  FAIL("no cluster " << text);
  return 0;
}

}  // namespace

TEST_CASE("an isolated phone number reads left to right inside an Arabic sentence, at its place") {
  const std::string phone = "01632 960 000";
  auto isolated = lay_out(document({para("اتصل على \u2068" + phone + "\u2069 اليوم.")}, "ar", model::Direction::Rtl));
  auto ps = nodes_with(isolated, layout::Role::P);
  REQUIRE(ps.size() == 1);
  auto cs = clusters_of(isolated, ps[0]);
  // The digits, left to right on the page, spell the number as written.
  std::string digits;
  for (const auto& c : cs)
    if (!c.text.empty() && ((c.text[0] >= '0' && c.text[0] <= '9') || c.text == " ")) digits += c.text;
  CHECK(digits.find(phone) != std::string::npos);
  // At its place: right of the words after it (اليوم), left of the words before it (على).
  CHECK(x_of(cs, "0") < x_of(cs, "1"));
  for (const auto& c : cs) {
    if (c.text.find("\u0644\u064a\u0648\u0645") != std::string::npos) CHECK(c.x < x_of(cs, "1"));
    if (c.text.find("\u0639\u0644\u0649") != std::string::npos) CHECK(c.x > x_of(cs, "1"));
  }
  // The isolate characters take no room on the line.
  for (const auto& c : cs)
    if (c.text == "\u2068" || c.text == "\u2069") CHECK(c.advance == doctest::Approx(0));

  // Without the isolate the bidi algorithm puts the groups right to left: 000 960 01632.
  auto bare = lay_out(document({para("اتصل على " + phone + " اليوم.")}, "ar", model::Direction::Rtl));
  auto bare_cs = clusters_of(bare, nodes_with(bare, layout::Role::P)[0]);
  std::string bare_digits;
  for (const auto& c : bare_cs)
    if (!c.text.empty() && ((c.text[0] >= '0' && c.text[0] <= '9') || c.text == " ")) bare_digits += c.text;
  CHECK(bare_digits.find("000 960 01632") != std::string::npos);
}

TEST_CASE("isolated postcode, email and Latin name keep their order in Urdu, and nothing is drawn for the controls") {
  auto doc =
      document({para("\u2068Sam Patel\u2069 کا پتہ \u2068SW1A 1AA\u2069 اور ای میل \u2068sam@example.org\u2069 ہے۔")},
               "ur", model::Direction::Rtl);
  auto out = lay_out(doc);
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 1);
  const std::string line = visual(clusters_of(out, ps[0]));
  CHECK(line.find("SW1A 1AA") != std::string::npos);
  CHECK(line.find("sam@example.org") != std::string::npos);
  CHECK(line.find("Sam Patel") != std::string::npos);
  // The name comes first in the sentence, so it stands rightmost.
  auto cs = clusters_of(out, ps[0]);
  float name = 0, code = 0;
  for (const auto& c : cs) {
    if (c.text == "S" && name == 0) name = c.x;  // the first S on the line is SW1A's or Sam's
    if (c.text == "P") name = std::max(name, c.x);
    if (c.text == "W") code = c.x;
  }
  CHECK(name > code);
}

TEST_CASE("a left-to-right paragraph with isolates but nothing right to left lays out as without them") {
  auto with = lay_out(document({para("Call \u2068Sam Patel\u2069 on \u206801632 960 000\u2069.")}));
  auto without = lay_out(document({para("Call Sam Patel on 01632 960 000.")}));
  auto a = clusters_of(with, nodes_with(with, layout::Role::P)[0]);
  auto b = clusters_of(without, nodes_with(without, layout::Role::P)[0]);
  CHECK(visual(a) == visual(b));
  const auto& last_a = a.back();
  const auto& last_b = b.back();
  CHECK(last_a.x + last_a.advance == doctest::Approx(last_b.x + last_b.advance));
}

TEST_CASE("an isolate's controls set no line's height: lines stand where they would without them") {
  // An isolate at the start of an Arabic line, and one whose PDI is cut off by a change of
  // level: Naskh has no glyph for the controls, and a face of their own, scaled as Arabic,
  // made the line taller than without them.
  auto baselines = [](const std::string& first) {
    auto doc = lay_out(document({para(first), para("نص ثان")}, "ar", model::Direction::Rtl));
    auto ps = nodes_with(doc, layout::Role::P);
    REQUIRE(ps.size() == 2);
    return runs_of(doc, 0, ps[1]).at(0)->y;
  };
  CHECK(baselines("\u2068عزيزتي\u2069 Amani") == doctest::Approx(baselines("عزيزتي Amani")));
  CHECK(baselines("\u2068Amani\u2069 عزيزتي،") == doctest::Approx(baselines("Amani عزيزتي،")));
  CHECK(baselines("اتصل \u20660808 157 0000\u2069") == doctest::Approx(baselines("اتصل 0808 157 0000")));
}
