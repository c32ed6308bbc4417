// Errors that teach: a misspelt filter, function, element, attribute or data field gets
// "did you mean", a tag left open names itself, and a partial's problem is said once with
// where it is included.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;

namespace {

testing::Rendered load(const std::string& xml, const std::string& data = "{}") {
  testing::Locales l;
  testing::TestWorld world;
  return testing::render_files(world, "mem/e", {{"template.xml", xml}}, data, *l.en);
}

const char* kSchema = R"({
  "type": "object",
  "properties": {
    "child": {"$ref": "#/definitions/person"},
    "visits": {"type": "array", "items": {"type": "object",
               "properties": {"date": {"type": "string"}, "who": {"type": "string"}, "note": {"type": "string"}}}}
  },
  "definitions": {
    "person": {"type": "object", "properties": {"first_name": {"type": "string"}, "nickname": {"type": "string"}}}
  }
})";

testing::Rendered with_schema(const std::string& body, const std::string& data) {
  testing::Locales l;
  testing::TestWorld world;
  return testing::render_files(world, "mem/s",
                               {{"template.xml", "<document>\n" + body + "\n</document>"}, {"schema.json", kSchema}},
                               data, *l.en);
}

}  // namespace

TEST_CASE("a misspelt filter or function is answered with the closest name") {
  auto r = load("<document>\n<p>{{ name | uper }} {{ add_day(d, 1) }}</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:14: error[template.unknown-filter]: unknown filter 'uper'\n"
        "  hint: did you mean 'upper'?\n"
        "mem/e/template.xml:2:25: error[template.unknown-filter]: unknown function 'add_day'\n"
        "  hint: did you mean 'add_days'?\n");
}

TEST_CASE("a filter called as a function, or a function used as a filter, says which it is") {
  auto r = load("<document>\n<p>{{ upper(name) }}</p><p>{{ dob | age_at }}</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:7: error[template.unknown-filter]: unknown function 'upper'\n"
        "  hint: 'upper' is a filter, not a function: write {{ value | upper }}\n"
        "mem/e/template.xml:2:37: error[template.unknown-filter]: unknown filter 'age_at'\n"
        "  hint: 'age_at' is a function, not a filter: write age_at(...)\n");
}

TEST_CASE("a filter name far from every filter lists the filters there are") {
  auto r = load("<document>\n<p>{{ name | capitalise }}</p>\n</document>");
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.diags.items()[0].hint.starts_with("the filters are: upper, lower, default, date,"));
}

TEST_CASE("a misspelt element or attribute is answered with the closest name") {
  auto r = load(
      "<document>\n<p>Hello <stong>there</stong></p>\n<table><tr><td colspna=\"2\">x</td></tr></table>\n"
      "<secton/>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:10: error[template.unknown-element]: unknown element <stong>\n"
        "  hint: did you mean <strong>?\n"
        "mem/e/template.xml:3:16: error[template.unknown-attribute]: <td> has no attribute 'colspna'\n"
        "  hint: did you mean 'colspan'? (its attributes are: colspan, rowspan, align, rag, shading)\n"
        "mem/e/template.xml:4:1: error[template.unknown-element]: unknown element <secton>\n"
        "  hint: did you mean <section>?\n");
}

TEST_CASE("a misspelt control element or its attribute is answered too") {
  auto r = load("<document>\n<fro each=\"x in xs\"/>\n<if tset=\"a\"><p>x</p></if>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:1: error[template.unknown-element]: unknown element <fro>\n"
        "  hint: did you mean <for>?\n"
        "mem/e/template.xml:3:5: error[template.unknown-attribute]: <if> has no attribute 'tset'\n"
        "  hint: did you mean 'test'? (its attributes are: test)\n"
        "mem/e/template.xml:3:1: error[template.syntax]: <if> needs a test attribute\n");
}

TEST_CASE("a misspelt field is answered from the template's schema") {
  // The record has no first_name at all: the schema still knows the field (through a $ref).
  auto r = with_schema("<p>Dear {{ child.frist_name }},</p>", R"({"child": {}})");
  CHECK(r.errors() ==
        "mem/s/template.xml:2:12: error[template.undefined]: 'child.frist_name' is not defined in the data\n"
        "  hint: did you mean child.first_name?\n");
}

TEST_CASE("a misspelt field is answered from the data when there is no schema") {
  auto r = load("<document>\n<p>{{ council.nmae | upper }} {{ councl.name }}</p>\n</document>",
                R"({"council": {"name": "Northbridge", "phone": "01632 960 100"}})");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:7: error[template.undefined]: 'council.nmae' is not defined in the data\n"
        "  hint: did you mean council.name?\n"
        "mem/e/template.xml:2:34: error[template.undefined]: 'councl.name' is not defined in the data\n"
        "  hint: did you mean council.name?\n");
}

TEST_CASE("a misspelt field of a loop variable is answered from the item and the schema's items") {
  auto r = with_schema("<for each=\"v in visits\"><p>{{ v.whoo }}: {{ v.noet }}</p></for>",
                       R"({"visits": [{"date": "2026-04-02", "who": "Grandma"}]})");
  CHECK(r.errors() ==
        "mem/s/template.xml:2:31: error[template.undefined]: 'v.whoo' is not defined in the data\n"
        "  hint: did you mean v.who?\n"
        "mem/s/template.xml:2:45: error[template.undefined]: 'v.noet' is not defined in the data\n"
        "  hint: did you mean v.note?\n");
}

TEST_CASE("a field the schema declares but the record lacks is optional: only then is default the advice") {
  auto r = with_schema("<p>{{ child.nickname }}</p>", R"({"child": {"first_name": "Amani"}})");
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.diags.items()[0].hint ==
        "'child.nickname' is in schema.json but this record has none; if it is optional, show it only when present "
        "(<if test=\"child.nickname\">) or give a value for when it is missing ({{ child.nickname | "
        "default('...') }})");
}

TEST_CASE("a field with no close name lists the fields there are, and default comes last") {
  auto r = load("<document>\n<p>{{ worker.telephone_number }}</p>\n</document>",
                R"({"worker": {"name": "Sam Patel", "phone": "01632 960 123"}})");
  REQUIRE(r.diags.items().size() == 1);
  const std::string hint = r.diags.items()[0].hint;
  CHECK(hint.starts_with("the fields there are: name, phone; if it is optional"));
  CHECK(hint.find("default(") > hint.find("fields there are"));
}

TEST_CASE("an element left open names itself, where it opens and the end tag it runs into") {
  auto r = load("<document>\n  <p>Hello <strong>there,\n  friend.</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:3:10: error[template.syntax]: <strong> opened at 2:12 is not closed before </p> at 3:10\n"
        "  hint: add </strong> where it should end (or write <strong/> if it holds nothing)\n");
}

TEST_CASE("comments, CDATA and quoted '>' do not confuse the search for the open element") {
  auto r = load(
      "<?xml version=\"1.0\"?>\n<!-- <p> in a comment -->\n<document title=\"a > b\">\n"
      "<p><![CDATA[</em>]]><br/><em>x</p>\n</document>");
  CHECK(r.errors() ==
        "mem/e/template.xml:4:31: error[template.syntax]: <em> opened at 4:26 is not closed before </p> at 4:31\n"
        "  hint: add </em> where it should end (or write <em/> if it holds nothing)\n");
}

TEST_CASE("an element never closed, and an end tag closing nothing, are named") {
  auto open = load("<document>\n<section>\n<p>x</p>\n");
  REQUIRE(open.diags.items().size() == 1);
  CHECK(open.diags.items()[0].message == "<section> opened at 2:1 is never closed before the end of the file");
  CHECK(open.diags.items()[0].pos.line == 2);
  auto stray = load("<document>\n<p>x</p></em>\n</document>");
  REQUIRE(stray.diags.items().size() == 1);
  CHECK(stray.diags.items()[0].message == "</em> at 2:9 closes no open element");
  CHECK(stray.diags.items()[0].hint == "remove it, or add the <em> it should close");
}

TEST_CASE("a partial's mistake is reported once, with where it is included, however often") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/p",
                                 {{"template.xml",
                                   "<document>\n"
                                   "  <include src=\"partials/contact.xml\"/>\n"
                                   "  <include src=\"partials/contact.xml\"/>\n"
                                   "  <include src=\"partials/contact.xml\"/>\n"
                                   "</document>"},
                                  {"partials/contact.xml", "<partial>\n  <p>{{ worker.name | uper }}</p>\n</partial>"}},
                                 "{}", *l.en);
  CHECK(r.errors() ==
        "mem/p/partials/contact.xml:2:23 (included from mem/p/template.xml:2:17, and 2 other places): "
        "error[template.unknown-filter]: unknown filter 'uper'\n"
        "  hint: did you mean 'upper'?\n");
}

TEST_CASE("a partial's mistake found while rendering is reported once, with the include chain") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(
      world, "mem/q",
      {{"template.xml",
        "<document>\n  <include src=\"partials/card.xml\"/>\n  <include src=\"partials/card.xml\"/>\n</document>"},
       {"partials/card.xml", "<partial>\n  <box><include src=\"partials/contact.xml\"/></box>\n</partial>"},
       {"partials/contact.xml", "<partial>\n  <p>{{ worker.nme }}</p>\n</partial>"}},
      R"({"worker": {"name": "Sam Patel"}})", *l.en);
  CHECK(r.errors() ==
        "mem/q/partials/contact.xml:2:9 (included from mem/q/partials/card.xml:2:22, included from "
        "mem/q/template.xml:2:17, and 1 other place): error[template.undefined]: 'worker.nme' is not defined in the "
        "data\n"
        "  hint: did you mean worker.name?\n");
}

TEST_CASE("a syntax error in a partial included twice is reported once, at the partial") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(
      world, "mem/x",
      {{"template.xml", "<document>\n  <include src=\"a.xml\"/>\n  <include src=\"a.xml\"/>\n</document>"},
       {"a.xml", "<partial>\n  <p><em>x</p>\n</partial>"}},
      "{}", *l.en);
  CHECK(r.errors() ==
        "mem/x/a.xml:2:11 (included from mem/x/template.xml:2:17, and 1 other place): error[template.syntax]: <em> "
        "opened at 2:6 is not closed before </p> at 2:11\n"
        "  hint: add </em> where it should end (or write <em/> if it holds nothing)\n");
}

TEST_CASE("the first item of an empty list is explained as such") {
  auto r = load("<document>\n<p>{{ names | first }}</p>\n</document>", R"({"names": []})");
  CHECK(r.errors() ==
        "mem/e/template.xml:2:15: error[template.undefined]: 'first' is not defined in the data\n"
        "  hint: the list is empty, so it has no first item; show it only when the list has items (<if "
        "test=\"names\">)\n");
}
