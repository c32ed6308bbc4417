// Section attributes (id, start, first-page, numbering) and page-range references.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;

TEST_CASE("a section's id, odd-page start, first page number and numbering reach the model") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/s", {{"template.xml", R"(<document title="Pack">
  <section title="Front sheet" numbering="none"><p>Committee</p></section>
  <section numbering="roman" first-page="1"><p>Fostering (Pages <ref target="fostering" form="pages"/>)</p></section>
  <section id="{{ id }}" start="odd" first-page="1" numbering="decimal"><p>Report</p></section>
  <section start="new-page"><p>Minutes</p></section>
</document>)"}},
                                 R"({"id": "fostering"})", *l.en);
  REQUIRE(r.loaded);
  INFO(r.errors());
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(r.doc.sections.size() == 4);
  const auto& s = r.doc.sections;
  CHECK(s[0].numbering == model::PageNumbering::None);
  CHECK_FALSE(s[0].first_page_number);
  CHECK(s[1].numbering == model::PageNumbering::LowerRoman);
  CHECK(s[1].first_page_number == 1);
  CHECK(s[2].id == "fostering");
  CHECK(s[2].start == model::SectionStart::OddPage);
  CHECK(s[2].numbering == model::PageNumbering::Decimal);
  CHECK(s[3].start == model::SectionStart::NewPage);
  const auto& p = std::get<model::Paragraph>(s[1].blocks.at(0).value);
  const auto* ref = std::get_if<model::CrossRef>(&p.content.at(1));
  REQUIRE(ref);
  CHECK(ref->target == "fostering");
  CHECK(ref->form == model::RefForm::PageRange);
  // the blank-page sentence is asked for only when a section starts on an odd page
  CHECK(r.dump().find("section page=") != std::string::npos);
}

TEST_CASE("bad section attributes and reference forms are reported at file:line:col") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/e", {{"template.xml", R"(<document>
  <section start="even" first-page="0" numbering="alpha">
    <p><ref target="x" form="range"/></p>
  </section>
</document>)"}},
                                 "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/e/template.xml:2:19: error[template.type]: start must be odd or new-page, not 'even'\n"
        "mem/e/template.xml:2:37: error[template.type]: first-page must be a whole number of at least 1, not '0'\n"
        "mem/e/template.xml:2:51: error[template.type]: numbering must be one of decimal, roman, none, not "
        "'alpha'\n"
        "mem/e/template.xml:3:30: error[template.type]: form must be one of page, pages, title, number, not "
        "'range'\n");
}
