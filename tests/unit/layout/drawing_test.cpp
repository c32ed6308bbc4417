// Vector drawing in layout: icons as tagged paths, charts with axes, gridlines, lines
// with round markers, labels in the document's digits.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

std::vector<std::pair<const layout::PathItem*, int>> paths(const layout::LaidOutDocument& out, size_t page = 0) {
  std::vector<std::pair<const layout::PathItem*, int>> found;
  for (const auto& item : out.pages[page].items)
    if (const auto* p = std::get_if<layout::PathItem>(&item.value)) found.emplace_back(p, item.tag);
  return found;
}

bool has_cubic(const model::Path& p) {
  for (const auto& op : p.ops)
    if (op.kind == model::PathOp::Kind::Cubic) return true;
  return false;
}

model::Chart sample_chart(model::Chart::Kind kind) {
  model::Chart chart;
  chart.kind = kind;
  chart.title = "Attendance";
  chart.categories = {"Autumn", "Spring", "Summer"};
  chart.series = {{"2024", {88, 92.5, 95}}, {"2025", {90, 94, 97}}};
  chart.alt = "Attendance rose in both years";
  chart.value_suffix = "%";
  return chart;
}

}  // namespace

TEST_CASE("an icon is drawn as paths in its colour, tagged a Figure with its alt text") {
  model::Icon icon;
  icon.name = "home";
  icon.alt = "Where you live";
  icon.size = 24;
  icon.color = model::Color{0x12, 0x34, 0x56};
  auto out = lay_out(document({{icon}}));
  auto found = paths(out);
  REQUIRE_FALSE(found.empty());
  auto figures = nodes_with(out, layout::Role::Figure);
  REQUIRE(figures.size() == 1);
  CHECK(out.structure[static_cast<size_t>(figures[0])].alt == "Where you live");
  for (const auto& [p, tag] : found) {
    CHECK(tag == figures[0]);
    CHECK(p->scale == doctest::Approx(1.0));  // 24 pt on the 24-unit grid
    CHECK(p->x == doctest::Approx(56.7));
    REQUIRE(p->path.stroke);
    CHECK(*p->path.stroke == model::Color{0x12, 0x34, 0x56});
  }
  CHECK(layout::dump(out).find("path x=56.7") != std::string::npos);
}

TEST_CASE("a decorative icon is an artifact; the default colour is the palette's primary; RTL puts it on the right") {
  model::Icon icon;
  icon.name = "star";
  icon.decorative = true;
  auto doc = document({{icon}}, "ar", model::Direction::Rtl);
  auto out = lay_out(doc);
  auto found = paths(out);
  REQUIRE(found.size() == 1);
  CHECK(found[0].second == -1);
  CHECK(nodes_with(out, layout::Role::Figure).empty());
  CHECK(*found[0].first->path.stroke == doc.styles.color("primary"));
  const float size = static_cast<float>(2 * doc.typography.body_size);
  CHECK(found[0].first->x == doctest::Approx(595.276 - 56.7 - size));
}

TEST_CASE("an unknown icon name draws nothing and warns") {
  model::Icon icon;
  icon.name = "unicorn";
  icon.alt = "x";
  Diagnostics diags;
  auto out = lay_out(document({{icon}}), diags);
  CHECK(paths(out).empty());
  CHECK(has_warning(diags, "layout.icon-unknown"));
}

TEST_CASE("a line chart joins round markers with a stroked path and labels its axis in 1-2-5 steps") {
  auto chart = sample_chart(model::Chart::Kind::Line);
  auto out = lay_out(document({{chart}}));
  auto found = paths(out);
  size_t lines = 0, markers = 0;
  const auto s1 = model::StyleSheet::defaults().color("series-1");
  for (const auto& [p, tag] : found) {
    if (p->path.stroke && !p->path.fill && p->path.ops.size() == 3 && tag >= 0) ++lines;  // one point per category
    if (p->path.fill && *p->path.fill == s1 && has_cubic(p->path) && tag >= 0) ++markers;
  }
  CHECK(lines == 2);
  CHECK(markers == 3);
  auto text = page_text(out.pages[0]);
  // Range 88-97 -> steps of 2 from 88 to 98, with the suffix.
  for (const char* label : {"Attendance", "Autumn", "Summer", "2024", "2025", "88%", "90%", "98%", "92.5%"})
    CHECK_MESSAGE(text.find(label) != std::string::npos, label);
}

TEST_CASE("bar charts start at zero, group several series, honour height and y-max") {
  auto chart = sample_chart(model::Chart::Kind::Bar);
  chart.height = 200;
  chart.y_max = 100;
  chart.show_values = false;
  auto out = lay_out(document({{chart}}));
  auto figures = nodes_with(out, layout::Role::Figure);
  REQUIRE(figures.size() == 1);
  const auto styles = model::StyleSheet::defaults();
  size_t bars1 = 0, bars2 = 0;
  float tallest = 0;
  for (const auto& item : out.pages[0].items)
    if (const auto* r = std::get_if<layout::Rect>(&item.value); r && item.tag == figures[0] && r->fill) {
      if (*r->fill == styles.color("series-1")) ++bars1;
      if (*r->fill == styles.color("series-2")) ++bars2;
      tallest = std::max(tallest, r->height);
    }
  CHECK(bars1 == 3);
  CHECK(bars2 == 3);
  CHECK(tallest == doctest::Approx(200 * 0.97).epsilon(0.01));  // 97 of 0-100 on a 200 pt plot
  auto text = page_text(out.pages[0]);
  CHECK(text.find("100%") != std::string::npos);
  CHECK(text.find("0%") != std::string::npos);
  CHECK(text.find("97%") == std::string::npos);  // values hidden
}

TEST_CASE("chart labels use the document's digits") {
  auto chart = sample_chart(model::Chart::Kind::Bar);
  auto doc = document({{chart}}, "ar", model::Direction::Rtl);
  doc.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  auto out = lay_out(doc);
  auto text = page_text(out.pages[0]);
  CHECK(text.find("٢٠") != std::string::npos);    // an axis label: 20
  CHECK(text.find("٩٢٫٥") != std::string::npos);  // a value, with the Arabic decimal separator
  CHECK(text.find("92") == std::string::npos);
}

TEST_CASE("format_decimal drops trailing zeros and maps digits") {
  CHECK(model::format_decimal(2.50, 2, "") == "2.5");
  CHECK(model::format_decimal(3.0, 2, "") == "3");
  CHECK(model::format_decimal(-0.0001, 2, "") == "0");
  CHECK(model::format_decimal(12.25, 1, "٠١٢٣٤٥٦٧٨٩") == "١٢٫٢");
}

TEST_CASE("a measure-only layout places boxes and icons as a full one does, drawing neither") {
  // The fit's probes and a Word file's fitted size read only pages and places.
  std::vector<model::Block> blocks;
  for (int i = 0; i < 14; ++i) {
    model::Panel box;
    box.id = "box" + std::to_string(i);
    model::Icon icon;
    icon.name = i % 2 ? "home" : "no-such-icon";
    icon.decorative = true;
    box.icon = icon;
    box.blocks.push_back(para("Promise " + std::to_string(i)));
    box.blocks.push_back(para(words(20 + 9 * i, "care")));
    blocks.push_back({box});
  }
  model::Panel tall;  // taller than a page: split, with square frames
  tall.id = "tall";
  for (int i = 0; i < 12; ++i) tall.blocks.push_back(para(words(60, "record")));
  blocks.push_back({tall});
  model::Icon alone;
  alone.name = "home";
  alone.id = "alone";
  blocks.push_back({alone});
  const model::Document doc = document(std::move(blocks));

  Diagnostics full_diags, measured_diags;
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  const auto full = layout::lay_out(doc, res, full_diags);
  res.measure_only = true;
  const auto measured = layout::lay_out(doc, res, measured_diags);

  REQUIRE(full.pages.size() >= 3);
  CHECK(measured.pages.size() == full.pages.size());
  REQUIRE(measured.placements.size() == full.placements.size());
  for (size_t i = 0; i < full.placements.size(); ++i) {
    const auto &a = full.placements[i], &b = measured.placements[i];
    CHECK(a.id == b.id);
    CHECK_MESSAGE(a.first_page == b.first_page, a.id);
    CHECK_MESSAGE(a.last_page == b.last_page, a.id);
    CHECK_MESSAGE(a.y == doctest::Approx(b.y), a.id);
  }
  for (size_t p = 0; p < measured.pages.size(); ++p) CHECK(paths(measured, p).empty());
  CHECK_FALSE(paths(full, 0).empty());
  // The unknown icon is reported by both.
  auto unknown = [](const Diagnostics& d) {
    int n = 0;
    for (const auto& x : d.items())
      if (x.code == "layout.icon-unknown") ++n;
    return n;
  };
  CHECK(unknown(full_diags) > 0);
  CHECK(unknown(measured_diags) == unknown(full_diags));
}
