// Glyph coverage walks every text of the model, wherever it sits: a character no font has
// is found in a footnote, a header, a table caption or a chart's category as in a run.
#include "api/coverage.hpp"

#include <doctest/doctest.h>

#include <string>

#include "support/test_world.hpp"
#include "text/font.hpp"

using namespace quire;

namespace {

const text::FontLibrary& fonts() {
  static testing::TestWorld world;
  static Diagnostics diags;
  static text::FontLibrary lib(world, testing::font_root(), text::default_font_stack(), diags);
  REQUIRE(lib.size() > 0);
  return lib;
}

// A private-use code point of plane 16: no installed font draws it.
const std::string kUncovered = "\xF4\x8F\xBF\xBD";  // U+10FFFD

model::Paragraph para(std::string text) {
  model::Paragraph p;
  p.content.push_back(model::TextRun{std::move(text), {}, {}, {}, {}});
  return p;
}

model::Document with_blocks(std::vector<model::Block> blocks) {
  model::Document doc;
  doc.meta.title = "Coverage";
  model::Section s;
  s.blocks = std::move(blocks);
  doc.sections.push_back(std::move(s));
  return doc;
}

// Runs the check and returns the messages of its diagnostics, one per line.
std::string check(const model::Document& doc, bool* ok = nullptr) {
  Diagnostics diags;
  bool result = check_glyph_coverage(doc, fonts(), CoverageSources{}, false, diags);
  if (ok) *ok = result;
  std::string out;
  for (const auto& d : diags.items()) out += d.code + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("coverage: Arabic, Persian and accented Latin text passes") {
  bool ok = false;
  auto doc = with_blocks({model::Block{para("وعد الطفل — Zoë, Émile, خواهر")}});
  CHECK(check(doc, &ok).empty());
  CHECK(ok);
}

TEST_CASE("coverage: an uncovered character is found in a run, a footnote, a header and a caption") {
  SUBCASE("run") {
    bool ok = true;
    auto out = check(with_blocks({model::Block{para("Amina" + kUncovered)}}), &ok);
    CHECK(out.find("text.no-font") != std::string::npos);
    CHECK(out.find("U+10FFFD") != std::string::npos);
    CHECK_FALSE(ok);
  }
  SUBCASE("footnote") {
    model::Paragraph p = para("Body");
    model::Footnote fn;
    fn.body.push_back(model::Block{para("note " + kUncovered)});
    p.content.push_back(std::move(fn));
    CHECK(check(with_blocks({model::Block{std::move(p)}})).find("U+10FFFD") != std::string::npos);
  }
  SUBCASE("header") {
    auto doc = with_blocks({model::Block{para("Body")}});
    doc.sections[0].header.paragraphs.push_back(para("Header " + kUncovered));
    CHECK(check(doc).find("U+10FFFD") != std::string::npos);
  }
  SUBCASE("table caption and cell") {
    model::Table t;
    t.caption = "Caption " + kUncovered;
    CHECK(check(with_blocks({model::Block{t}})).find("U+10FFFD") != std::string::npos);
    model::Table cells;
    model::TableRow row;
    model::TableCell cell;
    cell.blocks.push_back(model::Block{para("cell " + kUncovered)});
    row.cells.push_back(std::move(cell));
    cells.rows.push_back(std::move(row));
    CHECK(check(with_blocks({model::Block{std::move(cells)}})).find("U+10FFFD") != std::string::npos);
  }
  SUBCASE("a chart's category and a box's text") {
    model::Chart c;
    c.title = "Visits";
    c.categories = {"Jan", "Feb" + kUncovered};
    CHECK(check(with_blocks({model::Block{c}})).find("U+10FFFD") != std::string::npos);
    model::Panel box;
    box.blocks.push_back(model::Block{para("In the box " + kUncovered)});
    CHECK(check(with_blocks({model::Block{std::move(box)}})).find("U+10FFFD") != std::string::npos);
  }
}

TEST_CASE("coverage: a combining mark after ASCII is checked in its composed form") {
  // "e" + U+0301 composes to U+00E9, which every Latin font has.
  CHECK(check(with_blocks({model::Block{para("Rene\xCC\x81")}})).empty());
}
