// Hostile data and schemas (issue 12): deep nesting and $ref cycles are clear errors.
#include <doctest/doctest.h>

#include <string>

#include "data/json.hpp"

using namespace quire;
using nlohmann::json;

TEST_CASE("JSON nested deeper than the limit is data.limit at the bracket, before any parsing") {
  Diagnostics diags;
  std::string deep = "{\"a\": \n" + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK_FALSE(data::parse_json(deep, "d.json", diags));
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "data.limit");
  CHECK(diags.items()[0].origin == Origin::Data);
  CHECK(diags.items()[0].pos.line == 2);
  CHECK(diags.items()[0].pos.column == data::kMaxJsonDepth);  // the 100th '[' opens level 101
}

TEST_CASE("JSON at the depth limit parses; brackets inside strings do not count") {
  Diagnostics diags;
  const int n = data::kMaxJsonDepth;
  CHECK(data::parse_json(std::string(n, '[') + std::string(n, ']'), "d.json", diags));
  CHECK(data::parse_json("{\"s\": \"" + std::string(5000, '[') + "\\\"\"}", "d.json", diags));
  CHECK(diags.empty());
}

TEST_CASE("a $ref cycle in a schema is refused instead of recursing for ever") {
  for (const char* text : {
           R"({"$ref": "#"})",
           R"({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}},
               "properties": {"x": {"$ref": "#/definitions/a"}}})",
           R"({"allOf": [{"$ref": "#"}]})",
           R"({"definitions": {"a": {"anyOf": [{"not": {"$ref": "#/definitions/a"}}]}}, "$ref": "#/definitions/a"})",
       }) {
    Diagnostics diags;
    CHECK_FALSE(data::Schema::compile(json::parse(text), "schema.json", diags));
    REQUIRE_FALSE(diags.empty());
    CHECK(diags.items()[0].code == "template.limit");
  }
}

TEST_CASE("a recursive schema that descends into the data is fine") {
  Diagnostics diags;
  auto schema = data::Schema::compile(json::parse(R"({"type": "object",
      "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}})"),
                                      "schema.json", diags);
  REQUIRE(schema);
  CHECK(
      schema->validate(json::parse(R"({"name": "a", "children": [{"name": "b", "children": []}]})"), "d.json", diags));
  CHECK_FALSE(schema->validate(json::parse(R"({"children": [{"name": 3}]})"), "d.json", diags));
}

TEST_CASE("a $ref that is not a pointer into the schema itself is refused (found by fuzzing)") {
  for (const char* text : {
           R"({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}},
               "$ref": "&/definitions/a"})",
           R"({"$ref": "other.json#/x"})",
           R"({"$ref": "#/no/such"})",
           R"({"$ref": "#/d%25x"})",
       }) {
    Diagnostics diags;
    CHECK_FALSE(data::Schema::compile(json::parse(text), "schema.json", diags));
    REQUIRE_FALSE(diags.empty());
    CHECK(diags.items()[0].code == "template.limit");
  }
}
