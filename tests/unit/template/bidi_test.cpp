// Bidirectional isolation: values interpolated into a sentence, message arguments and
// <span dir> become isolates (FSI/LRI/RLI ... PDI), so a phone number keeps its order
// inside right-to-left text; a value that is the whole paragraph needs none.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;

namespace {

constexpr const char* kFsi = "\u2068";
constexpr const char* kPdi = "\u2069";

std::string iso(const std::string& s) {
  return kFsi + s + kPdi;
}

// The text of the first block (a paragraph or heading) of the first section.
std::string first_text(const testing::Rendered& r) {
  REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  REQUIRE(!r.doc.sections.empty());
  REQUIRE(!r.doc.sections[0].blocks.empty());
  const auto& v = r.doc.sections[0].blocks[0].value;
  if (const auto* p = std::get_if<model::Paragraph>(&v)) return model::plain_text(p->content);
  if (const auto* h = std::get_if<model::Heading>(&v)) return model::plain_text(h->content);
  FAIL("the first block is neither a paragraph nor a heading");
  return {};
}

const char* kData = R"({"phone": "01632 960 000", "postcode": "SW1A 1AA", "name": "Sam Patel", "n": 3,
                       "spaced": "  x  ", "empty": "", "d": "2026-03-14"})";

}  // namespace

TEST_CASE("a value interpolated into a sentence is isolated, first-strong (FSI ... PDI)") {
  testing::Locales l;
  auto r = testing::render_body("<p>اتصل على {{ phone }} أو اكتب إلى {{ postcode }}.</p>", kData, *l.ar);
  CHECK(first_text(r) == "اتصل على " + iso("01632 960 000") + " أو اكتب إلى " + iso("SW1A 1AA") + ".");
  // In English too: the same model in every language, the writers decide what it costs.
  auto en = testing::render_body("<p>Call {{ name }} on {{ phone }}.</p>", kData, *l.en);
  CHECK(first_text(en) == "Call " + iso("Sam Patel") + " on " + iso("01632 960 000") + ".");
}

TEST_CASE("a value that is the whole paragraph or heading is not isolated") {
  testing::Locales l;
  CHECK(first_text(testing::render_body("<p>{{ phone }}</p>", kData, *l.ar)) == "01632 960 000");
  CHECK(first_text(testing::render_body("<p>\n  {{ phone }}\n</p>", kData, *l.ar)) == "01632 960 000");
  CHECK(first_text(testing::render_body("<h1>{{ name }}</h1>", kData, *l.ar)) == "Sam Patel");
  // loose text in a section becomes a paragraph of its own: the same
  CHECK(first_text(testing::render_body("<section>{{ name }}</section>", kData, *l.ar)) == "Sam Patel");
  // but two values, or a value and a word, are a sentence
  CHECK(first_text(testing::render_body("<p>{{ name }} {{ phone }}</p>", kData, *l.ar)) ==
        iso("Sam Patel") + " " + iso("01632 960 000"));
  CHECK(first_text(testing::render_body("<p>{{ name }}:</p>", kData, *l.ar)) == iso("Sam Patel") + ":");
}

TEST_CASE("spaces around a value stay outside its isolate and collapse as before") {
  testing::Locales l;
  CHECK(first_text(testing::render_body("<p>a{{ spaced }}b</p>", kData, *l.en)) == "a " + iso("x") + " b");
  CHECK(first_text(testing::render_body("<p>a {{ spaced }} b</p>", kData, *l.en)) == "a " + iso("x") + " b");
  CHECK(first_text(testing::render_body("<p>{{ spaced }}b</p>", kData, *l.en)) == iso("x") + " b");
  // an empty value leaves no empty isolate
  CHECK(first_text(testing::render_body("<p>a {{ empty }} b</p>", kData, *l.en)) == "a b");
}

TEST_CASE("the arguments of a message are isolated in laid-out text, not in attributes") {
  testing::Locales l;
  auto r = testing::render_body(R"(<p><t id="greet" name="name">Dear {name},</t></p>)", kData, *l.ar);
  CHECK(first_text(r) == "مرحبًا " + iso("Sam Patel") + "،");
  // numbers of a plural (#) and dates are arguments too
  auto v = testing::render_body(R"(<p><t id="visits" n="n">{n, plural, one {# visit} other {# visits}}</t></p>)", kData,
                                *l.en);
  CHECK(first_text(v) == iso("3") + " visits");
  auto d = testing::render_body(R"(<p><t id="issued" date="d | as_date"/></p>)", kData, *l.en);
  CHECK(first_text(d) == "Issued on " + iso("14 March 2026"));
  // an attribute is no sentence that is laid out: its text has no controls
  testing::TestWorld world;
  auto titled = testing::render_files(
      world, "mem/t", {{"template.xml", R"(<document title="{{ t('greet', name=name) }}"><p>x</p></document>)"}}, kData,
      *l.ar);
  REQUIRE_MESSAGE(titled.diags.empty(), titled.errors());
  CHECK(titled.doc.meta.title == "مرحبًا Sam Patel،");
}

TEST_CASE("<span dir> is an isolate: ltr LRI, rtl RLI, auto FSI; an empty one leaves nothing") {
  testing::Locales l;
  CHECK(first_text(testing::render_body(R"(<p>هاتف <span dir="ltr">{{ phone }}</span>.</p>)", kData, *l.ar)) ==
        "هاتف \u2066" + iso("01632 960 000") + "\u2069.");
  CHECK(first_text(testing::render_body(R"(<p>Name: <span dir="rtl">أمينة</span>.</p>)", kData, *l.en)) ==
        "Name: \u2067أمينة\u2069.");
  CHECK(first_text(testing::render_body(R"(<p>Name: <span dir="auto">أمينة</span>.</p>)", kData, *l.en)) ==
        "Name: \u2068أمينة\u2069.");
  // nested, and around styled text
  CHECK(first_text(testing::render_body(R"(<p>a <span dir="ltr">b <strong>c</strong></span> d</p>)", kData, *l.en)) ==
        "a \u2066b c\u2069 d");
  CHECK(first_text(testing::render_body(R"(<p>a <span dir="ltr">{{ empty }}</span> b</p>)", kData, *l.en)) == "a b");
  auto only_empty = testing::render_body(R"(<p><span dir="ltr">{{ empty }}</span></p><p>next</p>)", kData, *l.en);
  CHECK(first_text(only_empty) == "next");  // an empty paragraph is still dropped
}

TEST_CASE("<t> holds <span dir> around words or a placeholder, kept in the message and laid out as an isolate") {
  testing::TestWorld world;
  world.put("mem/s/template.xml", R"(<document><p><t id="call" phone="phone">Call <span dir="ltr">0800 {phone}</span> or
 <span dir="auto">us</span></t></p></document>)");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/s", diags);
  REQUIRE_MESSAGE(diags.empty(), "");
  auto uses = tpl->messages();
  REQUIRE(uses.size() == 1);
  CHECK(uses[0].english == R"(Call <span dir="ltr">0800 {phone}</span> or <span dir="auto">us</span>)");

  // A translation that keeps the tag (and one in an attribute, where tags vanish).
  const std::string source =
      "Call &lt;span dir=\"ltr\"&gt;0800 {phone}&lt;/span&gt; or &lt;span "
      "dir=\"auto\"&gt;us&lt;/span&gt;";
  i18n::Catalogue english, arabic;
  english.load_xliff(testing::xliff("en-GB", testing::xliff_unit("call", source, source)), "en.xlf", diags);
  arabic.load_xliff(testing::xliff("ar", testing::xliff_unit("call", source,
                                                             "اتصل على &lt;span dir=\"ltr\"&gt;0800 "
                                                             "{phone}&lt;/span&gt;")),
                    "ar.xlf", diags);
  REQUIRE(diags.empty());
  i18n::Localiser ar(*i18n::locale_info("ar"), &arabic, &english);
  auto json = nlohmann::json::parse(kData);
  auto doc = tpl->render(json, ar, diags);
  REQUIRE(diags.empty());
  const auto& p = std::get<model::Paragraph>(doc.sections.at(0).blocks.at(0).value);
  CHECK(model::plain_text(p.content) == "اتصل على \u20660800 " + iso("01632 960 000") + "\u2069");

  Diagnostics plain;
  CHECK(ar.message("call", {{"phone", std::string("1")}}, plain) == "اتصل على 0800 1");
}

TEST_CASE("<t> refuses other elements, and a <span> without a known dir") {
  testing::TestWorld world;
  world.put("mem/b/template.xml", R"(<document><p><t id="x">a <strong>b</strong> <span dir="up">c</span>
 <span>d</span> <span dir="ltr" lang="en">e</span></t></p></document>)");
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, "mem/b", diags);
  CHECK_FALSE(tpl);
  std::string all;
  for (const auto& d : diags.items()) all += format_diagnostic(d) + "\n";
  CHECK(all.find("template.misplaced") != std::string::npos);
  CHECK(all.find("<t> holds only its English text (and <span dir>), not <strong>") != std::string::npos);
  CHECK(all.find("dir=\"ltr\", \"rtl\" or \"auto\"") != std::string::npos);
  CHECK(all.find("<span> needs a dir attribute") != std::string::npos);
  CHECK(all.find("lang") != std::string::npos);  // unknown attribute on the span
}
