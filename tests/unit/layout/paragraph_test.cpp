// Paragraph layout: alignment by direction, justification, line heights by face,
// overflow rules, links, language spans and footnotes.
#include <doctest/doctest.h>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

constexpr float kLeft = 56.7f;
constexpr float kRight = 595.276f - 56.7f;

float right_edge(const layout::GlyphRun& g) {
  float w = 0;
  for (const auto& gl : g.glyphs) w += gl.x_advance;
  return g.x + w;
}

}  // namespace

TEST_CASE("a right-to-left paragraph is right-aligned: its lines end at the right margin") {
  auto doc = document({para("سوف نستمع إليك ونأخذ ما تقوله على محمل الجد، حتى عندما لا نستطيع أن نفعل ما تطلبه منا. "
                            "سنساعدك على البقاء على اتصال مع عائلتك وأصدقائك.")},
                      "ar", model::Direction::Rtl);
  auto out = lay_out(doc);
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 1);
  auto runs = runs_of(out, 0, ps[0]);
  REQUIRE(runs.size() >= 2);
  CHECK(lines_on(out, 0, ps[0]) == 2);
  for (const auto* g : runs) {
    CHECK(g->rtl);
    CHECK(right_edge(*g) == doctest::Approx(kRight).epsilon(0.001));
  }
  // the short last line starts well right of the left margin
  CHECK(runs.back()->x > kLeft + 100);
}

TEST_CASE("a left-to-right paragraph starts at the left margin; End and Center move it") {
  model::Paragraph end, centre;
  end.content.push_back(run("Signed"));
  end.align = model::Align::End;
  centre.content.push_back(run("Signed"));
  centre.align = model::Align::Center;
  auto out = lay_out(document({para("Signed"), {end}, {centre}}));
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 3);
  auto start = runs_of(out, 0, ps[0]).front();
  auto e = runs_of(out, 0, ps[1]).front();
  auto c = runs_of(out, 0, ps[2]).front();
  CHECK(start->x == doctest::Approx(kLeft));
  CHECK(right_edge(*e) == doctest::Approx(kRight).epsilon(0.001));
  CHECK((c->x + right_edge(*c)) / 2 == doctest::Approx((kLeft + kRight) / 2).epsilon(0.001));
}

TEST_CASE("justified lines fill the measure except the last one") {
  model::Paragraph p;
  p.content.push_back(run(words(60, "fairness")));
  p.align = model::Align::Justify;
  model::Document doc = document({{p}});
  doc.typography.hyphenate = false;
  auto out = lay_out(doc);
  auto runs = runs_of(out, 0, nodes_with(out, layout::Role::P)[0]);
  REQUIRE(runs.size() >= 3);
  for (size_t i = 0; i + 1 < runs.size(); ++i) CHECK(right_edge(*runs[i]) == doctest::Approx(kRight).epsilon(0.0005));
  CHECK(right_edge(*runs.back()) < kRight - 20);
}

TEST_CASE("Nastaliq lines are taller than Latin lines at the same size") {
  model::Paragraph ur, en, en2;
  ur.content.push_back(run("تمام انسان آزاد اور حقوق و عزت کے اعتبار سے برابر پیدا ہوئے ہیں۔"));
  ur.lang = "ur";
  en.content.push_back(run("All human beings are born free."));
  en2.content.push_back(run("All human beings are born free."));
  model::Document doc = document({{en}, {ur}, {en2}});
  doc.typography.paragraph_space = 0;
  auto out = lay_out(doc);
  auto ps = nodes_with(out, layout::Role::P);
  float y0 = runs_of(out, 0, ps[0]).front()->y;
  float y1 = runs_of(out, 0, ps[1]).front()->y;
  float y2 = runs_of(out, 0, ps[2]).front()->y;
  CHECK(runs_of(out, 0, ps[1]).front()->face->family == "Noto Nastaliq Urdu");
  CHECK(y2 - y1 > 0);
  CHECK((y2 - y0) > 2 * 14.85f + 5);  // the Urdu line adds more than a Latin line would
}

TEST_CASE("a word wider than the column is broken and stays inside the margins, with a warning") {
  std::string word;
  for (int i = 0; i < 6; ++i) word += "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
  model::Paragraph p;
  p.content.push_back(run(word));
  p.lang = "cy";
  Diagnostics diags;
  auto out = lay_out(document({{p}}), diags);
  auto runs = runs_of(out, 0, nodes_with(out, layout::Role::P)[0]);
  REQUIRE(runs.size() > 1);
  std::string all;
  for (const auto* g : runs) {
    CHECK(g->x >= kLeft - 0.01f);
    CHECK(right_edge(*g) <= kRight + 0.01f);
    all += text_of(*g);
  }
  CHECK(all == word);  // nothing lost
  CHECK(has_warning(diags, "layout.word-too-wide"));
}

TEST_CASE("the warning for a word wider than the line quotes it cut at a character, not inside one") {
  std::string word;  // Devanagari letters are three bytes each: 40 bytes would end inside one
  for (int i = 0; i < 300; ++i) word += "\u0915";
  model::Paragraph p;
  p.content.push_back(run(word));
  p.lang = "hi";
  Diagnostics diags;
  lay_out(document({{p}}), diags);
  bool found = false;
  for (const auto& d : diags.items()) {
    if (d.code != "layout.word-too-wide") continue;
    found = true;
    const auto quoted = d.message.substr(d.message.find('"') + 1);
    CHECK(quoted.find("...") == 39);  // 13 whole letters (39 bytes), then the ellipsis
  }
  CHECK(found);
}

TEST_CASE("a link becomes a LinkBox over its glyphs and a Link node") {
  model::Paragraph p;
  p.content.push_back(run("Read "));
  auto link = run("the leaflet");
  link.link = "https://example.org/leaflet";
  p.content.push_back(link);
  p.content.push_back(run(" today."));
  auto out = lay_out(document({{p}}));
  auto links = nodes_with(out, layout::Role::Link);
  REQUIRE(links.size() == 1);
  const layout::LinkBox* box = nullptr;
  for (const auto& item : out.pages[0].items)
    if (const auto* l = std::get_if<layout::LinkBox>(&item.value)) {
      box = l;
      CHECK(item.tag == links[0]);
    }
  REQUIRE(box);
  CHECK(box->target == "https://example.org/leaflet");
  auto runs = runs_of(out, 0, links[0]);
  REQUIRE(runs.size() == 1);
  CHECK(text_of(*runs[0]) == "the leaflet");
  CHECK(box->x == doctest::Approx(runs[0]->x));
  CHECK(box->width == doctest::Approx(right_edge(*runs[0]) - runs[0]->x));
  CHECK(out.structure[static_cast<size_t>(links[0])].parent == nodes_with(out, layout::Role::P)[0]);
}

TEST_CASE("a run in another language gets a Span with its language; paragraph languages propagate") {
  model::Paragraph p;
  p.content.push_back(run("اسم الطفل: "));
  p.content.push_back(run("Amira Jones", "en-GB"));
  model::Paragraph same;
  same.content.push_back(run("نص"));
  same.lang = "ar";
  model::Paragraph welsh;
  welsh.content.push_back(run("Croeso"));
  welsh.lang = "cy";
  auto out = lay_out(document({{p}, {same}, {welsh}}, "ar", model::Direction::Rtl));
  CHECK(out.structure[0].lang == "ar");
  auto spans = nodes_with(out, layout::Role::Span);
  REQUIRE(spans.size() == 1);
  CHECK(out.structure[static_cast<size_t>(spans[0])].lang == "en-GB");
  auto runs = runs_of(out, 0, spans[0]);
  REQUIRE(runs.size() == 1);
  CHECK(text_of(*runs[0]) == "Amira Jones");
  CHECK(runs[0]->lang == "en-GB");
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 3);
  CHECK(out.structure[static_cast<size_t>(ps[0])].lang.empty());  // the document's language
  CHECK(out.structure[static_cast<size_t>(ps[1])].lang.empty());  // same as the parent's
  CHECK(out.structure[static_cast<size_t>(ps[2])].lang == "cy");
}

TEST_CASE("a footnote has a raised marker in the text and its body at the foot of the page") {
  model::Paragraph p;
  p.content.push_back(run("Your social worker"));
  model::Footnote fn;
  fn.body.push_back(para("Currently Sam Patel, 01234 567890."));
  p.content.push_back(fn);
  p.content.push_back(run(" will visit."));
  auto out = lay_out(document({{p}, para("Another paragraph.")}));
  auto notes = nodes_with(out, layout::Role::Note);
  REQUIRE(notes.size() == 1);
  auto body = runs_of(out, 0, notes[0], true);
  REQUIRE(!body.empty());
  CHECK(text_of(*body[0]).rfind("1 Currently Sam Patel", 0) == 0);
  CHECK(body[0]->size == doctest::Approx(9));
  CHECK(body[0]->y > 841.89f - 56.7f - 30);  // at the foot of the text area
  // the marker: a smaller "1" raised above the baseline of its line
  auto text = runs_of(out, 0, nodes_with(out, layout::Role::P)[0]);
  const layout::GlyphRun* marker = nullptr;
  for (const auto* g : text)
    if (text_of(*g) == "1") marker = g;
  REQUIRE(marker);
  CHECK(marker->size < 8);
  CHECK(marker->y < text.front()->y - 2);
}

TEST_CASE("Notice paragraphs are boxed and quotes are indented") {
  auto out = lay_out(document(
      {para("Please read this.", model::ParaRole::Notice), para("I like my school.", model::ParaRole::Quote)}));
  auto ps = nodes_with(out, layout::Role::P);
  const layout::Rect* box = nullptr;
  for (const auto& item : out.pages[0].items)
    if (const auto* r = std::get_if<layout::Rect>(&item.value))
      if (r->fill && r->stroke) box = r;
  REQUIRE(box);
  auto notice = runs_of(out, 0, ps[0]).front();
  // The style sheet's Notice size, relative to the body size.
  CHECK(notice->size == doctest::Approx(11 * model::StyleSheet::defaults().paragraph("Notice").size));
  CHECK(notice->x > box->x);
  CHECK(notice->y > box->y);
  CHECK(notice->y < box->y + box->height);
  auto quote = runs_of(out, 0, ps[1]).front();
  CHECK(quote->x > kLeft + 10);
}

TEST_CASE("hyphenated line ends carry a soft hyphen as their text, for copy-paste") {
  model::Table t;  // a narrow cell forces hyphenation
  t.column_widths = {1, 5};
  t.rows.push_back({{cell("Internationalisation responsibilities"), cell("wide")}});
  auto doc = document({{t}});
  doc.typography.hyphenate = true;  // off unless a template asks
  auto out = lay_out(doc);
  auto td = nodes_with(out, layout::Role::TD)[0];
  auto runs = runs_of(out, 0, td, true);
  REQUIRE(runs.size() > 1);
  bool soft = false;
  std::string all;
  for (const auto* g : runs) {
    soft |= g->clusters.back().text == "\u00AD";
    all += text_of(*g);
    CHECK(right_edge(*g) <= 56.7f + (595.276f - 2 * 56.7f) / 6 + 0.01f);
  }
  CHECK(soft);
  std::string joined;
  for (size_t i = 0; i < all.size(); ++i)
    if (all.compare(i, 2, "\u00AD") == 0)
      ++i;
    else if (all[i] != ' ')
      joined += all[i];  // line-end spaces are not drawn
  CHECK(joined == "Internationalisationresponsibilities");
}

TEST_CASE("an Arabic paragraph that begins with a Latin name is still right to left") {
  // "{council} is your corporate parent" in Arabic: the first strong letter is Latin,
  // but the sentence is Arabic, so it starts at the right margin.
  auto doc = document({para("Northbridge City Council هو الوالد المؤسسي لك.")}, "ar", model::Direction::Rtl);
  auto out = lay_out(doc);
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 1);
  auto runs = runs_of(out, 0, ps[0]);
  REQUIRE_FALSE(runs.empty());
  float right = 0;
  for (const auto* g : runs) right = std::max(right, right_edge(*g));
  CHECK(right == doctest::Approx(kRight).epsilon(0.001));
  // and an English paragraph in the same document (its own lang) stays left to right
  model::Paragraph en;
  en.lang = "en-GB";
  en.content.push_back(run("Signed on behalf of the council"));
  auto mixed = lay_out(document({{en}}, "ar", model::Direction::Rtl));
  auto eps = nodes_with(mixed, layout::Role::P);
  REQUIRE(eps.size() == 1);
  CHECK(runs_of(mixed, 0, eps[0]).front()->x == doctest::Approx(kLeft));
}

TEST_CASE("a heading whose runs are all English is left to right in an Arabic document; a mixed one is not") {
  model::Heading en;
  en.level = 1;
  en.content.push_back(run("Our Pledge to you", "en-GB"));
  model::Paragraph mixed;  // an Arabic sentence with an English name in it stays Arabic
  mixed.content.push_back(run("اسم الطفل: "));
  mixed.content.push_back(run("Amira Jones", "en"));
  auto out = lay_out(document({{en}, {mixed}}, "ar", model::Direction::Rtl));
  auto hs = nodes_with(out, layout::Role::H1);
  REQUIRE(hs.size() == 1);
  auto heading_runs = runs_of(out, 0, hs[0], true);  // the English run sits in a Span
  REQUIRE_FALSE(heading_runs.empty());
  CHECK(heading_runs.front()->x == doctest::Approx(kLeft));
  auto ps = nodes_with(out, layout::Role::P);
  REQUIRE(ps.size() == 1);
  float right = 0;
  for (const auto* g : runs_of(out, 0, ps[0], true)) right = std::max(right, right_edge(*g));
  CHECK(right == doctest::Approx(kRight).epsilon(0.001));
}
