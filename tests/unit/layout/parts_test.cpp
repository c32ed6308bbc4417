// Numbering parts: a section that restarts the page numbers starts a part running to the
// next restart, and field('part-pages') counts the pages of the part it is in (a letter's
// copy for a carer says "Page 1 of 1" while the file has three pages).
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

model::Paragraph part_footer() {
  model::Paragraph f;
  f.content.emplace_back(std::in_place_type<model::TextRun>, run("Page "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageNumber, {}});
  f.content.emplace_back(std::in_place_type<model::TextRun>, run(" of "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PartPageCount, {}});
  f.content.emplace_back(std::in_place_type<model::TextRun>, run(" ("));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageCount, {}});
  f.content.emplace_back(std::in_place_type<model::TextRun>, run(")"));
  return f;
}

model::Section section(int pages, std::optional<int> first_page = {}) {
  model::Section s;
  for (int i = 0; i < pages; ++i) {
    if (i > 0) s.blocks.push_back({model::PageBreak{}});
    s.blocks.push_back(para("Text of page " + std::to_string(i + 1)));
  }
  s.first_page_number = first_page;
  s.footer.paragraphs.push_back(part_footer());
  return s;
}

std::string footer_text(const layout::Page& page) {
  std::string out;
  for (const auto& item : page.items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (g->y > 841.89f - 56.7f) out += text_of(*g);
  return out;
}

bool page_says(const layout::Page& page, const std::string& text) {
  std::string joined;
  for (char c : page_text(page))
    if (c != '|') joined += c;
  return joined.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("a restart of the page numbers starts a part: the letter's 2 pages, then the carer's copy's 1") {
  model::Document doc;
  doc.sections.push_back(section(2));
  doc.sections.push_back(section(1, 1));
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  CHECK(footer_text(out.pages[0]) == "Page 1 of 2 (3)");
  CHECK(footer_text(out.pages[1]) == "Page 2 of 2 (3)");
  CHECK(footer_text(out.pages[2]) == "Page 1 of 1 (3)");  // `pages` stays the physical count
}

TEST_CASE("a part runs over sections that do not restart, and starts where one does") {
  model::Document doc;
  doc.sections.push_back(section(1));
  doc.sections.push_back(section(2));     // numbers run on: the same part
  doc.sections.push_back(section(2, 5));  // restarts at 5: a part of its own
  doc.sections.push_back(section(1));
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 6);
  CHECK(footer_text(out.pages[0]) == "Page 1 of 3 (6)");
  CHECK(footer_text(out.pages[2]) == "Page 3 of 3 (6)");
  CHECK(footer_text(out.pages[3]) == "Page 5 of 3 (6)");  // the count of pages, not the last number
  CHECK(footer_text(out.pages[5]) == "Page 7 of 3 (6)");
}

TEST_CASE("a blank page before an odd-page restart belongs to the part before it") {
  model::Document doc;
  doc.sections.push_back(section(1));
  doc.sections.push_back(section(1, 1));
  doc.sections.back().start = model::SectionStart::OddPage;
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  CHECK(footer_text(out.pages[0]) == "Page 1 of 2 (3)");
  CHECK(page_says(out.pages[1], "intentionally left blank"));
  CHECK(footer_text(out.pages[2]) == "Page 1 of 1 (3)");
}

TEST_CASE("the part's page count is in the document's digits and prints nothing on unnumbered pages") {
  model::Document doc;
  doc.sections.push_back(section(1));
  doc.sections.back().numbering = model::PageNumbering::None;
  doc.sections.push_back(section(2));
  doc.sections.push_back(section(1, 1));
  doc.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 4);
  CHECK(footer_text(out.pages[0]) == "Page  of  ()");
  CHECK(footer_text(out.pages[1]) == "Page ٢ of ٣ (٤)");
  CHECK(footer_text(out.pages[3]) == "Page ١ of ١ (٤)");
}

TEST_CASE("a part's page count in body text is that of the part its line lands on") {
  model::Document doc;
  auto counted = [](const std::string& before) {
    model::Paragraph p;
    p.content.emplace_back(std::in_place_type<model::TextRun>, run(before));
    p.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PartPageCount, {}});
    return model::Block{p};
  };
  doc.sections.push_back(section(3));
  doc.sections[0].blocks.insert(doc.sections[0].blocks.begin(), counted("This letter has pages: "));
  doc.sections.push_back(section(1, 1));
  doc.sections[1].blocks.push_back(counted("This copy has pages: "));
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 4);
  CHECK(page_says(out.pages[0], "This letter has pages: 3"));
  CHECK(page_says(out.pages[3], "This copy has pages: 1"));
}
