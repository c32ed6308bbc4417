// The translators' workflow: status, stale strings, checks, export and import.
#include "l10n/workflow.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "support/xliff.hpp"

using namespace quire;
using namespace quire::l10n;

namespace {

using testing::xliff;

std::string unit(std::string_view id, std::string_view source, std::string_view target,
                 std::string_view state = "translated") {
  return testing::xliff_unit(id, source, target, state);
}

const char* kVisits = "{n, plural, one {# visit} other {# visits}}";
const char* kVisitsAr =
    "{n, plural, zero {لا زيارات} one {زيارة واحدة} two {زيارتان} few {# زيارات} many {# زيارة} other {# زيارة}}";

struct Fixture {
  Catalogue english, arabic;
  i18n::LocaleInfo ar = *i18n::locale_info("ar");
  Diagnostics diags;
  Fixture() {
    english.load_xliff(xliff("en-GB", unit("greet", "Dear {name},", "Dear {name},", "final") +
                                          unit("visits", kVisits, kVisits, "final") +
                                          unit("title", "Our Pledge to you", "Our Pledge to you", "final") +
                                          unit("closing", "Tell us.", "Tell us.", "final")),
                       "en.xlf", diags);
    arabic.load_xliff(
        xliff("ar", unit("greet", "Dear {name},", "مرحبًا {name}،", "signed-off") + unit("visits", kVisits, kVisitsAr) +
                        unit("title", "Our Promise to you", "وعدنا لك", "final")),
        "ar.xlf", diags);
  }
};

int count(const LocaleStatus& s, StringStatus k) {
  return s.counts.at(k);
}

}  // namespace

TEST_CASE("status counts each state, and a changed English string makes its translation stale") {
  Fixture f;
  REQUIRE(f.diags.empty());
  auto st = status(f.english, f.arabic, "Arabic");
  CHECK(st.total == 4);
  CHECK(count(st, StringStatus::Reviewed) == 1);
  CHECK(count(st, StringStatus::Translated) == 1);
  CHECK(count(st, StringStatus::Stale) == 1);  // "title" was made from "Our Promise to you"
  CHECK(count(st, StringStatus::Missing) == 1);
  CHECK(st.percent_complete() == doctest::Approx(50.0));
}

TEST_CASE("check accepts a complete Arabic plural and refuses one without its few and many forms") {
  Fixture f;
  Diagnostics ok;
  check(f.english, f.arabic, f.ar, ok);
  CHECK_FALSE(ok.has_errors());

  Catalogue broken;
  broken.load_xliff(xliff("ar", unit("visits", kVisits, "{n, plural, one {زيارة واحدة} other {# زيارة}}")), "b.xlf",
                    f.diags);
  Diagnostics d;
  check(f.english, broken, f.ar, d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "locale.plural-missing");
  CHECK(d.items()[0].message.find("'visits'") != std::string::npos);
  CHECK(d.items()[0].message.find("few") != std::string::npos);
  CHECK(d.items()[0].pos.file == "b.xlf");
  CHECK(d.items()[0].pos.line == 4);
}

TEST_CASE("check finds a lost placeholder, an invented one, bad syntax and unbalanced bidi controls") {
  Fixture f;
  Catalogue bad;
  bad.load_xliff(xliff("ar", unit("greet", "Dear {name},", "مرحبًا،") + unit("title", "Our Pledge to you", "{oops") +
                                 unit("closing", "Tell us.",
                                      "\xE2\x80\xAB"
                                      "أخبرنا {who}")),
                 "bad.xlf", f.diags);
  Diagnostics d;
  check(f.english, bad, f.ar, d);
  std::vector<std::string> codes;
  for (const auto& item : d.items()) codes.push_back(item.code);
  CHECK(codes == std::vector<std::string>{"locale.placeholder-missing", "locale.syntax", "locale.bidi-unbalanced",
                                          "locale.placeholder-unknown"});
}

TEST_CASE("export marks stale strings for review with the previous translation as a suggestion") {
  Fixture f;
  UsageMap usage{{"title", {{"pledge", "template.xml:14, heading 1"}}}};
  std::string out = export_xliff(f.english, f.arabic, usage);
  CHECK(out.find("<source>Our Pledge to you</source>") != std::string::npos);
  CHECK(out.find("state=\"needs-review-translation\">وعدنا لك</target>") != std::string::npos);
  CHECK(out.find("<alt-trans origin=\"previous-translation\">") != std::string::npos);
  CHECK(out.find("<source>Our Promise to you</source>") != std::string::npos);
  CHECK(out.find("Used in pledge (template.xml:14, heading 1).") != std::string::npos);
  CHECK(out.find("<target state=\"new\"></target>") != std::string::npos);  // "closing" has no translation yet
}

TEST_CASE("an export imported unchanged gives back the catalogue byte for byte, stale strings still stale") {
  Fixture f;
  std::string before = write_catalogue(f.english, f.arabic);
  Diagnostics d;
  auto merged = import_xliff(export_xliff(f.english, f.arabic, {}), "ar-export.xlf", f.english, f.arabic, f.ar, d);
  REQUIRE(merged);
  CHECK_FALSE(d.has_errors());
  CHECK(write_catalogue(f.english, *merged) == before);
  CHECK(count(status(f.english, *merged, "Arabic"), StringStatus::Stale) == 1);
}

TEST_CASE("importing a new translation of the changed string makes it current") {
  Fixture f;
  std::string file =
      xliff("ar", unit("title", "Our Pledge to you", "تعهّدنا لك") + unit("closing", "Tell us.", "أخبرنا."));
  Diagnostics d;
  auto merged = import_xliff(file, "in.xlf", f.english, f.arabic, f.ar, d);
  REQUIRE(merged);
  auto st = status(f.english, *merged, "Arabic");
  CHECK(count(st, StringStatus::Stale) == 0);
  CHECK(count(st, StringStatus::Missing) == 0);
  CHECK(merged->find("title")->target == "تعهّدنا لك");
  CHECK(merged->find("greet")->target == "مرحبًا {name}،");  // not in the file: kept
}

TEST_CASE("import refuses the whole file when any string would lose data or break a document") {
  Fixture f;
  std::string file = xliff("ar", unit("closing", "Tell us.", "أخبرنا.") +                   // fine on its own
                                     unit("greet", "Dear {name},", "مرحبًا،") +              // lost {name}
                                     unit("gone", "Old", "قديم") +                          // unknown id
                                     unit("title", "Our Promise to you", "وعدنا الجديد") +  // old English source
                                     unit("visits", kVisits, "{n, plural, one {زيارة} other {# زيارة}}"));
  Diagnostics d;
  auto merged = import_xliff(file, "in.xlf", f.english, f.arabic, f.ar, d);
  CHECK_FALSE(merged);
  std::vector<std::string> codes;
  for (const auto& item : d.items()) codes.push_back(item.code);
  CHECK(std::count(codes.begin(), codes.end(), "locale.unknown-id") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "locale.source-changed") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "locale.placeholder-missing") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "locale.plural-missing") == 1);
}

TEST_CASE("a file for another language is refused") {
  Fixture f;
  Diagnostics d;
  auto merged = import_xliff(xliff("fa", unit("closing", "Tell us.", "بگو.")), "fa.xlf", f.english, f.arabic, f.ar, d);
  CHECK_FALSE(merged);
  REQUIRE(d.has_errors());
  CHECK(d.items()[0].code == "locale.wrong-language");
}

TEST_CASE("an Arabic file labelled Pashto is refused although most of its strings use letters both write") {
  // Twelve short Arabic strings: only one has a letter Pashto does not write (ك), so counting
  // strings would let it through; but none has a letter only Pashto writes (ټ ډ ړ ښ ګ ې...).
  const char* arabic[] = {"مرحبا", "نحن هنا", "أهلا بك", "شكرا",   "مع السلامة", "سؤال",
                          "الصحة", "المدرسة", "البيت",   "الأسرة", "الطعام",     "يوم جميل"};
  std::string english_units, ps_units;
  for (int i = 0; i < 12; ++i) {
    std::string id = "s" + std::to_string(i), en = "Text " + std::to_string(i);
    english_units += unit(id, en, en, "final");
    ps_units += unit(id, en, arabic[i]);
  }
  Catalogue english, pashto;
  Diagnostics load;
  english.load_xliff(xliff("en-GB", english_units), "en.xlf", load);
  REQUIRE(load.empty());
  auto ps = *i18n::locale_info("ps");
  Diagnostics d;
  CHECK_FALSE(import_xliff(xliff("ps", ps_units), "ps.xlf", english, pashto, ps, d));
  bool refused = false;
  for (const auto& item : d.items())
    refused |= item.code == "locale.wrong-language" && item.severity == Severity::Error &&
               item.message.find("none of 12 translations has a letter only Pashto writes") != std::string::npos;
  CHECK(refused);

  // The same strings with one Pashto word among them are Pashto with a loanword: imported.
  std::string with_pashto = ps_units + unit("s12", "Text 12", "ښه راغلاست");
  Catalogue english13;
  english13.load_xliff(xliff("en-GB", english_units + unit("s12", "Text 12", "Text 12", "final")), "en.xlf", load);
  Diagnostics d2;
  CHECK(import_xliff(xliff("ps", with_pashto), "ps.xlf", english13, pashto, ps, d2));
}

TEST_CASE("a file for a region of the catalogue's language goes into it; another region's script does not") {
  // The same resolution as rendering (i18n::closest_locale): ar-SA and ar-EG are Arabic.
  Fixture f;
  for (const char* tag : {"ar-SA", "ar-EG", "ar-Arab"}) {
    Diagnostics d;
    auto merged =
        import_xliff(xliff(tag, unit("closing", "Tell us.", "أخبرنا.")), "in.xlf", f.english, f.arabic, f.ar, d);
    INFO(tag);
    CHECK(merged);
    CHECK_FALSE(d.has_errors());
  }
  Diagnostics d;
  CHECK_FALSE(
      import_xliff(xliff("ar-Latn", unit("closing", "Tell us.", "Akhbirna.")), "in.xlf", f.english, f.arabic, f.ar, d));
  CHECK(d.items()[0].code == "locale.wrong-language");
}

TEST_CASE("check and import refuse a message nested deeper than the limit") {
  Fixture f;
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "{name, select, a ";
  deep += "y";
  for (int i = 0; i < 5000; ++i) deep += " other {z}}";
  Catalogue planted = f.arabic;
  Message m = *planted.find("greet");
  m.target = deep;
  planted.put(m);
  Diagnostics d;
  check(f.english, planted, f.ar, d);
  REQUIRE(d.has_errors());
  CHECK(d.items()[0].code == "locale.limit");

  Diagnostics imported;
  CHECK_FALSE(
      import_xliff(xliff("ar", unit("greet", "Dear {name},", deep)), "in.xlf", f.english, f.arabic, f.ar, imported));
  CHECK(imported.has_errors());
}
