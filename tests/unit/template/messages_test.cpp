// Template::messages(): every catalogue message a template uses, with its English,
// translator notes and where it is, for `quire locales extract`.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;

TEST_CASE("messages lists each <t> and t('literal') in document order, with English, note and context") {
  testing::Locales l;
  testing::TestWorld world;
  world.put("mem/m/template.xml", R"(<document title="{{ t('greet', name='x') }}">
  <section>
    <footer><p>{{ t('page_of', page=field('page'), pages=field('pages')) }}</p></footer>
    <h1><t id="greet" name="name" note="Opening line" max-width="40">
      Dear {name},
    </t></h1>
    <ul><li><strong><t id="visits" n="3">{n, plural, one {# visit} other {# visits}}</t></strong></li></ul>
    <include src="p.xml"/>
    <include src="p.xml"/>
    <p><t id="{{ dynamic }}" name="name"/></p>
  </section>
</document>)");
  world.put("mem/m/p.xml",
            "<partial><table><tr><td><t id=\"issued\" date=\"d | as_date\"/></td></tr></table></partial>");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/m", diags);
  REQUIRE(tpl);
  auto uses = tpl->messages();
  REQUIRE(uses.size() == 5);

  CHECK(uses[0].id == "greet");
  CHECK(uses[0].english.empty());
  CHECK(uses[0].context == "document title");
  CHECK(uses[0].pos.file == "mem/m/template.xml");
  CHECK(uses[0].pos.line == 1);

  CHECK(uses[1].id == "page_of");
  CHECK(uses[1].context == "footer");
  CHECK(uses[1].pos.line == 3);

  CHECK(uses[2].id == "greet");
  CHECK(uses[2].english == "Dear {name},");
  CHECK(uses[2].note == "Opening line");
  CHECK(uses[2].max_width == 40);
  CHECK(uses[2].context == "heading 1");
  CHECK(uses[2].pos.line == 4);
  CHECK(uses[2].pos.column == 9);

  CHECK(uses[3].id == "visits");
  CHECK(uses[3].english == "{n, plural, one {# visit} other {# visits}}");
  CHECK(uses[3].context == "list item");

  CHECK(uses[4].id == "issued");  // included twice, listed once
  CHECK(uses[4].context == "table cell");
  CHECK(uses[4].pos.file == "mem/m/p.xml");

  // The English inside <t> documents the source; rendering still goes through the catalogue.
  auto doc =
      tpl->render(nlohmann::json::parse(R"({"name": "Ana", "d": "2025-03-01", "dynamic": "greet"})"), *l.en, diags);
  CHECK(diags.empty());
  const auto& h = std::get<model::Heading>(doc.sections[0].blocks[0].value);
  CHECK(model::plain_text(h.content) == "Dear \u2068Ana\u2069,");
}

TEST_CASE("a <t> holds only text: elements inside it are misplaced") {
  testing::Locales l;
  auto r = testing::render_body("<p><t id=\"greet\">Dear <strong>you</strong></t></p>", "{}", *l.en);
  CHECK(r.errors() ==
        "mem/t/template.xml:2:23: error[template.misplaced]: <t> holds only its English text (and <span dir>), not "
        "<strong>\n");
}

TEST_CASE("t('id', 'English', name=value) gives the English for the catalogue; rendering still uses the catalogue") {
  testing::Locales l;
  testing::TestWorld world;
  world.put("mem/te/template.xml", R"(<document title="{{ t('greet', 'Hello   {name}', name='Ana') }}">
  <section><p>{{ t('greet', 'Hello {name}', name=who) }}</p></section>
</document>)");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/te", diags);
  REQUIRE(tpl);
  auto uses = tpl->messages();
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].english == "Hello {name}");  // white space collapsed, as inside <t>
  CHECK(uses[0].context == "document title");
  auto doc = tpl->render(nlohmann::json::parse(R"({"who": "Sam"})"), *l.en, diags);
  CHECK(diags.empty());
  // The fixture's English catalogue says "Dear {name},": the catalogue wins, not the t()'s text.
  CHECK(testing::without_isolates(
            model::plain_text(std::get<model::Paragraph>(doc.sections[0].blocks[0].value).content)) == "Dear Sam,");
}

TEST_CASE("t()'s English must be text in quotes, and later arguments named") {
  testing::Locales l;
  auto r = testing::render_body("<p>{{ t('greet', who) }}</p>", "{}", *l.en);
  CHECK(r.errors().find("error[template.syntax]: t()'s second argument is the English, written in quotes") !=
        std::string::npos);
  auto named = testing::render_body("<p>{{ t('greet', 'Dear {name},', 'x') }}</p>", "{}", *l.en);
  CHECK(named.errors().find("must be named") != std::string::npos);
}

TEST_CASE("{{ }} inside <t> is refused when the template loads, with the placeholder way to write it") {
  testing::Locales l;
  auto r = testing::render_body("<p><t id=\"greet\">Hi {{ child.first_name }}</t></p>", "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors().find("error[template.syntax]: <t> holds the English of a translated sentence, so {{ }} cannot be "
                        "used inside it") != std::string::npos);
  CHECK(r.errors().find("hint: write {first_name} in the sentence and give the value as an attribute: <t id=\"...\" "
                        "first_name=\"child.first_name\">...{first_name}...</t>") != std::string::npos);

  // ICU's own braces are not {{ }}: a select whose branches hold placeholders loads.
  auto icu = testing::render_body(
      "<p><t id=\"person\" name=\"'Ruth'\" role=\"'carer'\">{role, select, carer {{name}, your carer} other "
      "{{name}}}</t></p>",
      "{}", *l.en);
  CHECK(icu.errors().find("cannot be used inside it") == std::string::npos);
}
