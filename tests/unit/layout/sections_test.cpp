// Composable layout: page numbering per section, odd-page starts with blank pages, page
// ranges of sections and blocks, and several documents laid out as one.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

model::Paragraph page_field_footer() {
  model::Paragraph f;
  f.content.emplace_back(std::in_place_type<model::TextRun>, run("Page "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageNumber, {}});
  f.content.emplace_back(std::in_place_type<model::TextRun>, run(" of "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageCount, {}});
  return f;
}

// A section of `pages` pages (page breaks between short paragraphs), with a footer.
model::Section section(int pages, std::string title = {}, std::string id = {}) {
  model::Section s;
  s.title = std::move(title);
  s.id = std::move(id);
  for (int i = 0; i < pages; ++i) {
    if (i > 0) s.blocks.push_back({model::PageBreak{}});
    s.blocks.push_back(para("Text of page " + std::to_string(i + 1)));
  }
  s.footer.paragraphs.push_back(page_field_footer());
  return s;
}

model::Block ref_para(const std::string& before, const std::string& target, model::RefForm form,
                      const std::string& id = {}) {
  model::Paragraph p;
  p.id = id;
  p.content.emplace_back(std::in_place_type<model::TextRun>, run(before));
  p.content.emplace_back(std::in_place_type<model::CrossRef>, model::CrossRef{target, form, {}});
  return {p};
}

// The footer line of a page: the text of the runs below the content area.
std::string footer_text(const layout::Page& page) {
  std::string out;
  for (const auto& item : page.items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (g->y > 841.89f - 56.7f) out += text_of(*g);
  return out;
}

std::vector<std::string> labels(const layout::LaidOutDocument& out) {
  std::vector<std::string> l;
  for (const auto& p : out.pages) l.push_back(p.label);
  return l;
}

// Whether the page's runs, joined, hold `text` (a reference is a run of its own).
bool page_says(const layout::Page& page, const std::string& text) {
  std::string joined;
  for (char c : page_text(page))
    if (c != '|') joined += c;
  return joined.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("roman front matter, then numbers restarting at 1: labels and footers agree") {
  model::Document doc;
  doc.sections.push_back(section(2, "Front matter"));
  doc.sections.back().numbering = model::PageNumbering::LowerRoman;
  doc.sections.push_back(section(2, "Report"));
  doc.sections.back().first_page_number = 1;
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 4);
  CHECK(labels(out) == std::vector<std::string>{"i", "ii", "1", "2"});
  CHECK(footer_text(out.pages[0]) == "Page i of 4");  // the count stays the physical total
  CHECK(footer_text(out.pages[1]) == "Page ii of 4");
  CHECK(footer_text(out.pages[2]) == "Page 1 of 4");
  CHECK(footer_text(out.pages[3]) == "Page 2 of 4");
}

TEST_CASE("a first page number other than 1, and an unnumbered front sheet that still counts") {
  model::Document doc;
  doc.sections.push_back(section(1, "Front sheet"));
  doc.sections.back().numbering = model::PageNumbering::None;
  doc.sections.push_back(section(2, "Agenda"));
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  CHECK(labels(out) == std::vector<std::string>{"Front sheet", "2", "3"});
  CHECK(footer_text(out.pages[0]) == "Page  of");  // page fields print nothing there
  CHECK(footer_text(out.pages[1]) == "Page 2 of 3");

  model::Document later;
  later.sections.push_back(section(2));
  later.sections.back().first_page_number = 41;
  out = lay_out(later);
  CHECK(labels(out) == std::vector<std::string>{"41", "42"});
  CHECK(footer_text(out.pages[1]) == "Page 42 of 2");
}

TEST_CASE("an odd-page start after a one-page section puts in one blank page; after two pages none") {
  model::Document doc;
  doc.sections.push_back(section(1, "Agenda"));
  doc.sections.push_back(section(1, "Report"));
  doc.sections.back().start = model::SectionStart::OddPage;
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  CHECK(page_says(out.pages[1], "This page is intentionally left blank"));
  CHECK(page_text(out.pages[1]) == "This page is intentionally left blank");  // no header or footer
  for (const auto& item : out.pages[1].items) CHECK(item.tag == -1);          // an artifact
  CHECK(page_says(out.pages[2], "Text of page 1"));
  CHECK(labels(out) == std::vector<std::string>{"1", "2", "3"});  // the blank page counts
  CHECK(footer_text(out.pages[2]) == "Page 3 of 3");

  doc.sections[0] = section(2, "Agenda");
  out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  for (const auto& page : out.pages) CHECK_FALSE(page_says(page, "intentionally"));

  // the sentence comes from the model, in the document's language
  doc.sections[0] = section(1, "Agenda");
  doc.meta.blank_page_text = "Gadawyd y dudalen hon yn wag yn fwriadol";
  out = lay_out(doc);
  REQUIRE(out.pages.size() == 3);
  CHECK(page_text(out.pages[1]) == "Gadawyd y dudalen hon yn wag yn fwriadol");
}

TEST_CASE("a page range gives a section's first and last page, one number for a block on one page") {
  model::Document doc;
  doc.sections.push_back(section(1, "Agenda"));
  doc.sections[0].blocks.push_back(ref_para("Report: Pages ", "report", model::RefForm::PageRange));
  doc.sections[0].blocks.push_back(ref_para("Decision: page ", "decision", model::RefForm::PageRange));
  doc.sections[0].blocks.push_back(ref_para("Nowhere: ", "nowhere", model::RefForm::PageRange));
  doc.sections.push_back(section(3, "Report", "report"));
  doc.sections[1].blocks.push_back(para("The committee agreed.", model::ParaRole::Body, "decision"));
  Diagnostics diags;
  auto out = lay_out(doc, diags);
  REQUIRE(out.pages.size() == 4);
  CHECK(page_says(out.pages[0], "Report: Pages 2 - 4"));
  CHECK(page_says(out.pages[0], "Decision: page 4"));
  CHECK(page_says(out.pages[0], "Nowhere: ??"));
  CHECK(has_warning(diags, "layout.unresolved-ref"));
  bool placed = false;
  for (const auto& p : out.placements)
    if (p.id == "report") {
      placed = true;
      CHECK(p.first_page == 1);
      CHECK(p.last_page == 3);
    }
  CHECK(placed);

  doc.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  out = lay_out(doc);
  CHECK(page_says(out.pages[0], "Report: Pages ٢ - ٤"));
  CHECK(footer_text(out.pages[1]) == "Page ٢ of ٤");
  CHECK(out.pages[1].label == "2");  // PDF page labels are written with ASCII digits
}

TEST_CASE("a paragraph split over two pages has a two-page range") {
  auto doc = document({ref_para("See ", "long", model::RefForm::PageRange), para(words(300), {}, "filler"),
                       para(words(400, "record"), {}, "long")});
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() >= 2);
  const layout::Placement* long_p = nullptr;
  for (const auto& p : out.placements)
    if (p.id == "long") long_p = &p;
  REQUIRE(long_p);
  REQUIRE(long_p->last_page > long_p->first_page);
  CHECK(page_says(out.pages[0],
                  "See " + std::to_string(long_p->first_page + 1) + " - " + std::to_string(long_p->last_page + 1)));
}

TEST_CASE("two documents laid out together: continuous pages, one outline, references between them") {
  model::Document agenda;
  agenda.meta.title = "Agenda";
  agenda.sections.push_back(section(2, "Agenda"));
  agenda.sections[0].blocks.insert(agenda.sections[0].blocks.begin(), heading(1, "Items", "items"));
  agenda.sections[0].blocks.push_back(ref_para("Report: Pages ", "report", model::RefForm::PageRange));

  model::Document report;
  report.meta.title = "Fostering report";
  report.sections.push_back(section(2, "Report", "report"));
  report.sections[0].start = model::SectionStart::OddPage;
  report.sections[0].blocks.insert(report.sections[0].blocks.begin(), heading(1, "Summary", "summary"));
  report.sections[0].blocks.push_back(ref_para("Back to the agenda, page ", "items", model::RefForm::Page));

  const model::Document* both[] = {&agenda, &report};
  Diagnostics diags;
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  auto out = layout::lay_out_all(both, res, diags);
  REQUIRE(out.pages.size() == 4);  // 2 + 2, no blank page needed: the report starts on page 3
  CHECK(labels(out) == std::vector<std::string>{"1", "2", "3", "4"});
  CHECK(footer_text(out.pages[2]) == "Page 3 of 4");
  CHECK(page_says(out.pages[1], "Report: Pages 3 - 4"));
  CHECK(page_says(out.pages[3], "Back to the agenda, page 1"));
  CHECK_FALSE(has_warning(diags, "layout.unresolved-ref"));

  REQUIRE(out.outline.size() == 4);
  CHECK(out.outline[0].title == "Agenda");
  CHECK(out.outline[0].level == 1);
  CHECK(out.outline[1].title == "Items");
  CHECK(out.outline[1].level == 2);
  CHECK(out.outline[2].title == "Fostering report");
  CHECK(out.outline[2].level == 1);
  CHECK(out.outline[2].page == 2);
  CHECK(out.outline[3].level == 2);

  // one Document root; a Sect per document holding its sections
  CHECK(nodes_with(out, layout::Role::Document) == std::vector<int>{0});
  REQUIRE(out.structure[0].children.size() == 2);
  for (int part : out.structure[0].children) {
    CHECK(out.structure[static_cast<size_t>(part)].role == layout::Role::Sect);
    CHECK(out.structure[static_cast<size_t>(part)].children.size() == 1);
  }

  // a repeated id is reported; the first document keeps it
  report.sections[0].blocks.push_back(heading(2, "Items again", "items"));
  Diagnostics dup;
  out = layout::lay_out_all(both, res, dup);
  CHECK(has_warning(dup, "layout.duplicate-id"));
  CHECK(page_says(out.pages[3], "Back to the agenda, page 1"));
}

TEST_CASE("lay_out is lay_out_all of one document") {
  auto doc = document({heading(1, "Only"), para(words(50))});
  doc.sections[0].footer.paragraphs.push_back(page_field_footer());
  const model::Document* one[] = {&doc};
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  Diagnostics d1, d2;
  CHECK(layout::dump(layout::lay_out(doc, res, d1)) == layout::dump(layout::lay_out_all(one, res, d2)));
}
