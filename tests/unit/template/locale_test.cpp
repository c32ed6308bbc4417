// Locale-aware filters and messages through a real Localiser (ICU + XLIFF).
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;
using testing::render_body;

namespace {

const char* kData = R"({"issued": "2025-03-01", "stamp": "2025-03-01T09:30:00Z", "n": 1234.5, "name": "Samir",
                        "counts": [0, 1, 2, 3, 11, 100]})";

std::string first_text(const testing::Rendered& r) {
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  const auto& p = std::get<model::Paragraph>(r.doc.sections[0].blocks[0].value);
  return testing::without_isolates(model::plain_text(p.content));  // isolates: bidi_test.cpp
}

}  // namespace

TEST_CASE("the date filter formats ISO dates in the locale's long, short and full styles") {
  testing::Locales l;
  CHECK(first_text(render_body("<p>{{ issued | date }}</p>", kData, *l.en)) == "1 March 2025");
  CHECK(first_text(render_body("<p>{{ issued | date('short') }}</p>", kData, *l.en)) == "01/03/2025");
  CHECK(first_text(render_body("<p>{{ stamp | as_date | date(style='full') }}</p>", kData, *l.en)) ==
        "Saturday, 1 March 2025");
  CHECK(first_text(render_body("<p>{{ issued | date('yMMMd') }}</p>", kData, *l.en)) == "1 Mar 2025");
  CHECK(first_text(render_body("<p>{{ issued | date }}</p>", kData, *l.ar)) == "١ مارس ٢٠٢٥");
}

TEST_CASE("a date that is not YYYY-MM-DD, or an unknown style, is a type error") {
  testing::Locales l;
  auto r = render_body("<p>{{ name | date }}</p><p>{{ issued | date('tiny') }}</p>", kData, *l.en);
  REQUIRE(r.diags.items().size() == 2);
  CHECK(r.diags.items()[0].message == "'date' needs a date written YYYY-MM-DD, not text");
  CHECK(r.diags.items()[1].message ==
        "date style must be 'short', 'medium', 'long', 'full' or an ICU skeleton of date fields ('yMMMd', 'EEEEd "
        "MMMM'), not 'tiny'");
}

TEST_CASE("the number filter uses the locale's separators and digits") {
  testing::Locales l;
  CHECK(first_text(render_body("<p>{{ n | number }}</p>", kData, *l.en)) == "1,234.5");
  CHECK(first_text(render_body("<p>{{ n | number(0) }}</p>", kData, *l.en)) == "1,234");
  CHECK(first_text(render_body("<p>{{ n | number }}</p>", kData, *l.ar)) == "١٬٢٣٤٫٥");
}

TEST_CASE("the plural filter gives the locale's CLDR category, six of them in Arabic") {
  testing::Locales l;
  const std::string body = "<p><for each=\"c in counts\">{{ c | plural }} </for></p>";
  CHECK(first_text(render_body(body, kData, *l.en)) == "other one other other other other");
  CHECK(first_text(render_body(body, kData, *l.ar)) == "zero one two few many other");
}

TEST_CASE("t() and <t> format catalogue messages with named arguments") {
  testing::Locales l;
  CHECK(first_text(render_body("<p>{{ t('greet', name=name) }}</p>", kData, *l.en)) == "Dear Samir,");
  CHECK(first_text(render_body("<p><t id=\"greet\" name=\"name | upper\"/></p>", kData, *l.ar)) == "مرحبًا SAMIR،");
  CHECK(first_text(render_body("<p><t id=\"visits\" n=\"counts[2]\"/></p>", kData, *l.en)) == "2 visits");
  CHECK(first_text(render_body("<p><t id=\"issued\" date=\"issued | as_date\"/></p>", kData, *l.en)) ==
        "Issued on 1 March 2025");
  CHECK(first_text(render_body("<p><t id=\"issued\" date=\"issued | as_date\"/></p>", kData, *l.ar)) ==
        "صدر في ١ مارس ٢٠٢٥");
}

TEST_CASE("a message id missing from the English catalogue is an error at the call") {
  testing::Locales l;
  auto r = render_body("<p>\n  <t id=\"no.such\"/></p>", kData, *l.en);
  CHECK(r.errors() ==
        "mem/t/template.xml:3:3: error[template.unknown-message]: no message 'no.such' in the English catalogue\n"
        "  hint: write its English inside <t id=\"no.such\">...</t> and run `quire locales extract`, or check the id "
        "for typos\n");
}

TEST_CASE("fields inside a translated message come back as model fields, in the message's word order") {
  testing::Locales l;
  const std::string body =
      "<section><footer><p align=\"center\"><strong>{{ t('page_of', page=field('page'), pages=field('pages')) "
      "}}</strong></p></footer><p>{{ field('section') }}</p></section>";
  auto en = render_body(body, kData, *l.en);
  REQUIRE_MESSAGE(en.diags.empty(), en.errors());
  CHECK(testing::without_isolates(model::dump(en.doc)) == testing::expected_case("fields-en"));
  auto ar = render_body(body, kData, *l.ar);
  REQUIRE_MESSAGE(ar.diags.empty(), ar.errors());
  CHECK(testing::without_isolates(model::dump(ar.doc)) == testing::expected_case("fields-ar"));
}
