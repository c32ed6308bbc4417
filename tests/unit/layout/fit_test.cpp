// Fitting a document on its pages (typography fit-pages): lines set closer before text is
// set smaller, the choice independent of the guess a batch starts from; and headers and
// footers that take the room Word gives them.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

// `lines` one-line paragraphs with no space between them. A4 with the default margins has
// 728.5 pt of text: at 12 pt a line is 12 x line height, so 48 lines fit at 1.25, 50 at 1.2
// and 52 at 1.15.
model::Document lines_doc(size_t lines, double min_line_height) {
  std::vector<model::Block> blocks;
  for (size_t i = 0; i < lines; ++i) blocks.push_back(para("Line " + std::to_string(i + 1)));
  auto doc = document(std::move(blocks));
  auto& t = doc.typography;
  t.body_size = 12;
  t.line_height = 1.25;
  t.paragraph_space = 0;
  t.fit_pages = 1;
  t.min_body_size = 10;
  t.min_line_height = min_line_height;
  return doc;
}

struct Choice {
  double size = 0, line_height = 0;
  size_t pages = 0;
};

Choice fit(model::Document doc, layout::FitGuess guess = {}) {
  Diagnostics diags;
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  auto out = layout::fit(doc, res, diags, guess);
  CHECK(doc.typography.fitted);
  return {doc.typography.body_size, doc.typography.line_height, out.pages.size()};
}

// Whether the document takes one page at this size and line height, without fitting;
// with `in_hand`, with a line of text (size x line height) left free at the page's foot.
bool fits_at(model::Document doc, double size, double line_height, bool in_hand = false) {
  doc.typography.fit_pages = 0;
  doc.typography.body_size = size;
  doc.typography.line_height = line_height;
  const auto out = lay_out(doc);
  return out.pages.size() == 1 && (!in_hand || out.room_left >= static_cast<float>(size * line_height));
}

}  // namespace

TEST_CASE("a document that fits with a line in hand keeps its size and line height") {
  auto c = fit(lines_doc(47, 1.15));  // 705 pt of 728.5
  CHECK(c.pages == 1);
  CHECK(c.size == doctest::Approx(12));
  CHECK(c.line_height == doctest::Approx(1.25));
}

TEST_CASE("a document that only just fits has its lines set closer, a line in hand for Word") {
  // 48 lines at 1.25 take 720 pt of 728.5: LibreOffice, setting a few points taller, would
  // need a second page. At 1.2 they take 691 pt, with more than a line (14.4 pt) to spare.
  auto c = fit(lines_doc(48, 1.15));
  CHECK(c.pages == 1);
  CHECK(c.size == doctest::Approx(12));
  CHECK(c.line_height == doctest::Approx(1.2));
  CHECK(fits_at(lines_doc(48, 1.15), 12, 1.25));  // it did fit, only just
}

TEST_CASE("on two pages, the line in hand is on the second") {
  // 48 lines of 15 pt a page at 1.25: 96 lines only just fit two pages; at 1.2, 50 lines a
  // page leave 46 on the second, with room to spare.
  auto doc = lines_doc(96, 1.15);
  doc.typography.fit_pages = 2;
  Diagnostics diags;
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  auto out = layout::fit(doc, res, diags);
  CHECK(out.pages.size() == 2);
  CHECK(doc.typography.body_size == doctest::Approx(12));
  CHECK(doc.typography.line_height == doctest::Approx(1.2));
}

TEST_CASE("lines are set closer before text is set smaller, only as close as needed") {
  auto c49 = fit(lines_doc(49, 1.15));
  CHECK(c49.pages == 1);
  CHECK(c49.size == doctest::Approx(12));
  CHECK(c49.line_height == doctest::Approx(1.2));

  auto c52 = fit(lines_doc(52, 1.15));
  CHECK(c52.pages == 1);
  CHECK(c52.size == doctest::Approx(12));
  CHECK(c52.line_height == doctest::Approx(1.15));
}

TEST_CASE("without min-line-height only the size changes") {
  auto c = fit(lines_doc(50, 0));
  CHECK(c.pages == 1);
  CHECK(c.size < 12);
  CHECK(c.line_height == doctest::Approx(1.25));
}

TEST_CASE(
    "the choice is the largest size that fits with the closest lines, then the loosest lines at it with a line in "
    "hand") {
  for (size_t n : {49, 53, 55, 58, 61}) {
    CAPTURE(n);
    const auto doc = lines_doc(n, 1.15);
    const auto c = fit(doc);
    REQUIRE(c.pages == 1);
    CHECK(fits_at(doc, c.size, c.line_height));
    if (c.line_height > 1.15 + 1e-9) CHECK(fits_at(doc, c.size, c.line_height, true));
    if (c.size < 12) CHECK_FALSE(fits_at(doc, c.size + 0.5, 1.15));
    if (c.line_height < 1.25 - 1e-9) CHECK_FALSE(fits_at(doc, c.size, c.line_height + 0.05, true));
  }
}

TEST_CASE("the guess a batch starts from does not change the choice") {
  for (size_t n : {48, 51, 53, 57}) {
    CAPTURE(n);
    const auto doc = lines_doc(n, 1.15);
    const auto alone = fit(doc);
    for (layout::FitGuess g : {layout::FitGuess{12, 1.25}, layout::FitGuess{12, 1.15}, layout::FitGuess{11, 1.2},
                               layout::FitGuess{10, 1.25}, layout::FitGuess{10, 1.15}}) {
      CAPTURE(g.body_size);
      CAPTURE(g.line_height);
      const auto guessed = fit(doc, g);
      CHECK(guessed.size == doctest::Approx(alone.size));
      CHECK(guessed.line_height == doctest::Approx(alone.line_height));
    }
  }
}

TEST_CASE("a footer taller than half the bottom margin pushes the text up, as in Word") {
  // 20 pt margins: the footer's foot is 10 pt from the page's edge. Two lines of footer
  // (about 30 pt) reach 40 pt up, 20 pt into the text area, so the text ends above them.
  auto make = [](bool footer, size_t lines) {
    std::vector<model::Block> blocks;
    for (size_t i = 0; i < lines; ++i) blocks.push_back(para("Line " + std::to_string(i + 1)));
    auto doc = document(std::move(blocks));
    doc.typography.paragraph_space = 0;
    auto& page = doc.sections[0].page;
    page.margin_top = page.margin_bottom = 20;
    if (footer)
      for (const char* line : {"Northbridge City Council", "Page 1"})
        doc.sections[0].footer.paragraphs.push_back(std::get<model::Paragraph>(para(line).value));
    return doc;
  };
  // The most lines that fit on a page, with and without the footer.
  auto capacity = [&](bool footer) {
    size_t n = 40;
    while (lay_out(make(footer, n + 1)).pages.size() == 1) ++n;
    return n;
  };
  const size_t bare = capacity(false), furnished = capacity(true);
  CHECK(furnished < bare);
  CHECK(bare - furnished <= 2);  // the footer takes about 20 pt: one or two 14.85 pt lines

  const auto out = lay_out(make(true, furnished));
  REQUIRE(out.pages.size() == 1);
  float body_bottom = 0, footer_top = 1e9, footer_baseline = 0;
  for (const auto& item : out.pages[0].items) {
    const auto* g = std::get_if<layout::GlyphRun>(&item.value);
    if (!g) continue;
    if (item.tag == -1) {
      footer_top = std::min(footer_top, g->y - g->size);
      footer_baseline = std::max(footer_baseline, g->y);
    } else {
      body_bottom = std::max(body_bottom, g->y);
    }
  }
  CHECK(body_bottom < footer_top);
  CHECK(footer_baseline < 841.89f - 10);  // the footer stands on the half margin
  CHECK(footer_baseline > 841.89f - 20);
}
