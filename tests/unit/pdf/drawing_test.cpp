// Vector paths in page content: an icon and a chart laid out from the model come out as
// m/l/c/h path operators with fill and stroke, round caps and joins, inside the
// Figure's marked content; the file passes qpdf --check.
#include <doctest/doctest.h>

#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_support.hpp"
#include "unit/text/fonts.hpp"

using namespace quire;

namespace {

std::string content_of(const std::string& bytes, pdf::testing::TempDir& dir) {
  const std::string path = dir.write("drawing.pdf", bytes);
  auto check = pdf::testing::run_tool("qpdf --check '" + path + "'");
  INFO(check.out, check.err);
  CHECK(check.exit_code == 0);
  auto qdf = pdf::testing::run_tool("qpdf --qdf --object-streams=disable '" + path + "' -");
  REQUIRE(qdf.exit_code == 0);
  return qdf.out;
}

}  // namespace

TEST_CASE("an icon and a line chart are drawn as Bezier paths in the content stream") {
  model::Document doc;
  doc.meta.title = "Drawing";
  doc.sections.emplace_back();
  model::Icon icon;
  icon.name = "heart";
  icon.alt = "Health and wellbeing";
  icon.size = 30;
  model::Chart chart;
  chart.kind = model::Chart::Kind::Line;
  chart.categories = {"A", "B", "C"};
  chart.series = {{"Visits", {3, 5, 4}}};
  chart.alt = "Visits went up then down";
  doc.sections.back().blocks = {{icon}, {chart}};
  Diagnostics diags;
  layout::LayoutResources res{&testing::test_fonts(), &testing::test_hyphenators()};
  auto laid = layout::lay_out(doc, res, diags);
  pdf::PdfOptions options;
  options.created = std::chrono::system_clock::from_time_t(1768471200);
  const std::string bytes = pdf::write_pdf(laid, options, diags);
  CHECK_FALSE(diags.has_errors());
  pdf::testing::TempDir dir;
  const std::string content = content_of(bytes, dir);
  CHECK(content.find(" c\n") != std::string::npos);   // cubic Bezier segments (the heart, the markers)
  CHECK(content.find(" m\n") != std::string::npos);   // move-to
  CHECK(content.find(" l\n") != std::string::npos);   // line-to (the chart's line)
  CHECK(content.find("\nh\n") != std::string::npos);  // closed subpaths
  CHECK(content.find("1 J 1 j\n") != std::string::npos);
  CHECK(content.find("\nS\n") != std::string::npos);  // stroked
  CHECK(content.find("\nB\n") != std::string::npos);  // filled and stroked (markers)
  CHECK(content.find("/Figure <</MCID") != std::string::npos);
  CHECK(content.find("/Alt ") != std::string::npos);
}
