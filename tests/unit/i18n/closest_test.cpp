// Locales as people write them resolve to the closest shipped catalogue.
#include <doctest/doctest.h>

#include "i18n/locale.hpp"

using quire::i18n::closest_locale;

namespace {
const std::vector<std::string> kShipped = {"am", "ar", "bn", "ckb", "cy", "en-GB", "fa", "kmr",    "prs",
                                           "ps", "ro", "so", "sq",  "ti", "ur",    "vi", "zh-Hans"};
std::string closest(const char* tag) {
  return closest_locale(tag, kShipped).value_or("(none)");
}
}  // namespace

TEST_CASE("a shipped tag is itself, whatever its case") {
  CHECK(closest("ar") == "ar");
  CHECK(closest("en-gb") == "en-GB");
  CHECK(closest("zh-hans") == "zh-Hans");
}

TEST_CASE("regional and script variants find their language by likely subtags") {
  CHECK(closest("ar-SA") == "ar");
  CHECK(closest("ar-EG") == "ar");
  CHECK(closest("zh") == "zh-Hans");
  CHECK(closest("zh-CN") == "zh-Hans");
  CHECK(closest("zh-SG") == "zh-Hans");
  CHECK(closest("en-US") == "en-GB");
  CHECK(closest("ps-PK") == "ps");
  CHECK(closest("ti-ER") == "ti");
  CHECK(closest("bn-IN") == "bn");
  CHECK(closest("ur-IN") == "ur");
}

TEST_CASE("the alias table: Dari, Kurmanji and Sorani") {
  CHECK(closest("fa-AF") == "prs");
  CHECK(closest("fa-IR") == "fa");
  CHECK(closest("ku") == "kmr");
  CHECK(closest("ku-Arab") == "ckb");
  CHECK(closest("ku-IQ") == "ckb");
}

TEST_CASE("no catalogue in the language or script: none") {
  CHECK(closest("zh-TW") == "(none)");  // Traditional Chinese is not Simplified
  CHECK(closest("pa-PK") == "(none)");
  CHECK(closest("de") == "(none)");
  CHECK(closest("!!") == "(none)");
}
