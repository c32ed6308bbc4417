#include <doctest/doctest.h>
#include <iostream>
#include "fixture.hpp"
using namespace quire;
TEST_CASE("smoke") {
  testing::Locales l;
  testing::TestWorld world;
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, testing::source_dir() + "/templates/pledge", diags);
  for (auto& d : diags.items()) std::cout << format_diagnostic(d) << "\n";
  REQUIRE(tpl);
  auto data = nlohmann::json::parse(*world.read_file(testing::source_dir() + "/templates/pledge/examples/care-leaver.json"));
  i18n::Catalogue en;
  en.load_xliff(*world.read_file(testing::source_dir() + "/locales/en-GB/messages.xlf"), "en", diags);
  i18n::Catalogue ar;
  ar.load_xliff(*world.read_file(testing::source_dir() + "/locales/ar/messages.xlf"), "ar", diags);
  i18n::Localiser loc(*i18n::locale_info("ar"), &ar, &en);
  auto doc = tpl->render(data, loc, diags);
  for (auto& d : diags.items()) std::cout << format_diagnostic(d) << "\n";
  std::cout << model::dump(doc);
}
