// Control elements: <for>, <if>/<elif>/<else>, <let>, and the loop limit.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;
using testing::render_body;

namespace {

// The plain text of every top-level paragraph of the first section, one per line (without
// the isolates around values: bidi_test.cpp).
std::string paragraphs(const testing::Rendered& r) {
  std::string out;
  if (r.doc.sections.empty()) return out;
  for (const auto& b : r.doc.sections[0].blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value))
      out += testing::without_isolates(model::plain_text(p->content)) + "\n";
  return out;
}

const char* kData = R"({
  "actions": [{"what": "Find a school", "who": "Sam"}, {"what": "See a dentist", "who": "Jo"}, {"what": "Visit", "who": "Ali"}],
  "scores": {"maths": 7, "art": 9},
  "status": "amber", "none": [], "missing_list": null
})";

}  // namespace

TEST_CASE("a loop repeats its body per item, with loop.number, loop.index, first, last and length") {
  testing::Locales l;
  auto r = render_body(R"(<for each="a in actions">
  <p>{{ loop.number }}/{{ loop.length }} (index {{ loop.index }}): {{ a.what }} — {{ a.who }}<if test="loop.first"> [first]</if><if test="loop.last"> [last]</if></p>
</for>)",
                       kData, *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(paragraphs(r) ==
        "1/3 (index 0): Find a school — Sam [first]\n"
        "2/3 (index 1): See a dentist — Jo\n"
        "3/3 (index 2): Visit — Ali [last]\n");
}

TEST_CASE("loops inside a paragraph build one sentence; nested loops shadow loop") {
  testing::Locales l;
  auto r = render_body(R"(<p>Helpers: <for each="a in actions">{{ a.who }}<if test="not loop.last">, </if></for>.</p>
<for each="a in actions"><if test="loop.first"><p><for each="x in [1, 2]">{{ loop.number }}</for> then {{ loop.number }}</p></if></for>)",
                       kData, *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(paragraphs(r) == "Helpers: Sam, Jo, Ali.\n12 then 1\n");
}

TEST_CASE("key, value loops walk an object in key order; one name walks its keys") {
  testing::Locales l;
  auto r = render_body(R"(<p><for each="subject, score in scores">{{ subject }}={{ score }} </for></p>
<p><for each="k in scores">{{ k }} </for></p>
<p><for each="i, a in actions">{{ i }}:{{ a.who }} </for></p>)",
                       kData, *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(paragraphs(r) == "art=9 maths=7\nart maths\n0:Sam 1:Jo 2:Ali\n");
}

TEST_CASE("a null or empty list repeats nothing; an undefined one is an error") {
  testing::Locales l;
  auto r = render_body(R"(<for each="x in none"><p>never</p></for><for each="x in missing_list"><p>never</p></for>)",
                       kData, *l.en);
  CHECK(r.diags.empty());
  CHECK(paragraphs(r).empty());
  auto guarded = render_body(R"X(<for each="x in nope | default([])"><p>never</p></for>)X", kData, *l.en);
  CHECK(guarded.diags.empty());
  CHECK(paragraphs(guarded).empty());
  auto bad = render_body(R"(<for each="x in nope"><p>never</p></for>)", kData, *l.en);
  REQUIRE(bad.diags.items().size() == 1);
  CHECK(bad.diags.items()[0].code == "template.undefined");
  CHECK(bad.diags.items()[0].pos.column == 17);
}

TEST_CASE("if, elif and else choose exactly one branch; undefined is false in a test") {
  testing::Locales l;
  const std::string body = R"(<if test="status == 'red'"><p>R</p></if>
<elif test="status == 'amber'"><p>A</p></elif>
<elif test="status == 'amber' or true"><p>A2</p></elif>
<else><p>G</p></else>
<if test="no_such_thing"><p>hidden</p></if>
<if test="not no_such_thing.deeper"><p>shown</p></if>
<if test="none"><p>empty list is false</p></if><else><p>else</p></else>)";
  auto r = render_body(body, kData, *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(paragraphs(r) == "A\nshown\nelse\n");
}

TEST_CASE("an else without an if is a syntax error") {
  testing::Locales l;
  auto r = render_body("<p>x</p>\n  <else><p>y</p></else>", kData, *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() == "mem/t/template.xml:3:3: error[template.syntax]: <else> must follow an <if> or <elif>\n");
}

TEST_CASE("let binds a name for the following siblings and their children only") {
  testing::Locales l;
  auto r = render_body(R"(<let name="who" value="actions[0].who"/>
<p>{{ who }}</p>
<keep-together><let name="who" value="'inner ' ~ who"/><p>{{ who }}</p></keep-together>
<p>{{ who }}</p>
<for each="a in actions"><let name="line" value="loop.number ~ '. ' ~ a.what"/><p>{{ line }}</p></for>)",
                       kData, *l.en);
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  CHECK(paragraphs(r) == "Sam\nSam\n1. Find a school\n2. See a dentist\n3. Visit\n");
  const auto& keep = std::get<model::KeepTogether>(r.doc.sections[0].blocks[1].value);
  CHECK(model::plain_text(std::get<model::Paragraph>(keep.blocks[0].value).content) == "inner Sam");

  auto outside = render_body(R"(<keep-together><let name="x" value="1"/></keep-together><p>{{ x }}</p>)", kData, *l.en);
  CHECK(outside.has("template.undefined"));
}

TEST_CASE("the loop limit stops a runaway template with one error") {
  testing::Locales l;
  testing::TestWorld world;
  tmpl::Limits limits;
  limits.max_loop_iterations = 50;
  auto r = testing::render_files(world, "mem/runaway", {{"template.xml", R"(<document>
<for each="a in big"><for each="b in big"><p>{{ a }}{{ b }}</p></for></for>
</document>)"}},
                                 R"({"big": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]})", *l.en, limits);
  REQUIRE(r.loaded);
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.errors() ==
        "mem/runaway/template.xml:2:22: error[template.limit]: more than 50 loop iterations in one document\n");
  CHECK(r.doc.sections[0].blocks.size() < 50);
}

TEST_CASE("the block limit stops a document that grows too large") {
  testing::Locales l;
  testing::TestWorld world;
  tmpl::Limits limits;
  limits.max_blocks = 10;
  auto r = testing::render_files(world, "mem/blocks",
                                 {{"template.xml", "<document><for each=\"a in big\"><p>{{ a }}</p></for></document>"}},
                                 R"({"big": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]})", *l.en, limits);
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.has("template.limit"));
  CHECK(r.doc.sections[0].blocks.size() == 10);
}
