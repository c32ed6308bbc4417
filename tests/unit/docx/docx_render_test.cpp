// The package as a word processor sees it: LibreOffice (headless) converts it to PDF,
// and poppler reads back the text, fonts and page sizes.
#include <doctest/doctest.h>

#include <chrono>

#include "docx/docx_writer.hpp"
#include "docx_support.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

// pdftotext marks right-to-left stretches with U+202B ... U+202C; drop the marks.
std::string without_embedding_marks(std::string s) {
  for (const char* mark : {"\u202B", "\u202C", "\u202A"}) {
    for (size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, 3);
  }
  return s;
}

}  // namespace

TEST_CASE("LibreOffice opens the care plan and lays out every script, table and field") {
  Diagnostics diags;
  const std::string bytes =
      docx::write_docx(sample_care_plan(), {std::chrono::system_clock::from_time_t(1768471200)}, diags);
  REQUIRE_FALSE(bytes.empty());
  TempDir dir;
  const std::string pdf = libreoffice_pdf(dir, "care-plan.docx", bytes);
  REQUIRE_MESSAGE(!pdf.empty(), "soffice could not convert the package");

  ToolResult text = run_tool("pdftotext -enc UTF-8 '" + pdf + "' -");
  REQUIRE(text.exit_code == 0);
  const std::string t = without_embedding_marks(text.out);
  for (const char* expected : {"Care plan for Amira Hassan",
                               "1 About this plan",
                               "1.1 Goals",
                               "Attend school",
                               "On track",
                               "Overdue",
                               "At risk",
                               "Social worker",
                               "Reviewed together",
                               "Next review",
                               "(section 1.1, page 1)",  // REF \r and PAGEREF resolved by the word processor
                               "اسم الطفلة هو",
                               "Amira Hassan",
                               "وعمرها عشر سنوات",  // Arabic in logical order around the name
                               "ቃል ኪዳን ንቖልዑ",
                               "我们对你的承诺",
                               "Name: Sam Jones",
                               "We will listen to you.",
                               "سوف نستمع إليك",
                               "School attendance",
                               "95.5",
                               "Agreed at the review meeting.",
                               "Page 1 of 3",
                               "Page 3 of 3",
                               "Care plan - Appendix",
                               "2 Appendix"})
    CHECK_MESSAGE(t.find(expected) != std::string::npos, "missing from the PDF text: " << expected);

  // The run fonts reached LibreOffice: each script in its Noto font, not a fallback.
  ToolResult fonts = run_tool("pdffonts '" + pdf + "'");
  for (const char* font : {"NotoSans-Regular", "NotoSans-Bold", "NotoNaskhArabic", "NotoSansEthiopic", "WenQuanYi"})
    CHECK_MESSAGE(fonts.out.find(font) != std::string::npos, font << " not used:\n" << fonts.out);
  CHECK(fonts.out.find("FreeSerif") == std::string::npos);

  // Two sections: A4 portrait, then the landscape appendix.
  ToolResult info = run_tool("pdfinfo -f 1 -l 3 '" + pdf + "'");
  CHECK(info.out.find("Pages:           3") != std::string::npos);
  CHECK(info.out.find("Page    1 size:  595") != std::string::npos);
  CHECK(info.out.find("Page    3 size:  841.89 x 595") != std::string::npos);
}

TEST_CASE("LibreOffice aligns right-to-left paragraphs: start on the right, end on the left") {
  using namespace model;
  Document doc;
  doc.meta.language = "ar";
  doc.meta.direction = Direction::Rtl;
  doc.sections.emplace_back();
  for (Align a : {Align::Start, Align::End}) {
    Paragraph p;
    p.align = a;
    // Latin markers: pdftotext -bbox gives Arabic words in visual (reversed) order.
    p.content = {docx::testing::text(a == Align::Start ? "بداية START" : "نهاية END")};
    doc.sections[0].blocks.push_back({p});
  }
  Diagnostics diags;
  TempDir dir;
  const std::string pdf = libreoffice_pdf(dir, "align.docx", docx::write_docx(doc, {}, diags));
  REQUIRE(!pdf.empty());
  // -bbox gives each word's x; the page is 595 pt wide with 56.7 pt margins.
  ToolResult box = run_tool("pdftotext -bbox '" + pdf + "' -");
  auto x_min_of = [&](const std::string& word) {
    size_t at = box.out.find(">" + word + "<");
    REQUIRE(at != std::string::npos);
    size_t line = box.out.rfind("xMin=\"", at);
    return std::stod(box.out.substr(line + 6));
  };
  CHECK(x_min_of("START") > 300);  // start of an RTL paragraph: flush right
  CHECK(x_min_of("END") < 150);    // end: flush left
}

TEST_CASE("LibreOffice uses Nastaliq for Urdu and the Bengali font for Bengali") {
  using namespace model;
  Document doc;
  doc.meta.language = "ur";
  doc.meta.direction = Direction::Rtl;
  doc.sections.emplace_back();
  doc.sections[0].blocks = {para({docx::testing::text("ہم آپ کی بات سنیں گے")}, "ur"),
                            para({docx::testing::text("আমরা তোমার কথা শুনব")}, "bn"),
                            para({docx::testing::text("موږ به ستاسو خبرې واورو")}, "ps")};
  Diagnostics diags;
  TempDir dir;
  const std::string pdf = libreoffice_pdf(dir, "scripts.docx", docx::write_docx(doc, {}, diags));
  REQUIRE(!pdf.empty());
  ToolResult fonts = run_tool("pdffonts '" + pdf + "'");
  for (const char* font : {"NotoNastaliqUrdu", "NotoSansBengali", "NotoNaskhArabic"})
    CHECK_MESSAGE(fonts.out.find(font) != std::string::npos, font << " not used:\n" << fonts.out);
  const std::string t = without_embedding_marks(run_tool("pdftotext -enc UTF-8 '" + pdf + "' -").out);
  CHECK(t.find("আমরা তোমার কথা শুনব") != std::string::npos);
}
