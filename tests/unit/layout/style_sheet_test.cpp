// Layout reads the measures that decide how much fits on a page from the style sheet, the
// same facts the DOCX writer reads (table padding, list indents, notice padding).
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

// The x and y of the first glyph run whose text is `text` on the first page.
std::pair<float, float> where(const layout::LaidOutDocument& out, const std::string& text) {
  for (const auto& item : out.pages.at(0).items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (text_of(*g) == text) return {g->x, g->y};
  FAIL("no run " << text);
  return {0, 0};
}

model::Document sample() {
  model::List list;
  list.items.push_back({{para("Listed")}, {}});
  model::Table table;
  model::TableRow row;
  row.cells.push_back(cell("Celled"));
  table.rows.push_back(row);
  model::Paragraph notice;
  notice.role = model::ParaRole::Notice;
  notice.content.emplace_back(std::in_place_type<model::TextRun>, run("Noticed"));
  auto doc = document({{list}, {table}, {notice}, para("After")});
  doc.typography.body_size = 10;
  return doc;
}

}  // namespace

TEST_CASE("table padding, list indents and notice padding come from the style sheet") {
  const auto plain = lay_out(sample());
  auto changed_doc = sample();
  changed_doc.styles.lists.bullet_indent += 1;  // 10 pt more at a 10 pt body
  changed_doc.styles.table.padding_x += 5;
  changed_doc.styles.table.padding_y += 4;
  changed_doc.styles.table.space_after += 2;
  changed_doc.styles.notice_padding += 3;
  const auto changed = lay_out(changed_doc);
  CHECK(where(changed, "Listed").first - where(plain, "Listed").first == doctest::Approx(10));
  CHECK(where(changed, "Celled").first - where(plain, "Celled").first == doctest::Approx(5));
  // the cell's text moves down by the extra top padding
  const float dy = where(changed, "Celled").second - where(plain, "Celled").second;
  CHECK(dy == doctest::Approx(4));
  // the row's extra padding (8), the space after the table (2), the notice's padding (3 above)
  CHECK(where(changed, "Noticed").first - where(plain, "Noticed").first == doctest::Approx(3));
  CHECK(where(changed, "Noticed").second - where(plain, "Noticed").second == doctest::Approx(dy + 4 + 2 + 3));
  // and 3 below it
  CHECK(where(changed, "After").second - where(plain, "After").second == doctest::Approx(dy + 4 + 2 + 6));
}
