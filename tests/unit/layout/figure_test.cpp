// Images (size from the header bytes, scaling, alternative text) and charts.
#include <doctest/doctest.h>

#include "builders.hpp"
#include "layout/context.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

std::string be32(unsigned v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}
std::string be16(unsigned v) {
  return {static_cast<char>(v >> 8), static_cast<char>(v)};
}

// The first bytes of a PNG file: signature and IHDR (all layout reads).
std::string png(unsigned w, unsigned h) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) +
         std::string("\x08\x06\0\0\0", 5) + be32(0);
}

// A JPEG start: SOI, an APP0 segment, then SOF0 with the size.
std::string jpeg(unsigned w, unsigned h) {
  std::string app0 = std::string("\xFF\xE0", 2) + be16(16) + std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);
  std::string sof = std::string("\xFF\xC0", 2) + be16(17) + "\x08" + be16(h) + be16(w) + std::string(10, '\0');
  return std::string("\xFF\xD8", 2) + app0 + sof;
}

model::Block image(std::string data, std::string alt, double width = 0, bool decorative = false) {
  model::Image img;
  img.source = "picture";
  img.data = std::move(data);
  img.alt = std::move(alt);
  img.width = width;
  img.decorative = decorative;
  return {img};
}

std::vector<std::pair<const layout::ImageBox*, int>> images(const layout::LaidOutDocument& out, size_t page = 0) {
  std::vector<std::pair<const layout::ImageBox*, int>> found;
  for (const auto& item : out.pages[page].items)
    if (const auto* i = std::get_if<layout::ImageBox>(&item.value)) found.emplace_back(i, item.tag);
  return found;
}

}  // namespace

TEST_CASE("image sizes come from PNG and JPEG headers, at 96 dpi") {
  int w = 0, h = 0;
  CHECK(layout::detail::image_size(png(640, 480), w, h));
  CHECK(w == 640);
  CHECK(h == 480);
  CHECK(layout::detail::image_size(jpeg(1024, 768), w, h));
  CHECK(w == 1024);
  CHECK(h == 768);
  CHECK_FALSE(layout::detail::image_size("GIF89a....", w, h));

  auto out = lay_out(document({image(png(192, 96), "The council's logo")}));
  auto found = images(out);
  REQUIRE(found.size() == 1);
  CHECK(found[0].first->width == doctest::Approx(144));
  CHECK(found[0].first->height == doctest::Approx(72));
  CHECK(found[0].first->x == doctest::Approx(56.7));
  auto figures = nodes_with(out, layout::Role::Figure);
  REQUIRE(figures.size() == 1);
  CHECK(found[0].second == figures[0]);
  CHECK(out.structure[static_cast<size_t>(figures[0])].alt == "The council's logo");
}

TEST_CASE("images are capped to the column, tall ones scaled to the page with a warning") {
  auto wide = lay_out(document({image(jpeg(3000, 1000), "A wide photo", 800)}));
  auto w = images(wide);
  REQUIRE(w.size() == 1);
  CHECK(w[0].first->width == doctest::Approx(595.276 - 2 * 56.7));
  CHECK(w[0].first->height == doctest::Approx((595.276 - 2 * 56.7) / 3).epsilon(0.001));

  Diagnostics diags;
  auto tall = lay_out(document({image(png(100, 5000), "A tall chart")}), diags);
  auto t = images(tall);
  REQUIRE(t.size() == 1);
  CHECK(t[0].first->height <= 841.89f - 2 * 56.7f + 0.01f);
  CHECK(t[0].first->width / t[0].first->height == doctest::Approx(100.0 / 5000.0));
  CHECK(has_warning(diags, "layout.image-scaled"));
  CHECK(tall.pages.size() == 1);
}

TEST_CASE("decorative images are artifacts; unknown formats leave a framed placeholder") {
  auto out = lay_out(document({image(png(10, 10), "", 0, true)}));
  auto found = images(out);
  REQUIRE(found.size() == 1);
  CHECK(found[0].second == -1);
  CHECK(nodes_with(out, layout::Role::Figure).empty());

  Diagnostics diags;
  auto bad = lay_out(document({image("not an image", "Map of the area")}), diags);
  CHECK(images(bad).empty());
  CHECK(page_text(bad.pages[0]) == "Map of the area");
  CHECK(has_warning(diags, "layout.image-format"));
}

TEST_CASE("a bar chart draws one bar per value, labels, and is a Figure with alt text") {
  model::Chart chart;
  chart.title = "Children in care";
  chart.categories = {"2022", "2023", "2024"};
  chart.series = {{"Children", {310, 295, 330}}};
  chart.alt = "Children in care: 310 in 2022, 295 in 2023, 330 in 2024.";
  auto out = lay_out(document({{chart}}));
  auto figures = nodes_with(out, layout::Role::Figure);
  REQUIRE(figures.size() == 1);
  CHECK(out.structure[static_cast<size_t>(figures[0])].alt == chart.alt);
  size_t bars = 0;
  for (const auto& item : out.pages[0].items)
    if (const auto* r = std::get_if<layout::Rect>(&item.value))
      if (item.tag == figures[0] && r->fill && *r->fill == model::Color{0x1d, 0x70, 0xb8}) ++bars;
  CHECK(bars == 3);
  auto text = page_text(out.pages[0]);
  for (const char* label : {"Children in care", "2022", "2023", "2024", "310", "295", "330"})
    CHECK_MESSAGE(text.find(label) != std::string::npos, label);
}
