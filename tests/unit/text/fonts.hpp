// The real font library, loaded once per test binary. Fonts are a dependency:
// a missing font file fails the test run, it never skips.
#pragma once

#include <doctest/doctest.h>

#include "support/test_world.hpp"
#include "text/font.hpp"
#include "text/hyphenate.hpp"

namespace quire::testing {

inline const text::FontLibrary& test_fonts() {
  static TestWorld world;
  static Diagnostics diags;
  static text::FontLibrary fonts(world, font_root(), text::default_font_stack(), diags);
  REQUIRE_MESSAGE(!diags.has_errors(), (diags.empty() ? std::string() : diags.items().front().message));
  REQUIRE(fonts.size() > 0);
  return fonts;
}

inline const text::Hyphenators& test_hyphenators() {
  static TestWorld world;
  static auto hyph = text::Hyphenators::from_directory(world, "/usr/share/hyphen");
  REQUIRE_MESSAGE(hyph->supports("en-GB"), "hyphen-en-gb is not installed (scripts/install-deps.sh)");
  REQUIRE_MESSAGE(hyph->supports("ro"), "hyphen-ro is not installed (scripts/install-deps.sh)");
  return *hyph;
}

}  // namespace quire::testing
