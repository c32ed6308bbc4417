// The engine's shared passes as layout sees them: the numbering pass (headings, continuous
// paragraph numbers, ordered lists, references to list items, contents in the document's
// digits), RAG words from the style sheet, and boxes kept whole or split across pages.
// The DOCX side of the same documents is in tests/unit/docx/engine_numbering_test.cpp.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

model::Block numbered_para(std::string text) {
  model::Block b = para(std::move(text));
  std::get<model::Paragraph>(b.value).numbered = true;
  return b;
}

model::ListItem item(std::string text, std::string id) {
  model::ListItem it;
  it.blocks.push_back(para(std::move(text), model::ParaRole::Body, std::move(id)));
  return it;
}

// Contents, numbered headings (levels 1-2), continuous paragraph numbers across the
// headings, an ordered list starting at 3, and a reference to the list's second item.
model::Document numbered_document() {
  std::vector<model::Block> blocks;
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
  model::Paragraph ref;
  ref.content.emplace_back(std::in_place_type<model::TextRun>, run("See item "));
  ref.content.emplace_back(std::in_place_type<model::CrossRef>,
                           model::CrossRef{"item-bananas", model::RefForm::Number, {}});
  ref.content.emplace_back(std::in_place_type<model::TextRun>, run(" today"));
  blocks.push_back({ref});
  return document(std::move(blocks));
}

// A page's text with the run separators taken out.
std::string flat(const layout::Page& page) {
  std::string text;
  for (char c : page_text(page))
    if (c != '|') text += c;
  return text;
}

// Every glyph run's text, in page and item order.
std::vector<std::string> all_runs(const layout::LaidOutDocument& out) {
  std::vector<std::string> texts;
  for (const auto& page : out.pages)
    for (const auto& item : page.items)
      if (const auto* g = std::get_if<layout::GlyphRun>(&item.value)) texts.push_back(text_of(*g));
  return texts;
}

std::string all_text(const layout::LaidOutDocument& out) {
  std::string text;
  for (const auto& page : out.pages) text += flat(page) + "\n";
  return text;
}

// Texts of the runs tagged with a Lbl structure node (list labels, paragraph numbers).
std::vector<std::string> labels(const layout::LaidOutDocument& out) {
  std::vector<std::string> texts;
  for (int lbl : nodes_with(out, layout::Role::Lbl))
    for (size_t p = 0; p < out.pages.size(); ++p)
      for (const auto* g : runs_of(out, p, lbl, true)) texts.push_back(text_of(*g));
  return texts;
}

// For each contents entry (TOCI), its runs joined with '|'.
std::vector<std::string> contents_entries(const layout::LaidOutDocument& out) {
  std::vector<std::string> entries;
  for (int toci : nodes_with(out, layout::Role::TOCI)) {
    std::string text;
    for (size_t p = 0; p < out.pages.size(); ++p)
      for (const auto* g : runs_of(out, p, toci, true)) text += (text.empty() ? "" : "|") + text_of(*g);
    entries.push_back(text);
  }
  return entries;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

size_t pages_with_text(const layout::LaidOutDocument& out, const std::string& needle) {
  size_t n = 0;
  for (const auto& page : out.pages) n += flat(page).find(needle) != std::string::npos;
  return n;
}

size_t filled_rects(const layout::Page& page) {
  size_t n = 0;
  for (const auto& item : page.items)
    if (const auto* r = std::get_if<layout::Rect>(&item.value)) n += r->fill.has_value();
  return n;
}

// Filled shapes of a box's frame: square Rects (a split box) or rounded paths (a whole one).
size_t filled_frames(const layout::Page& page) {
  size_t n = filled_rects(page);
  for (const auto& item : page.items)
    if (const auto* p = std::get_if<layout::PathItem>(&item.value)) n += p->path.fill.has_value();
  return n;
}

}  // namespace

TEST_CASE("the numbering pass numbers headings, paragraphs and list items as layout prints them") {
  Diagnostics diags;
  auto out = lay_out(numbered_document(), diags);
  const auto text = all_text(out);
  INFO(text);
  CHECK(text.find("1 Introduction") != std::string::npos);
  CHECK(text.find("1.1 Detail") != std::string::npos);
  CHECK(text.find("2 Next steps") != std::string::npos);
  // paragraph numbers run on across the headings; the list starts at 3. A label is the
  // run just before its paragraph's first run (it comes first in reading order).
  auto runs = all_runs(out);
  auto label_of = [&](const std::string& first_word) -> std::string {
    for (size_t i = 1; i < runs.size(); ++i)
      if (runs[i].rfind(first_word, 0) == 0) return runs[i - 1];
    return "(not found)";
  };
  CHECK(label_of("Alpha") == "1.");
  CHECK(label_of("Beta") == "2.");
  CHECK(label_of("Gamma") == "3.");
  CHECK(label_of("Apples") == "3.");
  CHECK(label_of("Bananas") == "4.");
  // list labels are Lbl elements of the structure tree
  CHECK(labels(out) == std::vector<std::string>{"3.", "4."});
  // contents entries: the headings' numbers and titles, then their page
  auto entries = contents_entries(out);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].rfind("1 Introduction|", 0) == 0);
  CHECK(entries[1].rfind("1.1 Detail|", 0) == 0);
  CHECK(entries[2].rfind("2 Next steps|", 0) == 0);
  // the reference to the second list item is its number
  CHECK(text.find("See item 4 today") != std::string::npos);
  CHECK(text.find("??") == std::string::npos);
  CHECK_FALSE(has_warning(diags, "layout.unresolved-ref"));
}

TEST_CASE("a number reference to a list item follows the list's start") {
  auto doc = numbered_document();
  for (auto& b : doc.sections[0].blocks)
    if (auto* l = std::get_if<model::List>(&b.value)) l->start = 7;
  auto out = lay_out(doc);
  const auto text = all_text(out);
  INFO(text);
  CHECK(text.find("See item 8 today") != std::string::npos);
  CHECK(contains(labels(out), "7."));
}

TEST_CASE("contents page numbers and heading numbers use the document's digits") {
  std::vector<model::Block> blocks;
  model::Contents contents;
  contents.title = "المحتويات";
  blocks.push_back({contents});
  for (int i = 0; i < 3; ++i) {
    blocks.push_back(heading(1, "فصل", "ch" + std::to_string(i), true));
    for (int j = 0; j < 6; ++j) blocks.push_back(para(words(80, "سجل")));
  }
  auto doc = document(std::move(blocks), "ar", model::Direction::Rtl);
  doc.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() >= 3);
  auto entries = contents_entries(out);
  REQUIRE(entries.size() == 3);
  const std::string arabic[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  for (size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i]);
    // heading number in Arabic-Indic digits, then the page number in Arabic-Indic digits
    CHECK(entries[i].find(arabic[i + 1]) != std::string::npos);
    const auto& placement = *std::find_if(out.placements.begin(), out.placements.end(),
                                          [&](const auto& p) { return p.id == "ch" + std::to_string(i); });
    auto page = model::format_number(placement.first_page + 1, doc.meta.digits);
    auto last = entries[i].substr(entries[i].rfind('|') + 1);
    CHECK(last == page);
    for (char c = '0'; c <= '9'; ++c) CHECK(entries[i].find(c) == std::string::npos);
  }
  // the chapters are on different pages, so the page numbers were not all the same
  CHECK(entries[0].substr(entries[0].rfind('|')) != entries[2].substr(entries[2].rfind('|')));
}

TEST_CASE("an empty RAG cell prints the style sheet's word, translated or not") {
  auto rag_table = [] {
    model::Table t;
    model::TableRow row;
    row.cells.push_back(cell("Status"));
    model::TableCell rag;
    rag.rag = model::Rag::Red;
    row.cells.push_back(rag);
    t.rows.push_back(row);
    return document({{t}});
  };
  SUBCASE("translated") {
    auto doc = rag_table();
    doc.styles.rag[0].word = "أحمر";
    auto text = all_text(lay_out(doc));
    INFO(text);
    CHECK(text.find("أحمر") != std::string::npos);
    CHECK(text.find("Red") == std::string::npos);
  }
  SUBCASE("default") {
    auto text = all_text(lay_out(rag_table()));
    INFO(text);
    CHECK(text.find("Red") != std::string::npos);
  }
}

TEST_CASE("a box taller than a page is split, its frame drawn on both pages") {
  model::Panel box;
  for (int i = 0; i < 12; ++i) box.blocks.push_back(para("Boxed" + std::to_string(i) + " " + words(60, "care")));
  auto out = lay_out(document({{box}}));
  REQUIRE(out.pages.size() == 2);
  CHECK(flat(out.pages[0]).find("Boxed0") != std::string::npos);
  CHECK(flat(out.pages[1]).find("Boxed11") != std::string::npos);
  CHECK(filled_rects(out.pages[0]) >= 1);
  CHECK(filled_rects(out.pages[1]) >= 1);
}

TEST_CASE("a short box stays whole: on the first page, or moved to the next when it does not fit") {
  model::Panel box;
  box.blocks.push_back(para("Boxed first " + words(30, "care")));
  box.blocks.push_back(para("Boxed last " + words(30, "care")));
  SUBCASE("fits") {
    auto out = lay_out(document({para(words(40)), {box}}));
    REQUIRE(out.pages.size() == 1);
    CHECK(pages_with_text(out, "Boxed") == 1);
    CHECK(filled_frames(out.pages[0]) >= 1);
  }
  SUBCASE("moved whole") {
    // fill most of the first page so the box's two paragraphs cannot both fit there
    std::vector<model::Block> blocks;
    for (int i = 0; i < 6; ++i) blocks.push_back(para(words(80, "record")));
    blocks.push_back({box});
    auto out = lay_out(document(std::move(blocks)));
    REQUIRE(out.pages.size() == 2);
    INFO(page_text(out.pages[0]));
    CHECK(flat(out.pages[0]).find("Boxed") == std::string::npos);
    CHECK(flat(out.pages[1]).find("Boxed first") != std::string::npos);
    CHECK(flat(out.pages[1]).find("Boxed last") != std::string::npos);
    CHECK(filled_frames(out.pages[0]) == 0);
    // there was room for a few of its lines at the foot of page 1: it was moved, not pushed
    float bottom = 0;
    for (const auto& item : out.pages[0].items)
      if (const auto* g = std::get_if<layout::GlyphRun>(&item.value)) bottom = std::max(bottom, g->y);
    CHECK(bottom < 841.89f - 56.7f - 40);
    CHECK(filled_frames(out.pages[1]) >= 1);
  }
}

TEST_CASE("icon-placement title: the icon is beside the first block only; the text after it has the box's width") {
  auto run_x = [](const layout::LaidOutDocument& out, const std::string& word) {
    for (const auto& item : out.pages[0].items)
      if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
        if (text_of(*g).find(word) != std::string::npos) return g->x;
    return -1.f;
  };
  model::Panel box;
  box.icon = model::Icon{};
  box.icon->name = "home";
  box.icon->alt = "Home";
  box.blocks.push_back(para("Heading"));
  box.blocks.push_back(para("Bodytext " + words(20, "care")));
  auto doc = document({{box}});
  SUBCASE("column (the default): both start after the icon") {
    auto out = lay_out(doc);
    CHECK(run_x(out, "Heading") == doctest::Approx(run_x(out, "Bodytext")));
  }
  SUBCASE("title: the body starts where the icon starts, before the title") {
    doc.styles.boxes["card"].icon_placement = model::IconPlacement::Title;
    auto out = lay_out(doc);
    const float title = run_x(out, "Heading"), body = run_x(out, "Bodytext");
    REQUIRE(body >= 0);
    const double body_size = doc.typography.body_size > 0 ? doc.typography.body_size : 11;
    const auto& bs = doc.styles.box("card");
    CHECK(title - body == doctest::Approx((bs.icon_size + bs.icon_gap) * body_size).epsilon(0.01));
  }
}
