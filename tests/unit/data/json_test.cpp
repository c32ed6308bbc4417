#include "data/json.hpp"

#include <doctest/doctest.h>

using namespace quire;

TEST_CASE("valid JSON parses without diagnostics") {
  Diagnostics diags;
  auto j = data::parse_json(R"({"child": {"first_name": "Amina"}})", "child.json", diags);
  REQUIRE(j);
  CHECK(diags.empty());
  CHECK((*j)["child"]["first_name"] == "Amina");
}

TEST_CASE("a missing comma is reported at the line and column where the syntax breaks") {
  Diagnostics diags;
  auto j = data::parse_json("{\n  \"a\": 1\n  \"b\": 2\n}", "child.json", diags);
  CHECK_FALSE(j);
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.code == "data.syntax");
  CHECK(d.origin == Origin::Data);
  CHECK(d.pos.file == "child.json");
  CHECK(d.pos.line == 3);
  CHECK(d.pos.column == 5);
  CHECK(d.message.find("json.exception") == std::string::npos);
  CHECK(d.message.find("expected '}'") != std::string::npos);
}

TEST_CASE("syntax error columns count characters, not UTF-8 bytes") {
  Diagnostics diags;
  // "é" and "ل" are two bytes each; the stray 'x' is the 12th character of line 1.
  auto j = data::parse_json("{\"n\": \"éل\" x}", "d.json", diags);
  CHECK_FALSE(j);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].pos.line == 1);
  CHECK(diags.items()[0].pos.column == 12);
}

TEST_CASE("empty input is a syntax error at 1:1") {
  Diagnostics diags;
  CHECK_FALSE(data::parse_json("", "empty.json", diags));
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].pos.line == 1);
  CHECK(diags.items()[0].pos.column == 1);
  CHECK(format_diagnostic(diags.items()[0]).rfind("empty.json:1:1: error[data.syntax]", 0) == 0);
}
