// Page counts per numbering part in DOCX: a PAGEREF to an empty bookmark at the end of the
// part (Word and LibreOffice compute it; LibreOffice leaves SECTIONPAGES at its cached value).
#include <doctest/doctest.h>

#include <chrono>

#include "docx/docx_writer.hpp"
#include "docx/xml.hpp"
#include "docx_support.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

struct Written {
  Unzipped zip;
  Diagnostics diags;
};

Written write(const model::Document& doc) {
  Written w;
  w.zip = unzip(docx::write_docx(doc, {std::chrono::system_clock::from_time_t(1768471200)}, w.diags));
  return w;
}

struct Part : Xml {
  Part(const Written& w, const std::string& name) {
    REQUIRE_MESSAGE(w.zip.has(name), name);
    parse(w.zip.parts.at(name), *this);
    REQUIRE_MESSAGE(ok, name << ": " << error);
  }
};

std::string instructions(const Part& part) {
  std::string instr;
  for (pugi::xpath_node t : part.doc.select_nodes("//w:instrText")) instr += t.node().text().get();
  return instr;
}

model::Section letter_section(int pages, std::optional<int> first_page) {
  model::Section s;
  for (int i = 0; i < pages; ++i) {
    if (i > 0) s.blocks.push_back({model::PageBreak{}});
    s.blocks.push_back(para("Page " + std::to_string(i + 1) + " of the letter"));
  }
  model::Paragraph footer;
  footer.content.emplace_back(docx::testing::text("Page "));
  footer.content.emplace_back(model::Field{model::FieldKind::PageNumber, {}});
  footer.content.emplace_back(docx::testing::text(" of "));
  footer.content.emplace_back(model::Field{model::FieldKind::PartPageCount, {}});
  s.footer.paragraphs.push_back(footer);
  s.first_page_number = first_page;
  return s;
}

}  // namespace

TEST_CASE("a part's page count is a PAGEREF to a bookmark at the end of its last section") {
  model::Document doc;
  doc.sections.push_back(letter_section(2, std::nullopt));  // part 1: sections 1 and 2
  doc.sections.push_back(letter_section(1, std::nullopt));
  doc.sections.push_back(letter_section(1, 1));  // part 2: the carer's copy
  Written w = write(doc);
  CHECK_FALSE(w.diags.has_errors());
  CHECK(instructions(Part(w, "word/footer1.xml")) == " PAGE  PAGEREF _QPartEnd1 ");
  CHECK(instructions(Part(w, "word/footer2.xml")) == " PAGE  PAGEREF _QPartEnd1 ");
  CHECK(instructions(Part(w, "word/footer3.xml")) == " PAGE  PAGEREF _QPartEnd2 ");
  Part body(w, "word/document.xml");
  // each bookmark once, in the paragraph carrying its part's last section's properties
  auto ends = body.doc.select_nodes("//w:bookmarkStart[starts-with(@w:name, '_QPartEnd')]");
  REQUIRE(ends.size() == 2);
  auto sects = body.doc.select_nodes("//w:p[w:pPr/w:sectPr]");
  REQUIRE(sects.size() == 2);  // the last section's properties end the body
  CHECK(sects[1].node().select_node("w:bookmarkStart[@w:name='_QPartEnd1']"));
  const pugi::xml_node last = body.doc.select_node("//w:body/w:sectPr").node().previous_sibling();
  CHECK(last.select_node("w:bookmarkStart[@w:name='_QPartEnd2']"));
  // at the start of the document's last paragraph: LibreOffice loses one at the very end
  pugi::xml_node first = last.first_child();
  if (std::string_view(first.name()) == "w:pPr") first = first.next_sibling();
  CHECK(std::string_view(first.name()) == "w:bookmarkStart");
  CHECK(std::string_view(last.last_child().name()) == "w:r");
}

TEST_CASE("a part starting at another number than 1 subtracts the numbers before it") {
  model::Document doc;
  doc.sections.push_back(letter_section(2, 5));
  Written w = write(doc);
  CHECK(instructions(Part(w, "word/footer1.xml")) == " PAGE  =  PAGEREF _QPartEnd1  - 4 ");
}

TEST_CASE("no bookmark for parts whose page count nobody asks for") {
  model::Document doc;
  doc.sections.push_back(letter_section(1, std::nullopt));
  doc.sections[0].footer.paragraphs.clear();
  Written w = write(doc);
  Part body(w, "word/document.xml");
  CHECK_FALSE(body.doc.select_node("//w:bookmarkStart[starts-with(@w:name, '_QPartEnd')]"));
}
