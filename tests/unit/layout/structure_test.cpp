// The logical structure tree: lists, tables, reading order, every glyph run in a leaf.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

model::Block bullets(std::vector<std::string> items, bool ordered = false) {
  model::List l;
  l.ordered = ordered;
  for (auto& t : items) l.items.push_back({{para(std::move(t))}});
  return {l};
}

}  // namespace

TEST_CASE("lists are L > LI > Lbl + LBody with the marker hanging in the indent") {
  auto nested = bullets({"Outer one", "Outer two"});
  std::get<model::List>(nested.value).items[1].blocks.push_back(bullets({"Inner"}, true));
  auto out = lay_out(document({nested}));
  auto ls = nodes_with(out, layout::Role::L);
  REQUIRE(ls.size() == 2);
  const auto& outer = out.structure[static_cast<size_t>(ls[0])];
  REQUIRE(outer.children.size() == 2);
  const auto& li = out.structure[static_cast<size_t>(outer.children[0])];
  CHECK(li.role == layout::Role::LI);
  REQUIRE(li.children.size() == 2);
  CHECK(out.structure[static_cast<size_t>(li.children[0])].role == layout::Role::Lbl);
  CHECK(out.structure[static_cast<size_t>(li.children[1])].role == layout::Role::LBody);
  auto label = runs_of(out, 0, li.children[0]);
  auto body = runs_of(out, 0, li.children[1], true);
  REQUIRE(label.size() == 1);
  REQUIRE(body.size() == 1);
  CHECK(text_of(*label[0]) == "\u2022");
  CHECK(label[0]->x < body[0]->x);
  CHECK(label[0]->y == doctest::Approx(body[0]->y));
  // the nested, numbered list is indented further
  auto inner_li = out.structure[static_cast<size_t>(ls[1])].children[0];
  auto inner_label = runs_of(out, 0, out.structure[static_cast<size_t>(inner_li)].children[0]);
  auto inner_body = runs_of(out, 0, out.structure[static_cast<size_t>(inner_li)].children[1], true);
  CHECK(text_of(*inner_label[0]) == "1.");
  CHECK(inner_body[0]->x > body[0]->x);
}

TEST_CASE("in a right-to-left list the marker is on the right") {
  auto out = lay_out(document({bullets({"سنحافظ على سلامتك", "سنستمع إليك"}, true)}, "ar", model::Direction::Rtl));
  auto lbls = nodes_with(out, layout::Role::Lbl);
  auto bodies = nodes_with(out, layout::Role::LBody);
  REQUIRE(lbls.size() == 2);
  auto label = runs_of(out, 0, lbls[0]);
  auto body = runs_of(out, 0, bodies[0], true);
  REQUIRE(!label.empty());
  REQUIRE(!body.empty());
  CHECK(label.front()->x > body.front()->x);
  float body_right = body.front()->x;
  for (const auto& g : body.front()->glyphs) body_right += g.x_advance;
  CHECK(body_right < 595.276f - 56.7f - 10);  // the body leaves the indent free
}

TEST_CASE("tables are Table > THead/TBody > TR > TH/TD") {
  model::Table t;
  t.header_rows = 1;
  t.caption = "Who will help";
  t.rows.push_back({{cell("Name"), cell("Role")}});
  t.rows.push_back({{cell("Sam"), cell("Social worker")}});
  auto out = lay_out(document({{t}}));
  auto tables = nodes_with(out, layout::Role::Table);
  REQUIRE(tables.size() == 1);
  std::vector<layout::Role> kids;
  for (int c : out.structure[static_cast<size_t>(tables[0])].children)
    kids.push_back(out.structure[static_cast<size_t>(c)].role);
  CHECK(kids == std::vector<layout::Role>{layout::Role::Caption, layout::Role::THead, layout::Role::TBody});
  CHECK(nodes_with(out, layout::Role::TH).size() == 2);
  CHECK(nodes_with(out, layout::Role::TD).size() == 2);
  CHECK(nodes_with(out, layout::Role::TR).size() == 2);
  // header text is bold and its cells shaded light grey
  auto th = runs_of(out, 0, nodes_with(out, layout::Role::TH)[0], true);
  REQUIRE(th.size() == 1);
  CHECK(th[0]->face->bold);
  auto td = runs_of(out, 0, nodes_with(out, layout::Role::TD)[0], true);
  CHECK_FALSE(td[0]->face->bold);
}

TEST_CASE("every glyph run belongs to a leaf of the structure tree, in reading order") {
  model::Paragraph linked;
  linked.content.emplace_back(std::in_place_type<model::TextRun>, run("Call "));
  auto l = run("Childline");
  l.link = "tel:08001111";
  linked.content.emplace_back(std::in_place_type<model::TextRun>, l);
  model::Table t;
  t.rows.push_back({{cell("a"), cell("b")}});
  auto out = lay_out(document({heading(1, "Title"), para("Text."), {linked}, bullets({"One", "Two"}), {t}}));
  int previous = -1;
  for (const auto& item : out.pages[0].items) {
    if (!std::holds_alternative<layout::GlyphRun>(item.value)) continue;
    REQUIRE(item.tag >= 0);
    const auto& node = out.structure[static_cast<size_t>(item.tag)];
    bool leaf_like = node.children.empty() || node.role == layout::Role::P;
    CHECK(leaf_like);
    CHECK(node.role != layout::Role::Sect);
    CHECK(node.role != layout::Role::Document);
    CHECK(item.tag >= previous);  // node indices are handed out in reading order
    previous = item.tag;
  }
  // the structure is a tree rooted at Document with parents and children consistent
  CHECK(out.structure[0].role == layout::Role::Document);
  CHECK(out.structure[0].lang == "en-GB");
  for (size_t i = 1; i < out.structure.size(); ++i) {
    int parent = out.structure[i].parent;
    REQUIRE(parent >= 0);
    const auto& siblings = out.structure[static_cast<size_t>(parent)].children;
    CHECK(std::find(siblings.begin(), siblings.end(), static_cast<int>(i)) != siblings.end());
  }
}
