#include <doctest/doctest.h>

#include "model/document.hpp"

using namespace quire::model;

TEST_CASE("model dump shows every block kind with its attributes, one per line") {
  Document doc;
  doc.meta.title = "Our Pledge";
  doc.meta.language = "ar";
  doc.meta.direction = Direction::Rtl;
  Section s;
  Paragraph footer;
  footer.align = Align::Center;
  footer.content = {TextRun{"Page ", {}, {}, {}, {}}, Field{FieldKind::PageNumber, {}}};
  s.footer.paragraphs.push_back(footer);
  s.blocks.push_back({Heading{1, {TextRun{"Title \"quoted\"", {}, {}, {}, {}}}, "top", false, true}});
  List list;
  list.items.push_back({{Block{Paragraph{{TextRun{"one", RunStyle{true}, "en-GB", Direction::Ltr, {}}}}}}});
  s.blocks.push_back({list});
  Table t;
  t.header_rows = 1;
  TableCell cell;
  cell.rag = Rag::Amber;
  t.rows.push_back({{cell}});
  s.blocks.push_back({t});
  doc.sections.push_back(s);

  std::string text = dump(doc);
  CHECK(text ==
        "document lang=ar dir=rtl\n"
        "  title \"Our Pledge\"\n"
        "  section page=595.276x841.89 margins=56.7,56.7,56.7,56.7\n"
        "    footer role=body align=center\n"
        "      text \"Page \"\n"
        "      field page\n"
        "    heading level=1 id=\"top\"\n"
        "      text \"Title \\\"quoted\\\"\"\n"
        "    list unordered\n"
        "      item\n"
        "        paragraph role=body align=start\n"
        "          text strong lang=en-GB dir=ltr \"one\"\n"
        "    table header-rows=1\n"
        "      row\n"
        "        cell rag=amber\n");
}

TEST_CASE("plain text replaces fields and references with placeholders") {
  std::vector<Inline> content{TextRun{"Page ", {}, {}, {}, {}}, Field{FieldKind::PageNumber, {}}, LineBreak{},
                              CrossRef{"annex", RefForm::Page, {}}};
  CHECK(plain_text(content) == "Page {page} {ref:annex}");
}
