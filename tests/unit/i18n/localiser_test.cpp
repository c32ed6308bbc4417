// The localisation runtime: catalogues, fallback to English, ICU formatting.
#include <doctest/doctest.h>

#include <algorithm>

#include "i18n/locale.hpp"
#include "support/test_world.hpp"
#include "support/xliff.hpp"

using namespace quire;
using namespace quire::i18n;

namespace {

using testing::xliff;

std::string unit(std::string_view id, std::string_view source, std::string_view target,
                 std::string_view state = "translated") {
  return testing::xliff_unit(id, source, target, state);
}

struct Fixture {
  Catalogue english, arabic;
  Diagnostics diags;
  Fixture() {
    english.load_xliff(
        xliff("en-GB", unit("greet", "Dear {name},", "Dear {name},", "final") +
                           unit("visits", "{n, plural, one {# visit} other {# visits}}",
                                "{n, plural, one {# visit} other {# visits}}", "final") +
                           unit("changed", "New English text", "New English text", "final") +
                           unit("untranslated", "Only English", "Only English", "final") +
                           unit("issued", "Issued {date, date, long}", "Issued {date, date, long}", "final")),
        "en.xlf", diags);
    arabic.load_xliff(
        xliff("ar", unit("greet", "Dear {name},", "مرحبًا {name}،") + unit("changed", "Old English text", "نص قديم") +
                        unit("untranslated", "Only English", "", "new") +
                        unit("issued", "Issued {date, date, long}", "صدر في {date, date, long}")),
        "ar.xlf", diags);
  }
};

}  // namespace

TEST_CASE("a translated message is formatted in the target language with its arguments") {
  Fixture f;
  REQUIRE(f.diags.empty());
  Localiser loc(*locale_info("ar"), &f.arabic, &f.english);
  CHECK(loc.message("greet", {{"name", std::string("Samir")}}, f.diags) == "مرحبًا Samir،");
  CHECK(loc.fallbacks().empty());
}

TEST_CASE("a string whose English source changed falls back to English and is recorded as stale") {
  Fixture f;
  Localiser loc(*locale_info("ar"), &f.arabic, &f.english);
  CHECK(loc.message("changed", {}, f.diags) == "New English text");
  REQUIRE(loc.fallbacks().size() == 1);
  CHECK(loc.fallbacks()[0].id == "changed");
  CHECK(loc.fallbacks()[0].reason == Fallback::Reason::Stale);
}

TEST_CASE("a missing or untranslated string falls back to English and is recorded as missing") {
  Fixture f;
  Localiser loc(*locale_info("ar"), &f.arabic, &f.english);
  CHECK(loc.message("untranslated", {}, f.diags) == "Only English");
  CHECK(loc.message("visits", {{"n", 2.0}}, f.diags) == "2 visits");
  REQUIRE(loc.fallbacks().size() == 2);
  CHECK(loc.fallbacks()[0].reason == Fallback::Reason::Missing);
  loc.reset_fallbacks();
  CHECK(loc.fallbacks().empty());
}

TEST_CASE("an id unknown in English is a template error naming the id") {
  Fixture f;
  Localiser loc(*locale_info("ar"), &f.arabic, &f.english);
  CHECK(loc.message("no.such", {}, f.diags) == "no.such");
  REQUIRE(f.diags.has_errors());
  CHECK(f.diags.items()[0].code == "template.unknown-message");
}

TEST_CASE("dates are Gregorian in every locale, including Persian ones") {
  Fixture f;
  Date d{2026, 3, 21};
  Localiser en(*locale_info("en-GB"), &f.english, &f.english);
  CHECK(en.format_date(d, "long") == "21 March 2026");
  CHECK(en.message("issued", {{"date", d}}, f.diags) == "Issued 21 March 2026");
  Localiser fa(*locale_info("fa"), nullptr, &f.english);
  std::string persian = fa.format_date(d, "long");
  CHECK(persian.find("مارس") != std::string::npos);  // March, not Farvardin (1 Farvardin 1405)
  CHECK(persian.find("فروردین") == std::string::npos);
}

TEST_CASE("Kurmanji dates read day, month, year, as CLDR gives them, not ICU 72's inherited year-first order") {
  Fixture f;
  Catalogue kurmanji;
  kurmanji.load_xliff(
      xliff("kmr", unit("issued", "Issued {date, date, long}", "Dîroka derxistinê: {date, date, long}")), "kmr.xlf",
      f.diags);
  Date d{2026, 3, 14};
  Localiser kmr(*locale_info("kmr"), &kurmanji, &f.english);
  CHECK(kmr.format_date(d, "long") == "14ê adarê 2026");
  CHECK(kmr.format_date(d, "short") == "14.03.2026");
  CHECK(kmr.message("issued", {{"date", d}}, f.diags) == "Dîroka derxistinê: 14ê adarê 2026");
  CHECK(kmr.format_date(d, "full") == "şemî, 14ê adarê 2026");
  // Languages with patterns of their own keep them.
  Localiser en(*locale_info("en-GB"), &f.english, &f.english);
  CHECK(en.format_date(d, "short") == "14/03/2026");
}

TEST_CASE("plural categories come from CLDR: Arabic has six, Welsh has six, English two") {
  Fixture f;
  Localiser ar(*locale_info("ar"), nullptr, &f.english);
  CHECK(ar.plural_category(0) == "zero");
  CHECK(ar.plural_category(1) == "one");
  CHECK(ar.plural_category(2) == "two");
  CHECK(ar.plural_category(3) == "few");
  CHECK(ar.plural_category(11) == "many");
  CHECK(ar.plural_category(100) == "other");
  Localiser cy(*locale_info("cy"), nullptr, &f.english);
  CHECK(cy.plural_category(3) == "few");
  CHECK(cy.plural_category(6) == "many");
  Localiser en(*locale_info("en-GB"), nullptr, &f.english);
  CHECK(en.plural_category(1) == "one");
  CHECK(en.plural_category(0) == "other");
}

TEST_CASE("numbers use the locale's separators and digits") {
  Fixture f;
  Localiser en(*locale_info("en-GB"), nullptr, &f.english);
  CHECK(en.format_number(12345.678, 1) == "12,345.7");
  Localiser fa(*locale_info("fa"), nullptr, &f.english);
  CHECK(fa.format_number(12, 0) == "۱۲");
}

TEST_CASE("locale facts: direction, script and the aliases for Dari and Kurmanji") {
  auto prs = locale_info("prs");
  REQUIRE(prs);
  CHECK(prs->direction == model::Direction::Rtl);
  CHECK(prs->icu_id == "fa_AF");
  CHECK(prs->english_name == "Dari");
  CHECK(prs->script == "Arab");
  auto kmr = locale_info("kmr");
  REQUIRE(kmr);
  CHECK(kmr->direction == model::Direction::Ltr);
  CHECK(kmr->script == "Latn");
  CHECK(locale_info("ti")->script == "Ethi");
  CHECK(locale_info("bn")->english_name == "Bengali");
  CHECK(locale_info("zh-Hans")->script == "Hans");
  CHECK(locale_info("ckb")->direction == model::Direction::Rtl);
  CHECK(locale_info("ur")->direction == model::Direction::Rtl);
  CHECK_FALSE(locale_info(""));
  CHECK_FALSE(locale_info("not a tag!"));
}

TEST_CASE("parse_date accepts real ISO dates only") {
  CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("2023-13-01"));
  CHECK_FALSE(parse_date("23-01-01"));
  CHECK_FALSE(parse_date("2023-01-1x"));
}

TEST_CASE("catalogue problems are reported with file:line:col") {
  Catalogue c;
  Diagnostics diags;
  c.load_xliff(xliff("ar", unit("a", "x", "y") + unit("a", "x", "z")), "ar.xlf", diags);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "locale.duplicate-id");
  CHECK(diags.items()[0].pos.file == "ar.xlf");
  CHECK(diags.items()[0].pos.line == 5);
  Diagnostics broken;
  c.load_xliff("<xliff><file>", "bad.xlf", broken);
  REQUIRE(broken.has_errors());
  CHECK(broken.items()[0].code == "locale.syntax");
}

TEST_CASE("the shipped catalogues load cleanly and every locale folder is found") {
  testing::TestWorld world;
  LocaleStore store(world, testing::source_dir() + "/locales");
  auto tags = store.available();
  CHECK(std::find(tags.begin(), tags.end(), "en-GB") != tags.end());
  CHECK(std::find(tags.begin(), tags.end(), "ar") != tags.end());
  for (const auto& tag : tags) {
    Diagnostics diags;
    const Catalogue* cat = store.catalogue(tag, diags);
    INFO(tag);
    REQUIRE(cat);
    CHECK(diags.empty());
    CHECK(cat->find("pledge.title"));
    CHECK(locale_info(tag));
  }
}

TEST_CASE("a message nested deeper than the limit is refused when loaded and never reaches ICU") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "{x, select, a ";
  deep += "y";
  for (int i = 0; i < 5000; ++i) deep += " other {z}}";
  CHECK(message_too_deep(deep) >= 0);
  CHECK(message_too_deep("{n, plural, one {# '{'visit} other {# visits}}") == -1);
  Fixture f;
  Catalogue loaded;
  Diagnostics diags;
  loaded.load_xliff(xliff("ar", unit("greet", "Dear {name},", deep)), "ar.xlf", diags);
  REQUIRE(diags.has_errors());
  CHECK(diags.items()[0].code == "locale.limit");
  CHECK(diags.items()[0].pos.line == 4);

  // A catalogue that did not come through load_xliff: the Localiser checks again.
  Catalogue planted;
  Message m = *f.arabic.find("greet");
  m.target = deep;
  planted.put(m);
  Localiser loc(*locale_info("ar"), &planted, &f.english);
  CHECK(loc.message("greet", {{"name", std::string("Samir")}}, f.diags) == "Dear Samir,");
  REQUIRE(loc.fallbacks().size() == 1);
  CHECK(loc.fallbacks()[0].reason == Fallback::Reason::Invalid);
}

TEST_CASE("a message used without an argument its English needs is a template error, not 'Dear {name},'") {
  Fixture f;
  Localiser loc(*locale_info("ar"), &f.arabic, &f.english);
  Diagnostics diags;
  loc.message("greet", {}, diags);
  REQUIRE(diags.has_errors());
  CHECK(diags.items()[0].code == "template.message-args");
  CHECK(diags.items()[0].origin == Origin::Template);
  CHECK(diags.items()[0].message.find("'name'") != std::string::npos);
}

TEST_CASE("a catalogue with a DOCTYPE, control characters or references to them is refused") {
  auto codes = [](const std::string& xml) {
    Catalogue c;
    Diagnostics d;
    c.load_xliff(xml, "x.xlf", d);
    std::string out;
    for (const auto& item : d.items()) out += item.code + " ";
    return out;
  };
  const std::string good = xliff("ar", unit("greet", "Dear {name},", "Hi {name},"));
  CHECK(codes(good) == "");
  CHECK(codes("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n" + good.substr(good.find('\n') + 1)) ==
        "locale.syntax ");
  CHECK(codes(xliff("ar", unit("greet", "Dear {name},", "Hi\x01 {name},"))) == "locale.syntax ");
  CHECK(codes(xliff("ar", unit("greet", "Dear {name},", "Hi&#0; {name},"))) == "locale.syntax ");
  CHECK(codes(xliff("ar", unit("greet", "Dear {name},", "Hi&#x1b; {name},"))) == "locale.syntax ");
  CHECK(codes(xliff("ar", unit("greet", "Dear {name},", "Hi {name},", "bogus"))) == "locale.state ");
  CHECK(codes(xliff("ar", unit("greet", "Dear {name},", "Hi {name},", "x-reviewed-by-team"))) == "");
}
