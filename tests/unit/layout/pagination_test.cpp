// Pagination: tables across pages, widows and orphans, headings kept with their text,
// keep-together groups, page breaks, sections, columns.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

// With no paragraph space, a body line is 11pt x 1.35 = 14.85pt and an A4 page with the
// default margins (728.5pt of text) holds 49 of them.
model::Document filled(size_t filler_lines, std::vector<model::Block> after) {
  std::vector<model::Block> blocks;
  for (size_t i = 0; i < filler_lines; ++i) blocks.push_back(para("Filler line " + std::to_string(i + 1)));
  for (auto& b : after) blocks.push_back(std::move(b));
  auto doc = document(std::move(blocks));
  doc.typography.paragraph_space = 0;
  doc.typography.hyphenate = false;
  return doc;
}

// The paragraph under test: six lines at the default measure.
model::Block six_lines() {
  return para(words(56, "children"));
}

int last_paragraph(const layout::LaidOutDocument& out) {
  return nodes_with(out, layout::Role::P).back();
}

}  // namespace

TEST_CASE("a page holds 49 filler lines (the premise of the widow and orphan tests)") {
  auto out = lay_out(filled(49, {}));
  CHECK(out.pages.size() == 1);
  auto more = lay_out(filled(50, {}));
  CHECK(more.pages.size() == 2);
  auto six = lay_out(filled(0, {six_lines()}));
  CHECK(lines_on(six, 0, last_paragraph(six)) == 6);
}

TEST_CASE("orphan control: the first line of a paragraph is never alone at the foot of a page") {
  auto out = lay_out(filled(48, {six_lines()}));  // room for one line only
  REQUIRE(out.pages.size() == 2);
  int p = last_paragraph(out);
  CHECK(lines_on(out, 0, p) == 0);
  CHECK(lines_on(out, 1, p) == 6);
}

TEST_CASE("widow control: the last line of a paragraph is never alone at the head of a page") {
  auto out = lay_out(filled(44, {six_lines()}));  // room for five lines
  REQUIRE(out.pages.size() == 2);
  int p = last_paragraph(out);
  CHECK(lines_on(out, 0, p) == 4);
  CHECK(lines_on(out, 1, p) == 2);
}

TEST_CASE("a paragraph that fits is not split; one that does not is split between lines") {
  auto fits = lay_out(filled(43, {six_lines()}));
  CHECK(fits.pages.size() == 1);
  auto split = lay_out(filled(46, {six_lines()}));  // room for three
  REQUIRE(split.pages.size() == 2);
  int p = last_paragraph(split);
  CHECK(lines_on(split, 0, p) == 3);
  CHECK(lines_on(split, 1, p) == 3);
}

TEST_CASE("a heading is never the last thing on a page") {
  std::vector<model::Block> after;
  after.push_back(heading(2, "What happens next", "next"));
  after.push_back(six_lines());
  auto out = lay_out(filled(46, std::move(after)));  // the heading would fit, its text would not
  REQUIRE(out.pages.size() == 2);
  auto h = nodes_with(out, layout::Role::H2);
  REQUIRE(h.size() == 1);
  CHECK(runs_of(out, 0, h[0]).empty());
  CHECK(runs_of(out, 1, h[0]).size() == 1);
  CHECK(out.placements.front().id == "next");
  CHECK(out.placements.front().first_page == 1);
  // and in general: on no page is a heading the last body text
  for (size_t page = 0; page + 1 < out.pages.size(); ++page) {
    int last_tag = -1;
    for (const auto& item : out.pages[page].items)
      if (std::holds_alternative<layout::GlyphRun>(item.value) && item.tag >= 0) last_tag = item.tag;
    REQUIRE(last_tag >= 0);
    auto role = out.structure[static_cast<size_t>(last_tag)].role;
    CHECK((role < layout::Role::H1 || role > layout::Role::H6));
  }
}

TEST_CASE("an 80-row table continues on the next pages with its header row repeated") {
  model::Table t;
  t.header_rows = 1;
  t.column_widths = {1, 4, 1};
  t.rows.push_back({{cell("Ref"), cell("Action"), cell("RAG")}});
  for (int i = 1; i <= 80; ++i) {
    model::TableRow row{{cell(std::to_string(i)), cell("Action number " + std::to_string(i)), cell("Green")}};
    row.cells[2].rag = model::Rag::Green;
    t.rows.push_back(row);
  }
  auto out = lay_out(document({heading(1, "Improvement plan"), {t}}));
  REQUIRE(out.pages.size() >= 2);
  // page 2 starts with the header row, then row data continues where page 1 stopped
  auto dump = layout::dump(out);
  auto page2 = dump.substr(dump.find("page 2 "));
  auto first_text = page2.find("  text ");
  REQUIRE(first_text != std::string::npos);
  CHECK(page2.substr(first_text, page2.find('\n', first_text) - first_text).find("\"Ref\"") != std::string::npos);
  auto texts = page_text(out.pages[1]);
  CHECK(texts.rfind("Ref|Action|RAG|", 0) == 0);
  // the header copies are artifacts; the real header cells are TH on page 1
  for (const auto& item : out.pages[1].items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (text_of(*g) == "Ref") CHECK(item.tag == -1);
  auto ths = nodes_with(out, layout::Role::TH);
  CHECK(ths.size() == 3);
  CHECK(runs_of(out, 0, ths[0], true).size() == 1);
  // every row appears exactly once (rows are not split)
  std::string all;
  for (const auto& page : out.pages) all += "|" + page_text(page) + "|";
  for (int i = 1; i <= 80; ++i) {
    auto needle = "|Action number " + std::to_string(i) + "|";
    auto at = all.find(needle);
    CHECK(at != std::string::npos);
    CHECK(all.find(needle, at + 1) == std::string::npos);
  }
  // green cells carry white text on #00703c
  bool green = false;
  for (const auto& item : out.pages[0].items)
    if (const auto* r = std::get_if<layout::Rect>(&item.value))
      green |= r->fill && *r->fill == model::Color{0x00, 0x70, 0x3c};
  CHECK(green);
  for (const auto& item : out.pages[0].items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (text_of(*g) == "Green") CHECK(g->color == model::Color{0xff, 0xff, 0xff});
}

TEST_CASE("a table row taller than a page is split between lines") {
  model::Table t;
  t.rows.push_back({{cell(words(1200, "long")), cell("short")}});
  Diagnostics diags;
  auto out = lay_out(document({{t}}), diags);
  REQUIRE(out.pages.size() >= 2);
  auto tds = nodes_with(out, layout::Role::TD);
  REQUIRE(tds.size() == 2);
  size_t total = 0;
  for (size_t p = 0; p < out.pages.size(); ++p) total += runs_of(out, p, tds[0], true).size();
  CHECK(total > 49);
  for (const auto& page : out.pages)
    for (const auto& item : page.items)
      if (const auto* g = std::get_if<layout::GlyphRun>(&item.value)) CHECK(g->y < 841.89f - 56.7f + 0.01f);
  CHECK_FALSE(has_warning(diags, "layout.overflow"));
}

TEST_CASE("a right-to-left table puts its first column on the right") {
  model::Table t;
  t.dir = model::Direction::Rtl;
  t.rows.push_back({{cell("أولا"), cell("ثانيا")}});
  auto out = lay_out(document({{t}}));
  auto tds = nodes_with(out, layout::Role::TD);
  REQUIRE(tds.size() == 2);
  CHECK(runs_of(out, 0, tds[0], true).front()->x > runs_of(out, 0, tds[1], true).front()->x);
}

TEST_CASE("keep-together groups move whole; page breaks and sections start new pages") {
  model::KeepTogether keep;
  keep.blocks = {para("Signed:"), para("Date:"), para("Name:")};
  auto out = lay_out(filled(47, {{keep}}));
  REQUIRE(out.pages.size() == 2);
  CHECK(page_text(out.pages[1]).find("Signed:") != std::string::npos);
  CHECK(page_text(out.pages[0]).find("Signed:") == std::string::npos);

  auto doc = document({para("One"), {model::PageBreak{}}, para("Two")});
  doc.sections.emplace_back();
  doc.sections.back().blocks.push_back(para("Three"));
  doc.sections.back().page.orientation = model::Orientation::Landscape;
  auto broken = lay_out(doc);
  REQUIRE(broken.pages.size() == 3);
  CHECK(page_text(broken.pages[0]) == "One");
  CHECK(page_text(broken.pages[1]) == "Two");
  CHECK(page_text(broken.pages[2]) == "Three");
  CHECK(broken.pages[2].width > broken.pages[2].height);
  CHECK(nodes_with(broken, layout::Role::Sect).size() == 2);
}

TEST_CASE("columns sit side by side and split at the same page boundary when taller than a page") {
  model::Columns cols;
  cols.columns = {{para("Left")}, {para("Right")}};
  auto out = lay_out(document({{cols}}));
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 2);
  auto left = runs_of(out, 0, ps[0]).front(), right = runs_of(out, 0, ps[1]).front();
  CHECK(left->y == doctest::Approx(right->y));
  CHECK(right->x > 595.276f / 2);

  model::Columns tall;
  tall.columns = {{para(words(900, "left"))}, {para(words(900, "right"))}};
  auto big = lay_out(document({{tall}}));
  REQUIRE(big.pages.size() >= 2);
  auto bps = nodes_with(big, layout::Role::P);
  for (size_t page = 0; page < big.pages.size(); ++page) {
    auto l = lines_on(big, page, bps[0]), r = lines_on(big, page, bps[1]);
    if (page == 0) CHECK(l == r);  // both columns filled to the same page boundary
    for (const auto* g : runs_of(big, page, bps[0])) CHECK(g->y < 841.89f - 56.7f + 0.01f);
  }
}

TEST_CASE("columns with widths take their share of the width after the gaps") {
  auto x_of_right = [](const model::Columns& cols) {
    auto out = lay_out(document({{cols}}));
    auto ps = nodes_with(out, layout::Role::P);
    REQUIRE(ps.size() == 2);
    auto left = runs_of(out, 0, ps[0]).front(), right = runs_of(out, 0, ps[1]).front();
    return std::pair{left->x, right->x};
  };
  model::Columns even;
  even.columns = {{para("Left")}, {para("Right")}};
  model::Columns weighted = even;
  weighted.widths = {1, 3};
  auto [even_left, even_right] = x_of_right(even);
  auto [left, right] = x_of_right(weighted);
  CHECK(left == doctest::Approx(even_left));
  // Equal: the second starts half the width after the gap; 1:3, a quarter.
  const float text_width = 2 * (even_right - even_left) - 18;  // two equal columns and one gap
  CHECK(right - left == doctest::Approx((text_width - 18) / 4 + 18).epsilon(0.001));
}

TEST_CASE("a pair of headings side by side keeps the space a heading alone has above it") {
  auto gap = [](const layout::LaidOutDocument& out) {
    auto p = runs_of(out, 0, nodes_with(out, layout::Role::P).front()).front();
    auto h = runs_of(out, 0, nodes_with(out, layout::Role::H2).front()).front();
    return h->y - p->y;
  };
  auto alone = lay_out(document({para("Before"), heading(2, "Title")}));
  model::Columns cols;
  cols.columns = {{heading(2, "Title")}, {heading(2, "Titre")}};
  auto paired = lay_out(document({para("Before"), {cols}}));
  CHECK(gap(paired) == doctest::Approx(gap(alone)));
  // Beside a paragraph (the shorter column), the heading still keeps its space.
  model::Columns mixed;
  mixed.columns = {{para("Body text")}, {heading(2, "Title")}};
  auto beside = lay_out(document({para("Before"), {mixed}}));
  CHECK(gap(beside) == doctest::Approx(gap(alone)));
}

TEST_CASE("a closing paragraph kept with the block before is never first on a page without it") {
  auto closing = [] {
    model::Paragraph p;
    p.content.emplace_back(std::in_place_type<model::TextRun>, run("Closing words"));
    p.keep_with_previous = true;
    return model::Block{p};
  };
  // The last filler count at which the closing paragraph still fits on page 1; one more line
  // pushes it over, and the line before it must go over with it.
  size_t n = 40;
  while (lay_out(filled(n + 1, {closing()})).pages.size() == 1) ++n;
  auto out = lay_out(filled(n + 1, {closing()}));
  REQUIRE(out.pages.size() == 2);
  const auto ps = nodes_with(out, layout::Role::P);
  const int last_filler = ps[ps.size() - 2], closer = ps.back();
  CHECK(lines_on(out, 1, closer) == 1);
  CHECK(lines_on(out, 1, last_filler) == 1);  // the filler line before it moved with it
  CHECK(page_text(out.pages[1]).rfind("Filler line", 0) == 0);

  // When the block before cannot move (one paragraph taller than what is left), its last
  // lines are left for the next page instead.
  auto long_para = para(words(600, "children"));
  auto tall = filled(0, {long_para, closing()});
  auto t = lay_out(tall);
  const auto tps = nodes_with(t, layout::Role::P);
  const size_t last_page = t.pages.size() - 1;
  CHECK(lines_on(t, last_page, tps.back()) == 1);
  CHECK(lines_on(t, last_page, tps.front()) >= 1);
}

TEST_CASE("a heading whose block is too tall to move with it starts that block on its own page") {
  auto cols = [](size_t n) {
    model::Columns c;
    c.columns = {{para(words(n, "children"))}, {para(words(n, "promises"))}};
    return model::Block{c};
  };
  // The tallest pair of columns that still fits on one page: with a heading it does not.
  size_t n = 100;
  while (lay_out(filled(0, {cols(n + 10)})).pages.size() == 1) n += 10;
  auto out = lay_out(filled(20, {heading(2, "We promise that"), cols(n)}));
  const int h = nodes_with(out, layout::Role::H2).front();
  const int body = nodes_with(out, layout::Role::P).back();
  size_t page = 0;
  while (page < out.pages.size() && lines_on(out, page, h) == 0) ++page;
  REQUIRE(page < out.pages.size());
  CHECK(lines_on(out, page, body) > 0);  // not a heading alone above an empty half page
}

TEST_CASE("a pair of headings side by side keeps with the block after it, as one heading does") {
  model::Columns headings;
  headings.columns = {{heading(2, "We promise that")}, {heading(2, "Nous promettons")}};
  int orphaned = 0, checked = 0;
  for (size_t n = 38; n <= 48; ++n) {  // every amount of room left for the headings and the text
    auto out = lay_out(filled(n, {{headings}, six_lines()}));
    const int h = nodes_with(out, layout::Role::H2).front(), body = last_paragraph(out);
    if (lines_on(out, 0, h) == 0) continue;
    ++checked;
    if (lines_on(out, 0, body) == 0) ++orphaned;
  }
  CHECK(checked > 0);
  CHECK(orphaned == 0);  // never at the foot of a page without the text after them
}

TEST_CASE("a plan's heading chain (h2, its source line, h3) is never the last thing on a page") {
  // As in the pathway plan: the area heading, the small legal-source line kept with it, the
  // "Needs" heading, then the text (or the "Actions" heading and its table).
  auto source = [] {
    auto b = para("Care Leavers (England) Regulations 2010, Schedule 1 para 5", model::ParaRole::Small);
    std::get<model::Paragraph>(b.value).keep_with_next = true;
    return b;
  };
  auto actions = [] {
    model::Table t;
    t.header_rows = 1;
    t.column_widths = {5, 3, 2, 2};
    t.rows.push_back({{cell("What will be done"), cell("Who"), cell("By when"), cell("Status")}});
    for (int r = 0; r < 3; ++r)
      t.rows.push_back({{cell(words(14, "tenancy")), cell("Chloe Barnes"), cell("30 Nov 2026"), cell("Planned")}});
    return model::Block{t};
  };
  int checked = 0;
  for (int variant = 0; variant < 2; ++variant)
    for (size_t n = 36; n <= 49; ++n) {  // every amount of room left at the foot of the first page
      std::vector<model::Block> after;
      after.push_back(heading(2, "Accommodation, and whether it is suitable"));
      after.push_back(source());
      after.push_back(heading(3, variant == 0 ? "Needs" : "Actions"));
      after.push_back(variant == 0 ? six_lines() : actions());
      auto out = lay_out(filled(n, std::move(after)));
      INFO("variant " << variant << ", " << n << " filler lines");
      const int h2 = nodes_with(out, layout::Role::H2).front(), h3 = nodes_with(out, layout::Role::H3).front();
      size_t page = 0;
      while (page < out.pages.size() && lines_on(out, page, h2) == 0) ++page;
      REQUIRE(page < out.pages.size());
      CHECK(lines_on(out, page, h3) > 0);
      // What follows the h3 starts on the same page: no heading, and no source line, is last.
      const auto text = page_text(out.pages[page]);
      CHECK(text.find(variant == 0 ? "children" : "What will be done") != std::string::npos);
      CHECK(text.find("Schedule 1 para 5") != std::string::npos);
      ++checked;
    }
  CHECK(checked == 28);
}
