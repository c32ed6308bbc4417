// Page numbering per section reaches the PDF: /PageLabels from the labels layout sets
// (roman, a restart, an unnumbered front sheet), and a blank page before an odd-page start.
#include <doctest/doctest.h>

#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_support.hpp"

namespace quire::pdf {
namespace {

using testing::run_tool;
using testing::TempDir;

model::Section section(int pages, const std::string& title) {
  model::Section s;
  s.title = title;
  for (int i = 0; i < pages; ++i) {
    if (i > 0) s.blocks.push_back({model::PageBreak{}});
    model::Paragraph p;
    p.content.emplace_back(model::TextRun{title + " page " + std::to_string(i + 1), {}, {}, {}, {}});
    s.blocks.push_back({p});
  }
  model::Paragraph footer;
  footer.align = model::Align::Center;
  footer.content.emplace_back(model::Field{model::FieldKind::PageNumber, {}});
  s.footer.paragraphs.push_back(footer);
  return s;
}

}  // namespace

TEST_CASE("section numbering becomes /PageLabels: a front sheet, roman pages, a restart at 1") {
  model::Document doc;
  doc.meta.title = "Committee pack";
  doc.sections.push_back(section(1, "Front sheet"));
  doc.sections.back().numbering = model::PageNumbering::None;
  doc.sections.push_back(section(2, "Contents"));
  doc.sections.back().numbering = model::PageNumbering::LowerRoman;
  doc.sections.back().first_page_number = 1;
  doc.sections.push_back(section(2, "Report"));
  doc.sections.back().first_page_number = 1;
  doc.sections.back().start = model::SectionStart::OddPage;

  Diagnostics diags;
  layout::LayoutResources res{&testing::fonts(), nullptr};
  auto laid = layout::lay_out(doc, res, diags);
  REQUIRE(laid.pages.size() == 6);  // front sheet, i, ii, blank (iii), 1, 2
  PdfOptions options;
  options.created = std::chrono::system_clock::from_time_t(1768471200);
  std::string bytes = write_pdf(laid, options, diags);
  REQUIRE_FALSE(bytes.empty());
  TempDir tmp;
  std::string path = tmp.write("labels.pdf", bytes);

  auto json = run_tool("qpdf --json --json-key=pagelabels '" + path + "'");
  REQUIRE(json.exit_code == 0);
  INFO(json.out);
  CHECK(json.out.find("\"/P\": \"u:Front sheet\"") != std::string::npos);
  CHECK(json.out.find("\"/S\": \"/r\"") != std::string::npos);
  CHECK(json.out.find("\"/S\": \"/D\"") != std::string::npos);
  auto ranges = json.out.find("\"index\": 0");
  CHECK(ranges != std::string::npos);
  CHECK(json.out.find("\"index\": 1") != std::string::npos);  // roman from page 2
  CHECK(json.out.find("\"index\": 4") != std::string::npos);  // decimal from page 5

  auto text = run_tool("pdftotext -layout '" + path + "' -");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("This page is intentionally left blank") != std::string::npos);
  CHECK(text.out.find("Report page 1") != std::string::npos);
}

}  // namespace quire::pdf
