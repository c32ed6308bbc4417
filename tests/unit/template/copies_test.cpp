// <copy for="...">: the document again for another reader, in its own numbering part, with
// `copy.for` and `copy.number` to say whose copy it is, and ids of its own.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "model/visit.hpp"

using namespace quire;

namespace {

const char* kLetter = R"(<document title="Letter">
  <section>
    <footer><p>Page {{ field('page') }} of {{ field('part-pages') }}</p></footer>
    <h1 id="top" numbered="true">About your plan</h1>
    <p numbered="true" id="first">
      <if test="copy.for">This copy is for {{ copy.for }} (copy {{ copy.number }}).</if>
      <else>This letter is for {{ name }}.</else>
      See <ref target="top" form="page"/> and <a href="#first">the first point</a>.
    </p>
  </section>
  <copy for="{{ carer }}"/>
  <if test="worker"><copy for="the social worker"/></if>
</document>)";

std::string text_of(const model::Section& s, size_t block) {
  return testing::without_isolates(model::plain_text(std::get<model::Paragraph>(s.blocks.at(block).value).content));
}

}  // namespace

TEST_CASE("each <copy> repeats the document after the original, starting its own part") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/c", {{"template.xml", kLetter}},
                                 R"({"name": "Amani", "carer": "Ms Okafor", "worker": true})", *l.en);
  REQUIRE(r.loaded);
  INFO(r.errors());
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(r.doc.sections.size() == 3);
  const auto& s = r.doc.sections;
  CHECK(text_of(s[0], 1).find("This letter is for Amani.") != std::string::npos);
  CHECK(text_of(s[1], 1).find("This copy is for Ms Okafor (copy 2).") != std::string::npos);
  CHECK(text_of(s[2], 1).find("This copy is for the social worker (copy 3).") != std::string::npos);
  CHECK_FALSE(s[0].starts_copy);
  CHECK_FALSE(s[0].first_page_number);
  for (size_t i : {1, 2}) {
    CHECK(s[i].starts_copy);
    CHECK(s[i].first_page_number == 1);  // "Page 1 of 1" on a one-page copy
  }
  // the footer's part-pages field reaches the model in every copy
  CHECK(r.dump().find("field part-pages") != std::string::npos);
}

TEST_CASE("a copy's ids are its own: references and links point into the same copy") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/c", {{"template.xml", kLetter}}, R"({"name": "Amani", "carer": "Ms O"})",
                                 *l.en);
  REQUIRE(r.loaded);
  REQUIRE(r.doc.sections.size() == 2);
  model::complete_document(r.doc);
  const auto& copy = r.doc.sections[1];
  const auto& h = std::get<model::Heading>(copy.blocks.at(0).value);
  const auto& p = std::get<model::Paragraph>(copy.blocks.at(1).value);
  CHECK(h.id == "top~copy2");
  CHECK(p.id == "first~copy2");
  bool ref = false, link = false;
  for (const auto& in : p.content) {
    if (const auto* c = std::get_if<model::CrossRef>(&in)) ref = c->target == "top~copy2";
    if (const auto* t = std::get_if<model::TextRun>(&in); t && !t->link.empty()) link = t->link == "#first~copy2";
  }
  CHECK(ref);
  CHECK(link);
  // every id once: the original keeps its own
  CHECK(std::get<model::Heading>(r.doc.sections[0].blocks.at(0).value).id == "top");
  CHECK(r.doc.numbering.targets.count("top") == 1);
  CHECK(r.doc.numbering.targets.count("top~copy2") == 1);
  // numbered the way the original is, and listed in the contents once
  CHECK(h.number == "1");
  CHECK(p.number == "1");
  CHECK(r.doc.numbering.contents.size() == 1);
}

TEST_CASE("without <copy>, copy.for is empty and copy.number is 1") {
  testing::Locales l;
  auto r = testing::render_body("<p>[{{ copy.for }}] {{ copy.number }}</p>", "{}", *l.en);
  REQUIRE(r.loaded);
  INFO(r.errors());
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(r.doc.sections.size() == 1);
  CHECK(text_of(r.doc.sections[0], 0) == "[] 1");
}

TEST_CASE("copies are bounded: past the limit a template.limit error, and <copy> only in <document>") {
  testing::Locales l;
  testing::TestWorld world;
  tmpl::Limits limits;
  limits.max_copies = 3;
  auto r = testing::render_files(world, "mem/c", {{"template.xml", R"(<document>
  <p>Hello</p>
  <for each="r in readers"><copy for="{{ r }}"/></for>
</document>)"}},
                                 R"({"readers": ["a", "b", "c", "d", "e"]})", *l.en, limits);
  REQUIRE(r.loaded);
  CHECK(r.has("template.limit"));
  CHECK(r.errors().find("more than 3 copies") != std::string::npos);

  auto bad = testing::render_files(world, "mem/d", {{"template.xml", R"(<document>
  <section><copy for="x"/></section>
  <copy/>
</document>)"}},
                                   "{}", *l.en);
  CHECK_FALSE(bad.loaded);
  CHECK(bad.has("template.misplaced"));
  CHECK(bad.has("template.syntax"));  // `for` is required
}

TEST_CASE("copies count into the block limit") {
  testing::Locales l;
  testing::TestWorld world;
  tmpl::Limits limits;
  limits.max_blocks = 5;
  auto r = testing::render_files(world, "mem/c", {{"template.xml", R"(<document>
  <p>1</p><p>2</p>
  <copy for="a"/><copy for="b"/>
</document>)"}},
                                 "{}", *l.en, limits);
  REQUIRE(r.loaded);
  CHECK(r.has("template.limit"));
}

TEST_CASE("field() knows 'part-pages' and says so when given a kind it does not know") {
  testing::Locales l;
  auto r = testing::render_body("<p>{{ field('parts') }}</p>", "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors().find("'part-pages'") != std::string::npos);
}

TEST_CASE("footnote marks come from the numbering pass: from 1 again in each copy, in the locale's digits") {
  const char* tpl = R"(<document title="Letter">
  <section>
    <p>First<footnote>One.</footnote> and second<footnote>Two.</footnote>.</p>
  </section>
  <copy for="the carer"/>
</document>)";
  auto marks = [&](i18n::Localiser& loc) {
    testing::TestWorld world;
    auto r = testing::render_files(world, "mem/c", {{"template.xml", tpl}}, "{}", loc);
    REQUIRE(r.loaded);
    INFO(r.errors());
    model::complete_document(r.doc);
    std::vector<std::string> out;
    for (const auto& s : r.doc.sections)
      for (const auto& in : std::get<model::Paragraph>(s.blocks.at(0).value).content)
        if (const auto* fn = std::get_if<model::Footnote>(&in)) out.push_back(fn->number);
    return out;
  };
  testing::Locales l;
  CHECK(marks(*l.en) == std::vector<std::string>{"1", "2", "1", "2"});
  CHECK(marks(*l.ar) == std::vector<std::string>{"\u0661", "\u0662", "\u0661", "\u0662"});
}
