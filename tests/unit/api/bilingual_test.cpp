// The bilingual edition pairs two renderings of one template block by block.
#include "api/bilingual.hpp"

#include <doctest/doctest.h>

using namespace quire;

namespace {

model::Block para(std::string text) {
  model::Paragraph p;
  p.content.push_back(model::TextRun{std::move(text), {}, {}, {}, {}});
  return {p};
}

model::Block list(std::vector<std::string> items) {
  model::List l;
  for (auto& text : items) l.items.push_back({{para(std::move(text))}});
  return {l};
}

model::Document doc(std::string lang, model::Direction dir, std::vector<model::Block> blocks) {
  model::Document d;
  d.meta.language = std::move(lang);
  d.meta.direction = dir;
  d.meta.title = d.meta.language == "ar" ? "وعدنا لك" : "Our Pledge to you";
  d.sections.emplace_back();
  d.sections.back().blocks = std::move(blocks);
  return d;
}

const model::Paragraph& para_in(const model::Block& b) {
  return std::get<model::Paragraph>(b.value);
}

}  // namespace

TEST_CASE("each block becomes a row of two columns, the child's language first, each stamped with its language") {
  auto ar = doc("ar", model::Direction::Rtl, {para("مرحبًا"), list({"بيت آمن", "التعليم"})});
  auto en = doc("en-GB", model::Direction::Ltr, {para("Dear Amani,"), list({"A safe home", "Education"})});
  auto out = pair_bilingual(std::move(ar), std::move(en));
  CHECK(out.meta.language == "ar");
  CHECK(out.meta.direction == model::Direction::Rtl);
  CHECK(out.meta.title == "وعدنا لك / Our Pledge to you");
  auto& blocks = out.sections.at(0).blocks;
  REQUIRE(blocks.size() == 3);  // the greeting, then one row per list item
  for (const auto& b : blocks) REQUIRE(std::holds_alternative<model::Columns>(b.value));
  const auto& first = std::get<model::Columns>(blocks[0].value);
  REQUIRE(first.columns.size() == 2);
  CHECK(para_in(first.columns[0][0]).lang == "ar");
  CHECK(para_in(first.columns[0][0]).dir == model::Direction::Rtl);
  CHECK(para_in(first.columns[1][0]).lang == "en-GB");
  CHECK(para_in(first.columns[1][0]).dir == model::Direction::Ltr);
  const auto& second_item = std::get<model::Columns>(blocks[2].value);
  const auto& ar_list = std::get<model::List>(second_item.columns[0][0].value);
  CHECK(ar_list.start == 2);  // numbered as in the original
  CHECK(model::plain_text(para_in(ar_list.items.at(0).blocks.at(0)).content) == "التعليم");
  const auto& en_list = std::get<model::List>(second_item.columns[1][0].value);
  CHECK(model::plain_text(para_in(en_list.items.at(0).blocks.at(0)).content) == "Education");
}

TEST_CASE("a block only one side has (the fallback notice) keeps a row of its own; nothing is dropped") {
  auto ar = doc("ar", model::Direction::Rtl, {para("notice"), para("مرحبًا")});
  std::get<model::Paragraph>(ar.sections[0].blocks[0].value).role = model::ParaRole::Notice;
  auto en = doc("en-GB", model::Direction::Ltr, {para("Dear Amani,")});
  // The notice is a Paragraph like the greeting, so pairing is by position: the notice pairs
  // with the greeting, and the Arabic greeting gets its own row. Nothing is lost either way.
  auto out = pair_bilingual(std::move(ar), std::move(en));
  std::string all = model::dump(out);
  CHECK(all.find("notice") != std::string::npos);
  CHECK(all.find("مرحبًا") != std::string::npos);
  CHECK(all.find("Dear Amani,") != std::string::npos);
}

namespace {

model::Block table(int columns, std::string text) {
  model::Table t;
  t.column_widths.assign(static_cast<std::size_t>(columns), 1.0);
  model::TableRow r;
  for (int c = 0; c < columns; ++c) r.cells.push_back({{para(text)}});
  t.rows.push_back(std::move(r));
  return {t};
}

}  // namespace

TEST_CASE("a table of three columns or more (or a box holding one) is not halved: the two languages stack") {
  model::Panel box_ar, box_en;
  box_ar.blocks.push_back(table(4, "مخطط له"));
  box_en.blocks.push_back(table(4, "Planned"));
  auto ar = doc("ar", model::Direction::Rtl, {table(4, "مخطط له"), table(2, "الاسم"), model::Block{box_ar}});
  auto en = doc("en-GB", model::Direction::Ltr, {table(4, "Planned"), table(2, "Name"), model::Block{box_en}});
  auto out = pair_bilingual(std::move(ar), std::move(en));
  const auto& blocks = out.sections.at(0).blocks;
  REQUIRE(blocks.size() == 5);
  // The action table: Arabic at full width, then English; the stamp still applies.
  const auto& first = std::get<model::Table>(blocks[0].value);
  CHECK(first.dir == model::Direction::Rtl);
  CHECK(para_in(first.rows[0].cells[0].blocks[0]).lang == "ar");
  const auto& second = std::get<model::Table>(blocks[1].value);
  CHECK(para_in(second.rows[0].cells[0].blocks[0]).lang == "en-GB");
  // A two-column table still fits side by side.
  CHECK(std::holds_alternative<model::Columns>(blocks[2].value));
  CHECK(std::holds_alternative<model::Panel>(blocks[3].value));
  CHECK(std::holds_alternative<model::Panel>(blocks[4].value));
}

TEST_CASE("the footer: each English line after its own language's, a line both say alike once and last") {
  auto footer = [](std::vector<std::string> lines) {
    model::HeaderFooter f;
    for (auto& l : lines) f.paragraphs.push_back(std::get<model::Paragraph>(para(std::move(l)).value));
    return f;
  };
  auto ar = doc("ar", model::Direction::Rtl, {para("مرحبًا")});
  ar.sections[0].footer = footer({"خطة الرعاية", "OFFICIAL-SENSITIVE"});
  auto en = doc("en-GB", model::Direction::Ltr, {para("Hello")});
  en.sections[0].footer = footer({"Care plan", "OFFICIAL-SENSITIVE"});
  auto out = pair_bilingual(std::move(ar), std::move(en));
  const auto& lines = out.sections.at(0).footer.paragraphs;
  REQUIRE(lines.size() == 3);
  CHECK(model::plain_text(lines[0].content) == "خطة الرعاية");
  CHECK(model::plain_text(lines[1].content) == "Care plan");
  CHECK(lines[1].lang == "en-GB");
  CHECK(model::plain_text(lines[2].content) == "OFFICIAL-SENSITIVE");
}
