// Expressions: paths into the data, literals, operators and filters.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;
using testing::render_body;
using testing::value_of;

namespace {

const char* kData = R"({
  "child": {"first_name": "Amina", "age": 9, "siblings": ["Omar", "Lina"], "tags": {"a-b": "dash"}},
  "empty": "", "nothing": null, "padded": "  hi  ", "n": 1234.5, "flag": true,
  "issued": "2025-03-01", "visits": 3, "key": "first_name"
})";

}  // namespace

TEST_CASE("paths reach into objects and arrays by name, index, and quoted key") {
  testing::Locales l;
  CHECK(value_of("child.first_name", kData, *l.en) == "Amina");
  CHECK(value_of("child.siblings[1]", kData, *l.en) == "Lina");
  CHECK(value_of("child.siblings[-1]", kData, *l.en) == "Lina");
  CHECK(value_of("child['tags']['a-b']", kData, *l.en) == "dash");
  CHECK(value_of("child[key]", kData, *l.en) == "Amina");
  CHECK(value_of("child.age", kData, *l.en) == "9");
  CHECK(value_of("n", kData, *l.en) == "1234.5");
  CHECK(value_of("flag", kData, *l.en) == "true");
  CHECK(value_of("nothing", kData, *l.en) == "");
}

TEST_CASE("literals, concatenation, comparison and logic") {
  testing::Locales l;
  CHECK(value_of("'a' ~ \"b\" ~ 3", kData, *l.en) == "ab3");
  CHECK(value_of("child.first_name ~ ' (' ~ child.age ~ ')'", kData, *l.en) == "Amina (9)");
  CHECK(value_of("child.age > 5 and child.age &lt;= 9", kData, *l.en) == "true");
  CHECK(value_of("child.age == 10 or not flag", kData, *l.en) == "false");
  CHECK(value_of("not (child.age != 9)", kData, *l.en) == "true");
  CHECK(value_of("'abc' &lt; 'abd'", kData, *l.en) == "true");
  CHECK(value_of("missing == null", kData, *l.en) == "true");
  CHECK(value_of("[1, 2, 3] | length", kData, *l.en) == "3");
  CHECK(value_of("-2.5", kData, *l.en) == "-2.5");
  CHECK(value_of("'{{' ~ '}}'", kData, *l.en) == "{{}}");  // how to print braces
}

TEST_CASE("text filters: upper, lower, trim, length, join, first, last, default") {
  testing::Locales l;
  CHECK(value_of("child.first_name | upper", kData, *l.en) == "AMINA");
  CHECK(value_of("'ÉCOLE' | lower", kData, *l.en) == "école");
  CHECK(value_of("'[' ~ (padded | trim) ~ ']'", kData, *l.en) == "[hi]");
  CHECK(value_of("child.siblings | length", kData, *l.en) == "2");
  CHECK(value_of("'Amélie' | length", kData, *l.en) == "6");
  CHECK(value_of("child.siblings | join(' and ')", kData, *l.en) == "Omar and Lina");
  CHECK(value_of("child.siblings | join", kData, *l.en) == "Omar, Lina");
  CHECK(value_of("child.siblings | first", kData, *l.en) == "Omar");
  CHECK(value_of("child.siblings | last | upper", kData, *l.en) == "LINA");
  CHECK(value_of("child.middle_name | default('none')", kData, *l.en) == "none");
  CHECK(value_of("empty | default('blank')", kData, *l.en) == "blank");
  CHECK(value_of("nothing | default(value='null')", kData, *l.en) == "null");
  CHECK(value_of("child.first_name | default('x')", kData, *l.en) == "Amina");
}

TEST_CASE("an undefined path is an error naming the path, at the expression's line and column, and the field meant") {
  testing::Locales l;
  auto r = render_body("<p>Hello\n   {{ child.first_nme }}</p>", kData, *l.en);
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.errors() ==
        "mem/t/template.xml:3:7: error[template.undefined]: 'child.first_nme' is not defined in the data\n"
        "  hint: did you mean child.first_name?\n");
}

TEST_CASE("a type error names what was wrong and where") {
  testing::Locales l;
  Diagnostics diags;
  value_of("child.siblings | upper", kData, *l.en, &diags);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "template.type");
  CHECK(diags.items()[0].message == "'upper' needs text, not a list");
  CHECK(diags.items()[0].pos.line == 2);
  CHECK(diags.items()[0].pos.column == 24);  // the filter's name

  value_of("child", kData, *l.en, &diags);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].message == "cannot show an object as text");
}

TEST_CASE("a repeated mistake inside a loop is reported once") {
  testing::Locales l;
  auto r = render_body("<for each=\"s in child.siblings\"><p>{{ s.name }}</p></for>", kData, *l.en);
  CHECK(r.diags.items().size() == 1);
  CHECK(r.has("template.undefined"));
}
