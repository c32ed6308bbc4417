// One loaded template is shared by all of a server's threads: rendering must not
// touch shared state.
#include <doctest/doctest.h>

#include <thread>

#include "fixture.hpp"

using namespace quire;

TEST_CASE("threads rendering one template at once each get the same document") {
  testing::Locales l;
  testing::TestWorld world;
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, testing::source_dir() + "/tests/unit/template/fixtures/docs-example", diags);
  REQUIRE(tpl);
  auto data = nlohmann::json::parse(
      *world.read_file(testing::source_dir() + "/tests/unit/template/fixtures/docs-example/examples/amani.json"));
  const std::string expected = model::dump(tpl->render(data, *l.en, diags));

  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] {
      i18n::Localiser loc(*i18n::locale_info("en-GB"), &l.english, &l.english);  // one per thread
      for (int i = 0; i < 50; ++i) {
        Diagnostics d;
        std::string dump = model::dump(tpl->render(data, loc, d));
        if (!d.empty() || dump != expected) return;
      }
      results[t] = expected;
    });
  for (auto& th : threads) th.join();
  for (const auto& r : results) CHECK(r == expected);
}
