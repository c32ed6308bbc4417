// Every built-in template under templates/ loads, and every example beside it
// passes the template's schema and renders without a diagnostic, in English
// and in every locale that has a catalogue.
#include <doctest/doctest.h>

#include "data/json.hpp"
#include "fixture.hpp"

using namespace quire;

TEST_CASE("every built-in template renders each of its examples cleanly in every locale") {
  testing::TestWorld world;
  const std::string root = testing::source_dir() + "/templates";
  i18n::LocaleStore store(world, testing::source_dir() + "/locales");
  Diagnostics locale_diags;
  const i18n::Catalogue* english = store.catalogue(i18n::kSourceLocale, locale_diags);
  REQUIRE(english);

  int rendered = 0;
  for (const auto& name : world.list_directory(root)) {
    const std::string dir = root + "/" + name;
    if (!world.read_file(dir + "/template.xml")) continue;
    CAPTURE(name);
    Diagnostics diags;
    auto tpl = tmpl::Template::load(world, dir, diags);
    std::string problems;
    for (const auto& d : diags.items()) problems += format_diagnostic(d) + "\n";
    REQUIRE_MESSAGE(tpl, problems);

    for (const auto& example : world.list_directory(dir + "/examples")) {
      if (example.size() < 5 || example.substr(example.size() - 5) != ".json") continue;
      CAPTURE(example);
      Diagnostics data_diags;
      auto data = data::parse_json(*world.read_file(dir + "/examples/" + example), example, data_diags);
      REQUIRE(data);
      if (tpl->schema()) CHECK(tpl->schema()->validate(*data, example, data_diags));
      for (const auto& tag : store.available()) {
        CAPTURE(tag);
        const i18n::Catalogue* target = store.catalogue(tag, locale_diags);
        auto info = i18n::locale_info(tag);
        REQUIRE(info);
        i18n::Localiser loc(*info, target, english);
        Diagnostics render_diags;
        auto doc = tpl->render(*data, loc, render_diags);
        std::string errors;
        for (const auto& d : render_diags.items()) errors += format_diagnostic(d) + "\n";
        CHECK_MESSAGE(render_diags.empty(), errors);
        CHECK(doc.meta.language == info->tag);
        CHECK_FALSE(doc.sections.empty());
        ++rendered;
      }
    }
  }
  CHECK(rendered > 0);
}
