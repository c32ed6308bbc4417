#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "data/json.hpp"

using namespace quire;
using nlohmann::json;

namespace {

const json kSchema = json::parse(R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["child", "issued"],
  "properties": {
    "issued": {"type": "string", "format": "date"},
    "care_leaver": {"type": "boolean"},
    "child": {
      "type": "object",
      "required": ["first_name"],
      "properties": {
        "first_name": {"type": "string", "minLength": 1, "maxLength": 20},
        "age": {"type": "integer", "minimum": 0},
        "pronoun": {"enum": ["she", "he", "they"]}
      }
    },
    "contacts": {"type": "array", "items": {"$ref": "#/definitions/contact"}},
    "a/b~c": {"type": "string"}
  },
  "definitions": {
    "contact": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
  }
})");

std::vector<Diagnostic> validate(const json& data) {
  Diagnostics diags;
  auto schema = data::Schema::compile(kSchema, "schema.json", diags);
  REQUIRE(schema);
  REQUIRE(diags.empty());
  bool ok = schema->validate(data, "child.json", diags);
  CHECK(ok == diags.empty());
  return diags.items();
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& pointer) {
  for (const auto& d : ds)
    if (d.pointer == pointer) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("valid data passes the schema") {
  auto ds = validate(json::parse(R"({"issued": "2025-03-01", "child": {"first_name": "Amina", "age": 9},
                                     "contacts": [{"name": "Jo"}]})"));
  CHECK(ds.empty());
}

TEST_CASE("every violation is reported at once, each with its JSON pointer and no parent echoes") {
  auto ds = validate(json::parse(R"({"issued": "2025-03-01", "child": {"age": "nine"}})"));
  REQUIRE(ds.size() == 2);
  const auto* missing = find(ds, "/child");  // the object that lacks it
  REQUIRE(missing);
  CHECK(missing->code == "data.schema");
  CHECK(missing->origin == Origin::Data);
  CHECK(missing->pos.file == "child.json");
  CHECK(missing->message == "missing required property 'first_name'");
  const auto* age = find(ds, "/child/age");
  REQUIRE(age);
  CHECK(age->message == "wrong type: expected a whole number, got text");
  CHECK(format_diagnostic(*missing) == "child.json#/child: error[data.schema]: missing required property 'first_name'");
}

TEST_CASE("violations deep in arrays and behind $ref carry the array index in the pointer") {
  auto ds = validate(json::parse(R"({"issued": "2025-03-01", "child": {"first_name": "A"},
                                     "contacts": [{"name": "Jo"}, {"name": 7}]})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/contacts/1/name");
  CHECK(ds[0].message == "wrong type: expected text, got a whole number");
}

TEST_CASE("enum, date format, minimum and missing top-level properties read as plain language") {
  auto ds = validate(json::parse(R"({"issued": "2025-02-30x", "child": {"first_name": "", "age": -1,
                                     "pronoun": "it"}})"));
  REQUIRE(ds.size() == 4);
  REQUIRE(find(ds, "/issued"));
  CHECK(find(ds, "/issued")->message.find("YYYY-MM-DD") != std::string::npos);
  REQUIRE(find(ds, "/child/pronoun"));
  CHECK(find(ds, "/child/pronoun")->message == R"(must be one of "she", "he", "they" (got "it"))");
  REQUIRE(find(ds, "/child/age"));
  CHECK(find(ds, "/child/age")->message == "must be at least 0");
  REQUIRE(find(ds, "/child/first_name"));
  CHECK(find(ds, "/child/first_name")->message == "is too short: at least 1 character");

  auto top = validate(json::parse(R"({"child": {"first_name": "A"}})"));
  REQUIRE(top.size() == 1);
  CHECK(top[0].pointer == "");  // RFC 6901: the whole document
  CHECK(format_diagnostic(top[0]) == "child.json#: error[data.schema]: missing required property 'issued'");
}

TEST_CASE("a well-formed date with a day its month does not have is called a date, not a date and time") {
  auto ds = validate(json::parse(R"({"issued": "2026-02-30", "child": {"first_name": "A"}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/issued");
  CHECK(ds[0].message == "must be a real date written YYYY-MM-DD (e.g. 2025-03-31)");
}

TEST_CASE("text longer than the schema allows says the limit") {
  auto ds = validate(json::parse(R"({"issued": "2025-03-01", "child": {"first_name": "Abcdefghijklmnopqrstuvwxyz"}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/child/first_name");
  CHECK(ds[0].message == "is too long: at most 20 characters");
}

TEST_CASE("pointer tokens escape '~' and '/' as RFC 6901 says") {
  auto ds = validate(json::parse(R"({"issued": "2025-03-01", "child": {"first_name": "A"}, "a/b~c": 1})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/a~1b~0c");
}

TEST_CASE("an invalid schema is a template diagnostic, not a crash") {
  Diagnostics diags;
  auto schema = data::Schema::compile(json::parse(R"({"type": 5})"), "schema.json", diags);
  CHECK_FALSE(schema);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "template.schema");
  CHECK(diags.items()[0].origin == Origin::Template);
}

TEST_CASE("a record with four different mistakes gets exactly four lines, one per mistake") {
  auto ds = validate(json::parse(R"({"child": {"first_name": ""}, "issued": "14/03/2026", "care_leaver": "yes",
                                     "contacts": [{}]})"));
  std::string lines;
  for (const auto& d : ds) lines += format_diagnostic(d) + "\n";
  CHECK(lines ==
        "child.json#/care_leaver: error[data.schema]: wrong type: expected true or false, got text\n"
        "child.json#/child/first_name: error[data.schema]: is too short: at least 1 character\n"
        "child.json#/contacts/0: error[data.schema]: missing required property 'name'\n"
        "child.json#/issued: error[data.schema]: must be a real date written YYYY-MM-DD (e.g. 2025-03-31)\n");
}

TEST_CASE("a value matching none of anyOf's alternatives is one problem, not one per alternative") {
  Diagnostics diags;
  auto schema = data::Schema::compile(json::parse(R"({"type": "object", "properties": {
      "age": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^[0-9]+$"}]}}})"),
                                      "schema.json", diags);
  REQUIRE(schema);
  CHECK_FALSE(schema->validate(json::parse(R"({"age": true})"), "d.json", diags));
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].pointer == "/age");
  CHECK(diags.items()[0].message == "does not match any of the allowed forms");
}

// quire checks "format" without valijson's regexes (compiled afresh for every value); the
// outcome must be what those regexes and valijson's day-of-month check give.
TEST_CASE("the date, time and date-time formats accept exactly what valijson's own checks accept") {
  const std::regex date_re("^([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$");
  const std::regex time_re(
      "^([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\\.[0-9]+)?(([Zz])|([\\+|\\-]([01][0-9]|2[0-3]):[0-5][0-9]))$");
  const std::regex datetime_re(
      "^([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\\.[0-9]+)"
      "?"
      "(([Zz])|([\\+|\\-]([01][0-9]|2[0-3]):[0-5][0-9]))$");
  auto day_fits = [](const std::smatch& m) {
    int month = std::stoi(m[2].str()), day = std::stoi(m[3].str());
    int limit = month == 2 ? 29 : (month <= 7 ? (month % 2 == 0 ? 30 : 31) : (month % 2 != 0 ? 30 : 31));
    return day <= limit;
  };
  const std::vector<std::string> dates = {
      "2025-03-31", "2026-02-29",           "2026-02-30",    "2025-04-31",  "2025-09-31",  "2025-12-31",  "2025-11-31",
      "2025-07-31", "2025-08-31",           "1-01-01",       "02025-01-01", "2025-1-01",   "2025-00-10",  "2025-13-01",
      "2025-10-00", "2025-10-32",           "2025-10-3",     "-01-01",      "2025-01-01 ", " 2025-01-01", "2025/01/01",
      "",           "2025-01-01T10:00:00Z", "２０２５-01-01"};
  const std::vector<std::string> times = {"10:00:00Z",        "23:59:60z",       "24:00:00Z",       "10:00:00",
                                          "10:00:00.5+01:00", "10:00:00.+01:00", "10:00:00|01:00",  "10:00:00-23:59",
                                          "10:00:00+24:00",   "10:00:00+01:60",  "9:00:00Z",        "10:60:00Z",
                                          "10:00:61Z",        "10:00:00Zx",      "10:00:00+01:00 ", ""};
  json schema = json::parse(R"({"type": "object", "properties": {
    "d": {"type": "string", "format": "date"}, "t": {"type": "string", "format": "time"},
    "dt": {"type": "string", "format": "date-time"}}})");
  Diagnostics compile_diags;
  auto compiled = data::Schema::compile(schema, "schema.json", compile_diags);
  REQUIRE(compiled);
  auto accepts = [&](const char* key, const std::string& value) {
    Diagnostics diags;
    return compiled->validate(json{{key, value}}, "x.json", diags);
  };
  std::smatch m;
  for (const auto& d : dates) {
    CAPTURE(d);
    CHECK(accepts("d", d) == (std::regex_match(d, m, date_re) && day_fits(m)));
    for (const auto& t : times) {
      std::string dt = d + "T" + t;
      CAPTURE(dt);
      CHECK(accepts("dt", dt) == (std::regex_match(dt, m, datetime_re) && day_fits(m)));
    }
  }
  for (const auto& t : times) {
    CAPTURE(t);
    CHECK(accepts("t", t) == std::regex_match(t, time_re));
    const std::string dt = "2025-06-30t" + t;
    CHECK(accepts("dt", dt) == std::regex_match(dt, datetime_re));
  }
}
