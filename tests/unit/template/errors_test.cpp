// Load-time errors: every problem in a template is reported at once, each at its
// file:line:col, so an author fixes them in one pass.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;

namespace {

testing::Rendered load(const std::string& xml) {
  testing::Locales l;
  testing::TestWorld world;
  return testing::render_files(world, "mem/e", {{"template.xml", xml}}, "{}", *l.en);
}

}  // namespace

TEST_CASE("an unknown element is reported at its '<' with a suggestion") {
  auto r = load("<document>\n  <p>Hello <b>there</b></p>\n</document>");
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/e/template.xml:2:12: error[template.unknown-element]: unknown element <b>\n"
        "  hint: did you mean <strong>?\n");
}

TEST_CASE("an unknown filter is reported at the filter's name") {
  auto r = load("<document>\n<p>{{ name | capitalise }}</p>\n</document>");
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/e/template.xml:2:14: error[template.unknown-filter]: unknown filter 'capitalise'\n"
        "  hint: the filters are: upper, lower, default, date, number, plural, length, join, trim, nobreak, first, "
        "last, as_date, time, datetime, sum, count, min, max, round, sort_by, group_by, filter\n");
  auto f = load("<document>\n<p>{{ shout('x') }}</p>\n</document>");
  CHECK(f.errors() ==
        "mem/e/template.xml:2:7: error[template.unknown-filter]: unknown function 'shout'\n"
        "  hint: the functions are: t, field, age_at, add_days, add_working_days, days_between\n");
}

TEST_CASE("an unknown attribute is reported at its name, listing the ones that exist") {
  auto r = load("<document>\n<p role=\"lead\"   colour=\"red\">x</p>\n</document>");
  CHECK(
      r.errors() ==
      "mem/e/template.xml:2:18: error[template.unknown-attribute]: <p> has no attribute 'colour'\n"
      "  hint: its attributes are: role, align, lang, dir, id, keep-with-next, keep-with-previous, style, numbered\n");
}

TEST_CASE("several problems in one template are all reported, in document order") {
  auto r = load(R"(<document>
  <section size="B5">
    <p align="middle">{{ a | nope }}</p>
    <blink>x</blink>
    <ul><p>not an item</p></ul>
    <for each="x of xs"><p>{{ x }}</p></for>
    <p>{{ a. }}</p>
    <if><p>no test</p></if>
    <table><tr><td rag="purple" colspan="0">x</td></tr></table>
  </section>
</document>)");
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/e/template.xml:2:18: error[template.type]: size must be one of A4, A5, A3, Letter, not 'B5'\n"
        "mem/e/template.xml:3:15: error[template.type]: align must be one of start, center, end, justify, not "
        "'middle'\n"
        "mem/e/template.xml:3:30: error[template.unknown-filter]: unknown filter 'nope'\n"
        "  hint: the filters are: upper, lower, default, date, number, plural, length, join, trim, nobreak, first, "
        "last, as_date, time, datetime, sum, count, min, max, round, sort_by, group_by, filter\n"
        "mem/e/template.xml:4:5: error[template.unknown-element]: unknown element <blink>\n"
        "  hint: see docs/TEMPLATES.md for the elements a template may use\n"
        "mem/e/template.xml:5:9: error[template.misplaced]: <p> cannot appear inside <ul>\n"
        "mem/e/template.xml:6:18: error[template.syntax]: expected 'in'\n"
        "mem/e/template.xml:7:14: error[template.syntax]: expected a name after '.'\n"
        "mem/e/template.xml:8:5: error[template.syntax]: <if> needs a test attribute\n"
        "mem/e/template.xml:9:25: error[template.type]: rag must be one of red, amber, green, blue (or empty), not "
        "'purple'\n"
        "mem/e/template.xml:9:42: error[template.type]: colspan must be a whole number of at least 1, not '0'\n");
}

TEST_CASE("XML that is not well-formed is a syntax error at the parser's position") {
  auto r = load("<document>\n  <p>a < b</p>\n</document>");
  CHECK_FALSE(r.loaded);
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.diags.items()[0].code == "template.syntax");
  CHECK(r.diags.items()[0].pos.line == 2);

  auto root = load("<page>x</page>");
  CHECK(root.errors() ==
        "mem/e/template.xml:1:1: error[template.syntax]: the root element of template.xml must be "
        "<document>\n");
}

TEST_CASE("expression syntax errors point into the expression, past entities and multi-byte text") {
  // "&amp;" is five characters in the file but one in the text; "é" is two bytes but one column.
  auto r = load("<document>\n<p>é &amp; {{ 'unterminated }}</p>\n<p>{{ }}</p><p>{{ a b }}</p><p>{{ x</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:15: error[template.syntax]: unterminated string\n"
        "mem/e/template.xml:3:7: error[template.syntax]: expected a value\n"
        "mem/e/template.xml:3:21: error[template.syntax]: unexpected 'b' in expression\n"
        "mem/e/template.xml:3:32: error[template.syntax]: '{{' is never closed with '}}'\n");
}

TEST_CASE("text where only elements may go, and elements where they may not, are misplaced") {
  auto r = load("<document>\n<table>stray<tr><li>x</li></tr></table>\n<p><p>nested</p></p>\n<br>x</br>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:8: error[template.misplaced]: text cannot appear directly inside <table>\n"
        "  hint: put it in a <p>\n"
        "mem/e/template.xml:2:17: error[template.misplaced]: <li> cannot appear inside <tr>\n"
        "mem/e/template.xml:3:4: error[template.misplaced]: <p> cannot appear inside <p>\n"
        "mem/e/template.xml:4:5: error[template.misplaced]: text cannot appear directly inside <br>\n"
        "  hint: put it in a <p>\n");
}

TEST_CASE("filter arguments are checked at load") {
  auto r = load(
      "<document>\n<p>{{ a | default }}{{ a | date(size='x') }}{{ a | number(1, 2) }}{{ t() }}{{ field('pgae') "
      "}}</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:11: error[template.syntax]: default() needs an argument\n"
        "mem/e/template.xml:2:33: error[template.syntax]: date() has no argument 'size'\n"
        "mem/e/template.xml:2:62: error[template.syntax]: too many arguments to number()\n"
        "mem/e/template.xml:2:70: error[template.syntax]: t() needs an argument\n"
        "mem/e/template.xml:2:85: error[template.syntax]: field() takes 'page', 'pages', 'part-pages' or 'section'\n");
}

TEST_CASE("a folder without template.xml is reported against the file that is missing") {
  testing::TestWorld world;
  Diagnostics diags;
  CHECK_FALSE(tmpl::Template::load(world, "mem/nothing-here", diags));
  REQUIRE(diags.items().size() == 1);
  CHECK(format_diagnostic(diags.items()[0]) ==
        "mem/nothing-here/template.xml: error[template.include]: cannot read the template");
}

TEST_CASE("icon and chart mistakes are all reported at once, each at its place") {
  auto r = load(
      "<document>\n"
      "<icon name=\"hom\" alt=\"Home\"/>\n"
      "<icon name=\"health\" alt=\"Health\" colour=\"green\"/>\n"
      "<icon name=\"star\"/>\n"
      "<chart categories=\"a, b, c\" alt=\"x\" y-max=\"lots\">\n"
      "  <series name=\"s\" values=\"1, 2\"/>\n"
      "</chart>\n"
      "</document>");
  CHECK_FALSE(r.loaded);
  const std::string e = r.errors();
  INFO(e);
  CHECK(e.find("mem/e/template.xml:2:13: error[template.type]: there is no icon 'hom'\n"
               "  hint: did you mean 'home'?\n") != std::string::npos);
  CHECK(e.find("mem/e/template.xml:3:42: error[template.type]: colour must be a colour written #rrggbb, not 'green'") !=
        std::string::npos);
  CHECK(e.find("mem/e/template.xml:4:1: error[template.syntax]: <icon> needs an alt attribute") != std::string::npos);
  CHECK(e.find("mem/e/template.xml:5:") != std::string::npos);
  CHECK(e.find("y-max must be a number") != std::string::npos);
  CHECK(e.find(
            "mem/e/template.xml:6:28: error[template.type]: this series has 2 values but the chart has 3 categories") !=
        std::string::npos);
}

TEST_CASE("a misspelt icon-placement of a box style is an error at its value") {
  auto r = load(
      "<document>\n"
      "<styles><box-style name=\"promise\" icon-placement=\"titel\"/></styles>\n"
      "</document>");
  CHECK_FALSE(r.loaded);
  const std::string e = r.errors();
  INFO(e);
  CHECK(e.find("mem/e/template.xml:2:") != std::string::npos);
  CHECK(e.find("icon-placement must be column or title, not 'titel'") != std::string::npos);
}

TEST_CASE("columns whose widths do not match the columns made are an error at the element") {
  // Counted when rendered (an <if> may leave a column out); a bad number when loaded.
  auto r = load(
      "<document>\n"
      "<columns widths=\"1,2,3\"><column><p>a</p></column><column><p>b</p></column></columns>\n"
      "</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:1: error[template.type]: widths gives 3 widths for 2 columns: give one width per "
        "<column>\n");
  auto bad = load("<document>\n<columns widths=\"1,x\"><column><p>a</p></column></columns>\n</document>");
  CHECK_FALSE(bad.loaded);
  CHECK(bad.errors().find("mem/e/template.xml:2:18: error[template.type]: widths must be positive numbers") !=
        std::string::npos);
}

TEST_CASE("a series from the data with the wrong number of values is an error when the document is made") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/e",
                                 {{"template.xml",
                                   "<document>\n<chart categories=\"a, b\" alt=\"x\">\n"
                                   "<series name=\"s\" values=\"{{ v }}\"/></chart>\n"
                                   "<icon name=\"{{ i }}\" alt=\"x\"/>\n</document>"}},
                                 R"({"v": [1, 2, 3], "i": "hoem"})", *l.en);
  const std::string e = r.errors();
  INFO(e);
  CHECK(e.find("series 's' has 3 values but the chart has 2 categories") != std::string::npos);
  CHECK(e.find("there is no icon 'hoem'") != std::string::npos);
}
