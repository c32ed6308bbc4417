// The engine's shared passes as the DOCX writer sees them: the numbering pass (heading and
// paragraph numbers as text, contents entries, references to list items), RAG words from
// the style sheet, and a box with an icon. The same documents are laid out for the PDF in
// tests/unit/layout/engine_numbering_test.cpp, with the same numbers and words.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "docx/docx_writer.hpp"
#include "docx_support.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

struct Written {
  std::string bytes;
  Unzipped zip;
  Diagnostics diags;
};

Written write(const model::Document& doc) {
  Written w;
  w.bytes = docx::write_docx(doc, {std::chrono::system_clock::from_time_t(1768471200)}, w.diags);
  w.zip = unzip(w.bytes);
  return w;
}

struct Part : Xml {
  Part(const Written& w, const std::string& name) {
    REQUIRE_MESSAGE(w.zip.has(name), name);
    parse(w.zip.parts.at(name), *this);
    REQUIRE_MESSAGE(ok, name << ": " << error);
  }
  pugi::xpath_node_set all(const char* xpath) const { return doc.select_nodes(xpath); }
  pugi::xml_node one(const char* xpath) const { return doc.select_node(xpath).node(); }
};

std::string text_of(pugi::xml_node n) {
  std::string text;
  for (pugi::xpath_node t : n.select_nodes(".//w:t")) text += t.node().text().get();
  return text;
}

// Texts of the paragraphs matching `xpath`, in document order.
std::vector<std::string> texts(const Part& part, const char* xpath) {
  std::vector<std::string> out;
  for (pugi::xpath_node x : part.all(xpath)) out.push_back(text_of(x.node()));
  return out;
}

model::Block numbered_para(std::string s) {
  model::Block b = para(std::move(s));
  std::get<model::Paragraph>(b.value).numbered = true;
  return b;
}

model::ListItem item(std::string s, std::string id) {
  model::Block b = para(std::move(s));
  std::get<model::Paragraph>(b.value).id = std::move(id);
  model::ListItem it;
  it.blocks.push_back(std::move(b));
  return it;
}

// The same document as the layout test's.
model::Document numbered_document() {
  model::Document d;
  d.meta.language = "en-GB";
  d.sections.emplace_back();
  auto& blocks = d.sections.back().blocks;
  model::Contents contents;
  contents.title = "Contents";
  contents.max_level = 2;
  blocks.push_back({contents});
  blocks.push_back(heading(1, "Introduction", "intro", true));
  blocks.push_back(numbered_para("Alpha point"));
  blocks.push_back(heading(2, "Detail", "detail", true));
  blocks.push_back(numbered_para("Beta point"));
  blocks.push_back(heading(1, "Next steps", "next", true));
  blocks.push_back(numbered_para("Gamma point"));
  model::List list;
  list.ordered = true;
  list.start = 3;
  list.items.push_back(item("Apples", "item-apples"));
  list.items.push_back(item("Bananas", "item-bananas"));
  blocks.push_back({list});
  blocks.push_back(para({docx::testing::text("See item "), model::CrossRef{"item-bananas", model::RefForm::Number, {}},
                         docx::testing::text(" today")}));
  return d;
}

}  // namespace

TEST_CASE("DOCX: heading and paragraph numbers and contents entries are the numbering pass's") {
  Written w = write(numbered_document());
  CHECK_FALSE(w.diags.has_errors());
  Part doc(w, "word/document.xml");
  CHECK(texts(doc, "//w:p[w:pPr/w:pStyle/@w:val='Heading1']") ==
        std::vector<std::string>{"1 Introduction", "2 Next steps"});
  CHECK(texts(doc, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']") == std::vector<std::string>{"1.1 Detail"});
  // continuous paragraph numbers across the headings, as text
  std::vector<std::string> numbered;
  for (const char* s : {"Alpha point", "Beta point", "Gamma point"})
    for (pugi::xpath_node x : doc.all("//w:body/w:p"))
      if (text_of(x.node()).find(s) != std::string::npos) numbered.push_back(text_of(x.node()));
  REQUIRE(numbered.size() == 3);
  CHECK(numbered[0].rfind("1.", 0) == 0);
  CHECK(numbered[1].rfind("2.", 0) == 0);
  CHECK(numbered[2].rfind("3.", 0) == 0);
  // cached contents entries carry the same numbers, before their page fields
  auto toc = texts(doc, "//w:p[starts-with(w:pPr/w:pStyle/@w:val,'TOC') and w:pPr/w:pStyle/@w:val!='TOCHeading']");
  REQUIRE(toc.size() == 3);
  CHECK(toc[0].rfind("1 Introduction", 0) == 0);
  CHECK(toc[1].rfind("1.1 Detail", 0) == 0);
  CHECK(toc[2].rfind("2 Next steps", 0) == 0);
  // the ordered list starts at 3 in Word's numbering
  Part numbering(w, "word/numbering.xml");
  CHECK(numbering.one("//w:num/w:lvlOverride[@w:ilvl='0']/w:startOverride[@w:val='3']"));
}

TEST_CASE("DOCX: a number reference to a list item is the item's number") {
  Written w = write(numbered_document());
  Part doc(w, "word/document.xml");
  bool found = false;
  for (pugi::xpath_node x : doc.all("//w:p")) found |= text_of(x.node()) == "See item 4 today";
  CHECK(found);
  for (pugi::xpath_node x : doc.all("//w:t")) CHECK(std::string(x.node().text().get()).find("??") == std::string::npos);

  auto later = numbered_document();
  for (auto& b : later.sections[0].blocks)
    if (auto* l = std::get_if<model::List>(&b.value)) l->start = 7;
  Written w7 = write(later);
  Part doc7(w7, "word/document.xml");
  found = false;
  for (pugi::xpath_node x : doc7.all("//w:p")) found |= text_of(x.node()) == "See item 8 today";
  CHECK(found);
}

TEST_CASE("DOCX: heading numbers in the document's digits") {
  auto d = numbered_document();
  d.meta.language = "ar";
  d.meta.direction = model::Direction::Rtl;
  d.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  Written w = write(d);
  Part doc(w, "word/document.xml");
  CHECK(texts(doc, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']") == std::vector<std::string>{"١.١ Detail"});
  auto toc = texts(doc, "//w:p[w:pPr/w:pStyle/@w:val='TOC1']");
  REQUIRE(toc.size() == 2);
  CHECK(toc[1].rfind("٢ Next steps", 0) == 0);
}

TEST_CASE("DOCX: an empty RAG cell has the style sheet's word, translated or not") {
  auto rag_doc = [] {
    model::Document d;
    d.meta.language = "en-GB";
    d.sections.emplace_back();
    model::Table t;
    model::TableRow row;
    row.cells.push_back(cell("Status"));
    model::TableCell rag;
    rag.rag = model::Rag::Red;
    row.cells.push_back(rag);
    t.rows.push_back(row);
    d.sections.back().blocks.push_back({t});
    return d;
  };
  SUBCASE("translated") {
    auto d = rag_doc();
    d.styles.rag[0].word = "أحمر";
    Written w = write(d);
    Part doc(w, "word/document.xml");
    auto body = text_of(doc.one("//w:body"));
    CHECK(body.find("أحمر") != std::string::npos);
    CHECK(body.find("Red") == std::string::npos);
    CHECK(text_of(doc.one("//w:tbl/w:tr/w:tc[2]")) == "أحمر");
  }
  SUBCASE("default") {
    Written w = write(rag_doc());
    Part doc(w, "word/document.xml");
    CHECK(text_of(doc.one("//w:tbl/w:tr/w:tc[2]")) == "Red");
  }
}

TEST_CASE("DOCX: a box with an icon is a one-row table, the icon's shape in the first cell") {
  model::Document d;
  d.meta.language = "en-GB";
  d.sections.emplace_back();
  model::Panel box;
  model::Icon icon;
  icon.name = "school";
  icon.alt = "Education";
  box.icon = icon;
  box.blocks.push_back(para("Every child in school"));
  d.sections.back().blocks.push_back({box});
  Written w = write(d);
  CHECK_FALSE(w.diags.has_errors());
  Part doc(w, "word/document.xml");
  REQUIRE(doc.all("//w:body/w:tbl").size() == 1);
  CHECK(doc.all("//w:body/w:tbl/w:tr").size() == 1);
  pugi::xml_node first = doc.one("//w:body/w:tbl/w:tr/w:tc[1]");
  REQUIRE(first);
  CHECK(first.select_node(".//wps:wsp/wps:spPr/a:custGeom"));
  CHECK(first.select_node(".//wp:docPr[@descr='Education']"));
  CHECK(text_of(first).empty());
  pugi::xml_node second = doc.one("//w:body/w:tbl/w:tr/w:tc[2]");
  REQUIRE(second);
  CHECK(text_of(second) == "Every child in school");
  CHECK_FALSE(second.select_node(".//a:custGeom"));

  // without an icon: one cell, no shape
  d.sections.back().blocks[0] = {model::Panel{{para("Plain box")}, "card", std::nullopt, std::nullopt, {}}};
  Written plain = write(d);
  Part doc2(plain, "word/document.xml");
  CHECK(doc2.all("//w:body/w:tbl/w:tr/w:tc").size() == 1);
  CHECK_FALSE(doc2.one("//a:custGeom"));
}
