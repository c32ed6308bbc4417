// What a template builds: every element mapped to the document model, text
// whitespace collapsed like HTML, data always literal text, never markup.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;
using testing::render_body;

TEST_CASE("data containing markup characters stays literal text in the model") {
  testing::Locales l;
  auto r = render_body(R"(<p title="x">{{ evil }} &amp; <strong>{{ evil }}</strong></p>)",
                       R"({"evil": "<b>&amp; {{ not.an.expression }}</b>"})", *l.en);
  CHECK(r.has("template.unknown-attribute"));  // the title attribute; the rest still checked below
  auto ok = render_body(R"(<p>{{ evil }} &amp; <strong>{{ evil }}</strong></p>)",
                        R"({"evil": "<b>&amp; {{ not.an.expression }}</b>"})", *l.en);
  REQUIRE_MESSAGE(ok.diags.empty(), ok.errors());
  const auto& p = std::get<model::Paragraph>(ok.doc.sections[0].blocks[0].value);
  REQUIRE(p.content.size() == 2);
  CHECK(std::get<model::TextRun>(p.content[0]).text == "\u2068<b>&amp; {{ not.an.expression }}</b>\u2069 & ");
  CHECK(std::get<model::TextRun>(p.content[1]).text == "\u2068<b>&amp; {{ not.an.expression }}</b>\u2069");
}

TEST_CASE("whitespace collapses to single spaces, trimmed at paragraph edges and around line breaks") {
  testing::Locales l;
  auto r = render_body("<p>\n   Dear   <em>{{ name }}</em> ,\n  <br/>   thank you\t\tfor\n coming.   </p>",
                       R"({"name": "  Sam \n Jones  "})", *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  const auto& p = std::get<model::Paragraph>(r.doc.sections[0].blocks[0].value);
  REQUIRE(p.content.size() == 5);
  CHECK(std::get<model::TextRun>(p.content[0]).text == "Dear ");
  // As in HTML, a collapsed space takes the format of its first character (here inside <em>).
  // the value is an isolate; the collapsed space after it is outside, still in <em>
  CHECK(std::get<model::TextRun>(p.content[1]).text == "\u2068Sam Jones\u2069 ");
  CHECK(std::get<model::TextRun>(p.content[1]).style.emphasis);
  CHECK(std::get<model::TextRun>(p.content[2]).text == ",");
  CHECK(std::holds_alternative<model::LineBreak>(p.content[3]));
  CHECK(std::get<model::TextRun>(p.content[4]).text == "thank you for coming.");
}

TEST_CASE("a space between two styled words keeps the format it was typed in") {
  testing::Locales l;
  auto r = render_body("<p><strong>Title</strong> <em>body</em></p>", "{}", *l.en);
  const auto& p = std::get<model::Paragraph>(r.doc.sections[0].blocks[0].value);
  REQUIRE(p.content.size() == 3);
  CHECK(std::get<model::TextRun>(p.content[1]).text == " ");
  CHECK(std::get<model::TextRun>(p.content[1]).style == model::RunStyle{});
}

TEST_CASE("every block element maps onto the model, checked against a reference dump") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/blocks", {{"template.xml", R"(<?xml version="1.0"?>
<document title="Report for {{ child.name }}" author="Social care" subject="Review" classification="OFFICIAL-SENSITIVE"
          keywords="care, review ,plan">
  <typography body-size="12" line-height="1.5" paragraph-space="8" hyphenate="false"/>
  <p role="title">Loose text before any section</p>
  <section title="Main" size="A5" orientation="landscape" margin="40" margin-left="72">
    <header><p align="end">{{ child.name }}</p></header>
    <footer><p>Page {{ field('page') }} of {{ field('pages') }}</p></footer>
    <contents title="Contents" max-level="2"/>
    <h1 id="intro" numbered="true">Intro</h1>
    <h2 contents="false">Quiet</h2>
    <p role="notice" align="justify" lang="cy" dir="ltr" id="p1" keep-with-next="true">See <ref target="intro"/> and
      <ref target="intro" form="title"/>.<footnote><p>A note.</p>More</footnote> Visit <a href="https://example.org">us</a>.
      <span lang="ar" dir="rtl">مرحبا</span></p>
    <ol start="3"><li>One</li><li><p>Two</p><ul><li>Nested</li></ul></li></ol>
    <table widths="2,1" header-rows="1" caption="Actions" dir="rtl" id="t1">
      <tr><th>What</th><th align="center">RAG</th></tr>
      <for each="a in actions">
        <tr><td colspan="1" rowspan="1">{{ a.what }}</td><td rag="{{ a.rag }}" shading="#ffeeaa">{{ a.rag | upper }}</td></tr>
      </for>
    </table>
    <chart kind="line" title="Visits" alt="Visits rose" categories="{{ months }}" id="c1">
      <series name="2024" values="{{ visits }}"/>
      <series name="Target" values="1, 2, -3"/>
    </chart>
    <chart categories="a, b"><series values="{{ '4,5' }}"/></chart>
    <page-break/>
    <keep-together><p>Signed</p>and dated</keep-together>
    <columns><column><p>English</p></column><column><p lang="ar">عربي</p></column></columns>
  </section>
  <p>After the section</p>
</document>
)"}},
                                 R"({"child": {"name": "Sam"}, "months": ["Jan", "Feb", "Mar"], "visits": [1, null, 3],
                                     "actions": [{"what": "School", "rag": "green"}, {"what": "Dentist", "rag": "red"}]})",
                                 *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(testing::without_isolates(model::dump(r.doc)) == testing::expected_case("blocks"));
  CHECK(r.doc.meta.keywords == std::vector<std::string>{"care", "review", "plan"});
  CHECK(r.doc.typography.body_size == 12);
  CHECK(r.doc.typography.line_height == 1.5);
  CHECK(r.doc.typography.paragraph_space == 8);
  CHECK_FALSE(r.doc.typography.hyphenate);
  REQUIRE(r.doc.sections.size() == 3);
  CHECK(r.doc.sections[1].page.orientation == model::Orientation::Landscape);
  const auto& chart = std::get<model::Chart>(r.doc.sections[1].blocks[6].value);
  CHECK(chart.categories == std::vector<std::string>{"Jan", "Feb", "Mar"});
  CHECK(chart.series[0].values == std::vector<double>{1, 0, 3});
  CHECK(chart.series[1].values == std::vector<double>{1, 2, -3});
}

TEST_CASE("an interpolated attribute with a bad value is a type error at render") {
  testing::Locales l;
  auto r = render_body("<table><tr><td rag=\"{{ status }}\">x</td></tr></table>", R"({"status": "purple"})", *l.en);
  CHECK(r.errors() ==
        "mem/t/template.xml:2:21: error[template.type]: rag must be one of red, amber, green, blue (or "
        "empty), not 'purple'\n");
}

TEST_CASE("a template renders the same document twice, and templates are reusable across locales") {
  testing::Locales l;
  testing::TestWorld world;
  world.put("mem/twice/template.xml", "<document><p><t id=\"greet\" name=\"name\"/></p></document>");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/twice/", diags);
  REQUIRE(tpl);
  CHECK(tpl->name() == "twice");
  auto data = nlohmann::json::parse(R"({"name": "Ana"})");
  auto a = model::dump(tpl->render(data, *l.en, diags));
  auto b = model::dump(tpl->render(data, *l.en, diags));
  auto c = model::dump(tpl->render(data, *l.ar, diags));
  CHECK(diags.empty());
  CHECK(a == b);
  CHECK(c.find("مرحبًا \u2068Ana\u2069،") != std::string::npos);
}

TEST_CASE("a template's schema.json is compiled at load; a broken one is a template error") {
  testing::Locales l;
  testing::TestWorld world;
  world.put("mem/s/template.xml", "<document/>");
  world.put("mem/s/schema.json", R"({"type": "object", "required": ["name"]})");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/s", diags);
  REQUIRE(tpl);
  REQUIRE(tpl->schema());
  CHECK_FALSE(tpl->schema()->validate(nlohmann::json::object(), "d.json", diags));
  CHECK(diags.items().at(0).pointer == "");
  CHECK(diags.items().at(0).message == "missing required property 'name'");

  world.put("mem/s2/template.xml", "<document/>");
  world.put("mem/s2/schema.json", "{\n  \"type\": \"object\",,\n}");
  Diagnostics bad;
  CHECK_FALSE(tmpl::Template::load(world, "mem/s2", bad));
  REQUIRE(bad.items().size() == 1);
  CHECK(bad.items()[0].code == "template.schema");
  CHECK(bad.items()[0].origin == Origin::Template);
  CHECK(bad.items()[0].pos.line == 2);
}

TEST_CASE("every word of the data's strings is recorded as never to be hyphenated, and keep-with-previous is read") {
  testing::Locales l;
  auto r = render_body(R"(<p>Dear {{ child.name }}</p><p keep-with-previous="true">Signed</p>)",
                       R"({"child": {"name": "Mary-Jane  Okonkwo", "notes": ["Internationalisation"], "age": 9},
                           "council": "Northbridge"})",
                       *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(r.doc.typography.unhyphenated ==
        std::vector<std::string>{"Internationalisation", "Mary-Jane", "Northbridge", "Okonkwo"});
  CHECK_FALSE(std::get<model::Paragraph>(r.doc.sections[0].blocks[0].value).keep_with_previous);
  CHECK(std::get<model::Paragraph>(r.doc.sections[0].blocks[1].value).keep_with_previous);
}
