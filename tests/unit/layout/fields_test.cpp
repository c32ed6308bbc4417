// Values known only after pagination: page fields in footers, the contents, cross-references,
// the outline and placements.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

model::Paragraph page_n_of_m() {
  model::Paragraph f;
  f.content.emplace_back(std::in_place_type<model::TextRun>, run("Page "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageNumber, {}});
  f.content.emplace_back(std::in_place_type<model::TextRun>, run(" of "));
  f.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageCount, {}});
  return f;
}

// A chapter: a heading and enough text to fill most of a page.
void chapter(std::vector<model::Block>& blocks, int n, int level = 1) {
  blocks.push_back(heading(level, "Chapter " + std::to_string(n), "ch" + std::to_string(n), true));
  for (int i = 0; i < 6; ++i) blocks.push_back(para(words(80, "record")));
}

// Texts of the contents entries: for each TOCI, its runs joined with '|'.
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

}  // namespace

TEST_CASE("footers show page N of M on every page, as artifacts in the bottom margin") {
  std::vector<model::Block> blocks;
  for (int i = 0; i < 3; ++i) chapter(blocks, i + 1);
  auto doc = document(std::move(blocks));
  doc.sections[0].footer.paragraphs.push_back(page_n_of_m());
  model::Paragraph title;
  title.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::SectionTitle, {}});
  doc.sections[0].header.paragraphs.push_back(title);
  doc.sections[0].title = "My plan";
  auto out = lay_out(doc);
  const auto total = out.pages.size();
  REQUIRE(total >= 3);
  for (size_t p = 0; p < total; ++p) {
    auto expected = "Page " + std::to_string(p + 1) + " of " + std::to_string(total);
    bool footer = false, header = false;
    for (const auto& item : out.pages[p].items)
      if (const auto* g = std::get_if<layout::GlyphRun>(&item.value)) {
        if (text_of(*g) == expected) {
          footer = true;
          CHECK(item.tag == -1);
          CHECK(g->y > 841.89f - 56.7f);
        }
        if (text_of(*g) == "My plan") {
          header = true;
          CHECK(item.tag == -1);
          CHECK(g->y < 56.7f);
        }
      }
    CHECK_MESSAGE(footer, expected);
    CHECK(header);
  }
}

TEST_CASE("the contents lists headings with the pages they landed on") {
  std::vector<model::Block> blocks;
  model::Contents contents;
  contents.title = "Contents";
  contents.max_level = 2;
  blocks.push_back({contents});
  for (int i = 0; i < 5; ++i) chapter(blocks, i + 1);
  blocks.push_back(heading(2, "A section", "sec", true));
  blocks.push_back(heading(3, "Too deep for the contents", "deep"));
  auto hidden = heading(1, "Not listed", "hidden");
  std::get<model::Heading>(hidden.value).in_contents = false;
  blocks.push_back(hidden);
  auto out = lay_out(document(std::move(blocks)));
  auto entries = contents_entries(out);
  REQUIRE(entries.size() == 6);
  for (int i = 0; i < 5; ++i) {
    const auto& placement = *std::find_if(out.placements.begin(), out.placements.end(),
                                          [&](const auto& p) { return p.id == "ch" + std::to_string(i + 1); });
    auto expected =
        std::to_string(i + 1) + " Chapter " + std::to_string(i + 1) + "|" + std::to_string(placement.first_page + 1);
    CHECK(entries[static_cast<size_t>(i)] == expected);
  }
  CHECK(entries[5].rfind("5.1 A section|", 0) == 0);
  // the chapters really are on different pages, so the numbers were not guessed
  CHECK(out.placements.back().first_page > 2);
  // outline: every heading in the contents, with its page
  REQUIRE(out.outline.size() == 7);  // five chapters, the section and the level-3 heading
  CHECK(out.outline[0].title == "1 Chapter 1");
  CHECK(out.outline[5].level == 2);
  for (const auto& o : out.outline) CHECK(o.title != "Not listed");
  // entries link to their headings
  bool linked = false;
  for (const auto& item : out.pages[0].items)
    if (const auto* l = std::get_if<layout::LinkBox>(&item.value)) linked |= l->target == "#ch3";
  CHECK(linked);
}

TEST_CASE("cross-references give the target's page, title or number") {
  std::vector<model::Block> blocks;
  model::Paragraph refs;
  refs.content.emplace_back(std::in_place_type<model::TextRun>, run("See page "));
  refs.content.emplace_back(std::in_place_type<model::CrossRef>, model::CrossRef{"ch3", model::RefForm::Page, {}});
  refs.content.emplace_back(std::in_place_type<model::TextRun>, run(", section "));
  refs.content.emplace_back(std::in_place_type<model::CrossRef>, model::CrossRef{"ch3", model::RefForm::Number, {}});
  refs.content.emplace_back(std::in_place_type<model::TextRun>, run(" ("));
  refs.content.emplace_back(std::in_place_type<model::CrossRef>, model::CrossRef{"ch3", model::RefForm::Title, {}});
  refs.content.emplace_back(std::in_place_type<model::TextRun>, run(")."));
  blocks.push_back({refs});
  for (int i = 0; i < 3; ++i) chapter(blocks, i + 1);
  Diagnostics diags;
  auto out = lay_out(document(std::move(blocks)), diags);
  const auto& target =
      *std::find_if(out.placements.begin(), out.placements.end(), [](const auto& p) { return p.id == "ch3"; });
  REQUIRE(target.first_page >= 1);
  auto text = page_text(out.pages[0]);
  auto first = text.substr(0, text.find("record"));
  std::string joined;
  for (char c : first)
    if (c != '|') joined += c;
  CHECK(joined.rfind("See page " + std::to_string(target.first_page + 1) + ", section 3 (Chapter 3).", 0) == 0);
  CHECK_FALSE(has_warning(diags, "layout.unresolved-ref"));
  // the page reference is a link to its target
  bool linked = false;
  for (const auto& item : out.pages[0].items)
    if (const auto* l = std::get_if<layout::LinkBox>(&item.value)) linked |= l->target == "#ch3";
  CHECK(linked);
}

TEST_CASE("an unresolved cross-reference prints ?? and warns layout.unresolved-ref") {
  model::Paragraph p;
  p.content.emplace_back(std::in_place_type<model::TextRun>, run("See page "));
  p.content.emplace_back(std::in_place_type<model::CrossRef>, model::CrossRef{"missing", model::RefForm::Page, {}});
  Diagnostics diags;
  auto out = lay_out(document({{p}}), diags);
  CHECK(page_text(out.pages[0]) == "See page ??");
  CHECK(has_warning(diags, "layout.unresolved-ref"));
  size_t count = 0;
  for (const auto& d : diags.items()) count += d.code == "layout.unresolved-ref";
  CHECK(count == 1);  // once, not once per layout pass
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("placements record the page range and top of every identified block") {
  model::Table t;
  t.id = "long-table";
  t.header_rows = 1;
  t.rows.push_back({{cell("Head")}});
  for (int i = 0; i < 50; ++i) t.rows.push_back({{cell("Row " + std::to_string(i))}});
  auto out = lay_out(
      document({para("Intro", model::ParaRole::Body, "intro"), {t}, para("After", model::ParaRole::Body, "after")}));
  REQUIRE(out.placements.size() == 3);
  CHECK(out.placements[0].id == "intro");
  CHECK(out.placements[0].first_page == 0);
  CHECK(out.placements[0].y == doctest::Approx(56.7).epsilon(0.01));
  CHECK(out.placements[1].id == "long-table");
  CHECK(out.placements[1].first_page == 0);
  CHECK(out.placements[1].last_page == 1);
  CHECK(out.placements[2].first_page == 1);
}

TEST_CASE("a page-number field in body text shows the page its line landed on") {
  std::vector<model::Block> blocks;
  chapter(blocks, 1);
  chapter(blocks, 2);
  model::Paragraph p;
  p.content.emplace_back(std::in_place_type<model::TextRun>, run("You are reading page "));
  p.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageNumber, {}});
  p.content.emplace_back(std::in_place_type<model::TextRun>, run("."));
  blocks.push_back({p});
  auto out = lay_out(document(std::move(blocks)));
  REQUIRE(out.pages.size() >= 2);
  auto last = out.pages.size();
  auto text = page_text(out.pages[last - 1]);
  CHECK(text.find("You are reading page " + std::to_string(last) + ".") != std::string::npos);
  for (const auto& pl : out.placements) CHECK(pl.id.front() != '\x01');  // internal marks are not placements
}

TEST_CASE("page numbers use the document's digits, like the dates around them") {
  std::vector<model::Block> blocks;
  for (int i = 0; i < 3; ++i) chapter(blocks, i + 1);
  auto doc = document(std::move(blocks));
  doc.meta.digits = "٠١٢٣٤٥٦٧٨٩";
  doc.sections[0].footer.paragraphs.push_back(page_n_of_m());
  auto out = lay_out(doc);
  REQUIRE(out.pages.size() >= 3);
  std::string footer;
  for (const auto& item : out.pages[1].items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (item.tag == -1) footer += text_of(*g);
  CHECK(footer.find("٢") != std::string::npos);  // page 2
  CHECK(footer.find('2') == std::string::npos);
}
