// The complete example in docs/TEMPLATES.md (tests/unit/template/fixtures/docs-example)
// renders to the model the guide describes, and its example data fits its schema.
#include <doctest/doctest.h>

#include "data/json.hpp"
#include "fixture.hpp"

using namespace quire;

TEST_CASE("the guide's complete example renders as documented") {
  testing::Locales l;
  testing::TestWorld world;
  const std::string dir = testing::source_dir() + "/tests/unit/template/fixtures/docs-example";
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, dir, diags);
  REQUIRE(tpl);
  REQUIRE(tpl->schema());
  auto data = data::parse_json(*world.read_file(dir + "/examples/amani.json"), "amani.json", diags);
  REQUIRE(data);
  CHECK(tpl->schema()->validate(*data, "amani.json", diags));
  auto doc = tpl->render(*data, *l.en, diags);
  CHECK(diags.empty());
  CHECK(testing::without_isolates(model::dump(doc)) == testing::expected_case("docs-example"));

  (*data)["visits"] = nlohmann::json::array();
  auto empty = testing::without_isolates(model::dump(tpl->render(*data, *l.en, diags)));
  CHECK(empty.find("No visits are planned yet.") != std::string::npos);
  CHECK(empty.find("You have 0 visits planned.") != std::string::npos);
}
