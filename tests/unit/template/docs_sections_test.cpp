// The examples of docs/TEMPLATES.md are template fixtures (tests/unit/template/fixtures/),
// and the guide's text of each is compared with its fixture here, so the two cannot
// drift apart: in the guide, a line `<!-- fixture: PATH -->` names the file the next
// fenced code block must equal (whole-line XML comments of the file aside). Each example
// is then rendered and checked for the facts its section states.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "data/json.hpp"
#include "fixture.hpp"
#include "model/document.hpp"

using namespace quire;

namespace {

const std::string kFixtures = "tests/unit/template/fixtures/";

// A file's text without its whole-line XML comments (notes for the tests' readers).
std::string without_comment_lines(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(at, end - at);
    const size_t first = line.find_first_not_of(" \t");
    const bool comment = first != std::string::npos && line.compare(first, 4, "<!--") == 0 &&
                         line.find("-->") != std::string::npos &&
                         line.find_last_not_of(" \t\r\n") == line.find("-->") + 2;
    if (!comment) out += line;
    at = end;
  }
  return out;
}

struct Marked {
  std::string path;   // relative to the source folder
  std::string block;  // the fenced block's text, without the fences
};

// Every `<!-- fixture: PATH -->` of the guide with the fenced block after it.
std::vector<Marked> marked_blocks(const std::string& md) {
  std::vector<Marked> out;
  const std::string marker = "<!-- fixture: ";
  for (size_t at = md.find(marker); at != std::string::npos; at = md.find(marker, at + 1)) {
    if (at > 0 && md[at - 1] != '\n') continue;  // a marker is a line of its own
    const size_t name_end = md.find(" -->", at);
    REQUIRE(name_end != std::string::npos);
    Marked m;
    m.path = md.substr(at + marker.size(), name_end - at - marker.size());
    const size_t fence = md.find("```", name_end);
    REQUIRE_MESSAGE(fence != std::string::npos, "no code block after the marker of " << m.path);
    const size_t body = md.find('\n', fence) + 1;
    const size_t close = md.find("\n```", body - 1);
    REQUIRE_MESSAGE(close != std::string::npos, "unclosed code block after the marker of " << m.path);
    m.block = md.substr(body, close + 1 - body);
    out.push_back(std::move(m));
  }
  return out;
}

struct Example {
  testing::TestWorld world;
  Diagnostics diags;
  model::Document doc;
};

// Loads fixture `name`, renders it with `data` (JSON text) and completes the model as the
// api does before any writer (numbers, targets, RAG words).
void render_fixture(Example& ex, const std::string& name, const std::string& data, i18n::Localiser& loc,
                    const model::Theme* theme = nullptr) {
  auto tpl = tmpl::Template::load(ex.world, testing::source_dir() + "/" + kFixtures + name, ex.diags);
  REQUIRE(tpl);
  auto json = data::parse_json(data, "data.json", ex.diags);
  REQUIRE(json);
  ex.doc = tpl->render(*json, loc, ex.diags, theme);
  model::complete_document(ex.doc);
}

template <class T>
std::vector<const T*> all_of(const std::vector<model::Block>& blocks) {
  std::vector<const T*> out;
  for (const auto& b : blocks)
    if (const auto* v = std::get_if<T>(&b.value)) out.push_back(v);
  return out;
}

}  // namespace

TEST_CASE("every example the guide marks as a fixture is that fixture, word for word") {
  testing::TestWorld world;
  auto md = world.read_file(testing::source_dir() + "/docs/TEMPLATES.md");
  REQUIRE(md);
  std::set<std::string> seen;
  for (const auto& m : marked_blocks(*md)) {
    CAPTURE(m.path);
    auto file = world.read_file(testing::source_dir() + "/" + m.path);
    REQUIRE_MESSAGE(file, "the guide names a fixture that does not exist: " << m.path);
    CHECK(m.block == without_comment_lines(*file));
    seen.insert(m.path);
  }
  // The examples these tests render must stay in the guide.
  for (const char* name : {"docs-example/template.xml", "docs-example/partials/contact.xml",
                           "docs-example/examples/amani.json", "docs-styles/template.xml", "docs-boxes/template.xml",
                           "docs-numbering/template.xml", "docs-fit/template.xml", "docs-copies/template.xml"})
    CHECK_MESSAGE(seen.count(kFixtures + name), "the guide no longer shows " << name);
}

TEST_CASE("the guide's style sheet and theme example") {
  testing::Locales l;
  model::Theme theme;
  theme.name = "Northbridge City Council";
  theme.primary = model::Color{0x1d, 0x4f, 0x91};
  theme.accent = model::Color{0x00, 0x5a, 0x30};
  theme.logo = std::string("\x89PNG\r\n\x1a\n", 8) + "not really an image";
  theme.logo_alt = "Northbridge City Council";
  Example ex;
  render_fixture(ex, "docs-styles",
                 R"({"child": {"first_name": "Amani"}, "review": "2026-05-02",
                     "theme": {"name": "Northbridge City Council"}})",
                 *l.en, &theme);
  CHECK(ex.diags.empty());
  const model::StyleSheet& s = ex.doc.styles;

  // A new colour, and the theme's colours as the palette's primary and accent.
  CHECK(s.palette.at("plum") == model::Color{0x5a, 0x2d, 0x82});
  CHECK(s.palette.at("primary") == theme.primary);
  CHECK(s.palette.at("accent") == theme.accent);
  // One attribute of a built-in style changed, the rest kept.
  const auto& h2 = s.paragraphs.at("Heading2");
  CHECK(h2.color == "plum");
  CHECK(h2.size == doctest::Approx(1.4));
  CHECK(h2.bold);
  CHECK(h2.keep_with_next);
  // A new paragraph style: sizes and spaces in em of the body size.
  const auto& callout = s.paragraphs.at("Callout");
  CHECK(callout.size == doctest::Approx(1.1));
  CHECK(callout.bold);
  CHECK(callout.fill == "surface");
  CHECK(callout.border == "rule");
  CHECK(callout.space_before == doctest::Approx(0.5));
  CHECK(model::resolve_style(ex.doc, "Callout").size == doctest::Approx(11 * 1.1));
  CHECK(s.characters.at("highlight").bold);
  CHECK(s.characters.at("highlight").color == "accent");
  const auto& reminder = s.boxes.at("reminder");
  CHECK(reminder.fill == "#fff7e6");
  CHECK(reminder.border.empty());
  CHECK(reminder.accent == "plum");
  CHECK(reminder.padding == doctest::Approx(1));
  CHECK(reminder.radius == doctest::Approx(4));  // not given: the card's default
  CHECK(reminder.icon_size == doctest::Approx(1.5));
  CHECK(reminder.icon_gap == doctest::Approx(0.4));
  CHECK(reminder.space_after == doctest::Approx(model::BoxStyle{}.space_after));  // not given

  REQUIRE(ex.doc.sections.size() == 1);
  const auto& blocks = ex.doc.sections[0].blocks;
  auto images = all_of<model::Image>(blocks);
  REQUIRE(images.size() == 1);
  CHECK(images[0]->data == theme.logo);
  CHECK(images[0]->alt == "Northbridge City Council");
  auto paras = all_of<model::Paragraph>(blocks);
  REQUIRE(paras.size() == 2);
  CHECK(paras[0]->style == "Callout");
  CHECK(model::visible_text(paras[0]->content) == "Your review meeting is on \u20682 May 2026\u2069.");
  const std::string dump = testing::without_isolates(model::dump(ex.doc));
  CHECK(dump.find("style=highlight") != std::string::npos);
  CHECK(dump.find("box style=\"reminder\"") != std::string::npos);
  CHECK(dump.find("Northbridge City Council will send you a reminder.") != std::string::npos);

  // Without a theme logo the image is left out.
  Example plain;
  render_fixture(plain, "docs-styles",
                 R"({"child": {"first_name": "Amani"}, "review": "2026-05-02", "theme": {"name": "X"}})", *l.en);
  CHECK(all_of<model::Image>(plain.doc.sections[0].blocks).empty());
}

TEST_CASE("the guide's style errors: unknown style and colour names, at file:line:col") {
  testing::Locales l;
  auto r = testing::render_body("<section><p style=\"Calout\">Hello</p></section>", "{}", *l.en);
  CHECK(r.has("template.unknown-style"));
  CHECK(r.errors().find("template.xml:2:20: error[template.unknown-style]: there is no paragraph style 'Calout' "
                        "(paragraph styles: Body, Caption,") != std::string::npos);
  auto c = testing::render_body(
      "<styles><paragraph-style name=\"Body\" colour=\"purple\"/></styles><section><p>Hi</p></section>", "{}", *l.en);
  CHECK(c.has("template.unknown-colour"));
  CHECK(c.errors().find("error[template.unknown-colour]: there is no colour 'purple' in the palette") !=
        std::string::npos);
}

TEST_CASE("the guide's boxes and cards") {
  testing::Locales l;
  Example ex;
  render_fixture(ex, "docs-boxes", R"({"school": "Hillside Primary", "worker": "Sam Patel"})", *l.en);
  CHECK(ex.diags.empty());
  auto boxes = all_of<model::Panel>(ex.doc.sections[0].blocks);
  REQUIRE(boxes.size() == 3);
  CHECK(boxes[0]->style == "card");
  REQUIRE(boxes[0]->icon);
  CHECK(boxes[0]->icon->name == "school");
  CHECK(boxes[0]->icon->decorative);  // no icon-alt: its heading says the same
  CHECK(boxes[0]->id == "school");
  CHECK(all_of<model::Heading>(boxes[0]->blocks).size() == 1);
  CHECK(boxes[1]->style == "contact");
  REQUIRE(boxes[1]->icon);
  CHECK(boxes[1]->icon->alt == "Phone");
  CHECK_FALSE(boxes[1]->icon->decorative);
  CHECK(boxes[2]->style == "notice");
  CHECK(boxes[2]->accent == model::Color{0xd4, 0x35, 0x1c});
  CHECK_FALSE(boxes[2]->icon);
  CHECK(ex.doc.numbering.targets.count("school"));
}

TEST_CASE("the guide's numbering and references") {
  testing::Locales l;
  Example ex;
  render_fixture(ex, "docs-numbering", "{}", *l.en);
  CHECK(ex.diags.empty());
  const auto& blocks = ex.doc.sections[0].blocks;
  auto headings = all_of<model::Heading>(blocks);
  REQUIRE(headings.size() == 3);
  CHECK(headings[0]->number == "1");
  CHECK(headings[1]->number == "1.1");
  CHECK(headings[2]->number == "2");
  auto paras = all_of<model::Paragraph>(blocks);
  REQUIRE(paras.size() == 4);
  CHECK(paras[0]->number == "1");
  CHECK(paras[1]->number == "2");
  CHECK(paras[2]->number == "3");  // runs on across the heading
  CHECK(paras[3]->number.empty());
  auto lists = all_of<model::List>(blocks);
  REQUIRE(lists.size() == 1);
  REQUIRE(lists[0]->items.size() == 2);
  CHECK(lists[0]->items[1].number == "2");
  const auto& t = ex.doc.numbering.targets;
  CHECK(t.at("health").number == "1.1");
  CHECK(t.at("health").title == "Health");
  CHECK(t.at("moved").number == "1");
  CHECK(t.at("review").number == "2");
  CHECK(ex.doc.numbering.contents.size() == 3);
  CHECK(ex.doc.numbering.contents[1].number == "1.1");

  // In Arabic the numbers are written in the locale's digits.
  Example ar;
  render_fixture(ar, "docs-numbering", "{}", *l.ar);
  auto ah = all_of<model::Heading>(ar.doc.sections[0].blocks);
  REQUIRE(ah.size() == 3);
  CHECK(ah[1]->number == "\u0661.\u0661");  // the locale's digits
  CHECK(ar.doc.numbering.targets.at("moved").number == "\u0661");
}

TEST_CASE("the guide's fitting a page example") {
  testing::Locales l;
  Example ex;
  render_fixture(ex, "docs-fit", "{}", *l.en);
  CHECK(ex.diags.empty());
  CHECK(ex.doc.typography.body_size == doctest::Approx(12));
  CHECK(ex.doc.typography.fit_pages == 1);
  CHECK(ex.doc.typography.min_body_size == doctest::Approx(10));
  CHECK(ex.doc.typography.line_height == doctest::Approx(1.25));
  CHECK(ex.doc.typography.min_line_height == doctest::Approx(1.2));
}

TEST_CASE("the guide's copy for a carer: the letter's two pages, then a one-page copy of its own part") {
  testing::Locales l;
  Example ex;
  render_fixture(ex, "docs-copies",
                 R"({"child": {"first_name": "Amani"}, "review": "2026-05-02", "carer": {"name": "Ms Okafor"},
                     "worker": {"name": "Sam Patel", "phone": "01632 960 123"}})",
                 *l.en);
  CHECK(ex.diags.empty());
  REQUIRE(ex.doc.sections.size() == 2);
  const auto& letter = ex.doc.sections[0];
  const auto& copy = ex.doc.sections[1];
  CHECK_FALSE(letter.starts_copy);
  CHECK(copy.starts_copy);
  CHECK(copy.first_page_number == 1);
  CHECK(all_of<model::PageBreak>(letter.blocks).size() == 1);  // the young person's own page
  CHECK(all_of<model::PageBreak>(copy.blocks).empty());        // left out of the carer's copy
  const auto paras = all_of<model::Paragraph>(copy.blocks);
  REQUIRE_FALSE(paras.empty());
  CHECK(testing::without_isolates(model::plain_text(paras.front()->content)) == "Copy for Ms Okafor");
  REQUIRE(copy.footer.paragraphs.size() == 1);
  CHECK(model::plain_text(copy.footer.paragraphs[0].content) == "Page {page} of {part-pages}");
}
