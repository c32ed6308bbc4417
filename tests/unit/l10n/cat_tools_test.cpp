// What CAT tools send back: XLIFF states and approval, inline codes, glossaries, TMX.
#include <doctest/doctest.h>

#include "i18n/message_parts.hpp"
#include "i18n/xliff_state.hpp"
#include "l10n/workflow.hpp"

using namespace quire;
using namespace quire::l10n;
using i18n::TranslationState;

TEST_CASE("XLIFF state and approved map to one translation state, as docs/TRANSLATORS.md's table says") {
  using i18n::state_from_xliff;
  CHECK(state_from_xliff("translated", "yes", true) == TranslationState::Reviewed);
  CHECK(state_from_xliff("", "yes", true) == TranslationState::Reviewed);
  CHECK(state_from_xliff("translated", "", true) == TranslationState::Translated);
  CHECK(state_from_xliff("signed-off", "", true) == TranslationState::Reviewed);
  CHECK(state_from_xliff("final", "", true) == TranslationState::Final);
  CHECK(state_from_xliff("final", "no", true) == TranslationState::Translated);  // approval taken back
  CHECK(state_from_xliff("needs-review-translation", "yes", true) == TranslationState::Translated);
  CHECK(state_from_xliff("new", "yes", true) == TranslationState::New);
  CHECK(state_from_xliff("final", "yes", false) == TranslationState::New);  // no text, nothing approved
  CHECK(i18n::approved_in_xliff(TranslationState::Reviewed));
  CHECK(i18n::approved_in_xliff(TranslationState::Final));
  CHECK_FALSE(i18n::approved_in_xliff(TranslationState::Translated));
}

TEST_CASE("a message splits into words and ICU syntax, and joins back exactly") {
  const std::string plural = "Dear {name}, you have {n, plural, one {# visit on {d, date, long}} other {# visits}}.";
  auto parts = i18n::split_message(plural);
  std::string joined, codes;
  for (const auto& p : parts) {
    joined += p.text;
    if (p.code) codes += "[" + p.text + "]";
  }
  CHECK(joined == plural);
  CHECK(codes == "[{name}][{n, plural, one {#][{d, date, long}} other {#][}}]");  // adjacent codes merge
  CHECK(i18n::split_message("no placeholders").size() == 1);
  // Not ICU: one text part, nothing lost.
  auto broken = i18n::split_message("a { b");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].text == "a { b");
  CHECK_FALSE(broken[0].code);
  CHECK(i18n::message_length("وعدنا {name}") == 12);
}

TEST_CASE("<span dir> in a message is a code for CAT tools, an isolate when laid out, nothing in an attribute") {
  const std::string m = "Ring <span dir=\"ltr\">0800 {phone}</span> or <span dir=\"rtl\">x</span>.";
  std::string joined, codes;
  for (const auto& p : i18n::split_message(m)) {
    joined += p.text;
    if (p.code) codes += "[" + p.text + "]";
  }
  CHECK(joined == m);
  CHECK(codes == "[<span dir=\"ltr\">][{phone}</span>][<span dir=\"rtl\">][</span>]");
  CHECK(i18n::dir_spans(m, true) == "Ring \u20660800 {phone}\u2069 or \u2067x\u2069.");
  CHECK(i18n::dir_spans(m, false) == "Ring 0800 {phone} or x.");
  // Only these exact tags: other markup stays text.
  CHECK(i18n::dir_spans("<span dir='ltr'>a</b>", true) == "<span dir='ltr'>a</b>");
}

TEST_CASE("a target may name the source's inline code by id, by equiv-text or carry it") {
  const std::string file = R"(<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en-GB" target-language="ar" datatype="plaintext" original="x"><body>
<trans-unit id="a"><source>Dear <ph id="1">{name}</ph>,</source><target state="translated">مرحبًا <x id="1"/>،</target></trans-unit>
<trans-unit id="b"><source>Dear <ph id="1">{name}</ph>,</source><target state="translated">مرحبًا <x id="7" equiv-text="{name}"/>،</target></trans-unit>
<trans-unit id="c"><source>Dear <ph id="1">{name}</ph>,</source><target state="translated"><mrk mtype="seg">مرحبًا <ph id="1">{name}</ph>،</mrk></target></trans-unit>
<trans-unit id="d"><source>Dear <ph id="1">{name}</ph>,</source><target state="translated">مرحبًا <x id="2"/>،</target></trans-unit>
<trans-unit id="e"><source>Dear {name},</source><target state="translated"><g id="1">مرحبًا</g> {name}،</target></trans-unit>
</body></file></xliff>)";
  i18n::Catalogue cat;
  Diagnostics diags;
  cat.load_xliff(file, "t.xlf", diags);
  CHECK(cat.find("a")->target == "مرحبًا {name}،");
  CHECK(cat.find("b")->target == "مرحبًا {name}،");
  CHECK(cat.find("c")->target == "مرحبًا {name}،");
  CHECK(cat.find("a")->source == "Dear {name},");
  int markup = 0;
  for (const auto& d : diags.items()) markup += d.code == "locale.markup";
  CHECK(markup == 2);  // <x id="2"/> names nothing; <g> is formatting, which catalogues do not hold
}

TEST_CASE("a signed-off unit is not a machine draft, whatever qualifier a tool left on it") {
  const std::string file = R"(<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en-GB" target-language="ar" datatype="plaintext" original="x"><body>
<trans-unit id="a" approved="yes"><source>Home</source><target state="translated" state-qualifier="mt-suggestion">بيت</target></trans-unit>
<trans-unit id="b"><source>Home</source><target state="translated" state-qualifier="mt-suggestion">بيت</target></trans-unit>
</body></file></xliff>)";
  i18n::Catalogue cat;
  Diagnostics diags;
  cat.load_xliff(file, "t.xlf", diags);
  CHECK(cat.find("a")->state == TranslationState::Reviewed);
  CHECK_FALSE(cat.find("a")->machine_drafted);
  CHECK(cat.find("b")->machine_drafted);
}

TEST_CASE("the glossary warns where a translation does not use the agreed term, ignoring harakat and case") {
  Diagnostics diags;
  auto glossary = parse_glossary(
      "\xEF\xBB\xBFterm,translation,note\n"
      "Independent Reviewing Officer,مسؤول المراجعة المستقل,\"chairs reviews, checks the plan\"\n"
      "social worker,الأخصائي الاجتماعي|أخصائي اجتماعي\n"
      "broken line\n",
      "glossary.csv", diags);
  REQUIRE(glossary.size() == 2);
  CHECK(glossary[0].note == "chairs reviews, checks the plan");
  CHECK(glossary[1].translations.size() == 2);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].pos.line == 4);

  i18n::Catalogue english, arabic;
  english.tag = "en-GB";
  arabic.tag = "ar";
  auto put = [](i18n::Catalogue& c, std::string id, std::string source, std::string target) {
    i18n::Message m;
    m.id = std::move(id);
    m.source = std::move(source);
    m.target = std::move(target);
    m.state = TranslationState::Translated;
    c.put(std::move(m));
  };
  put(english, "a", "Ask your independent reviewing officer.", "");
  put(english, "b", "Your social workers will visit.", "");
  put(english, "c", "Your independent reviewing officer.", "");
  put(english, "d", "Talk to the social worker.", "");
  put(arabic, "d", "Talk to the social worker.", "تحدث للأخصائي الاجتماعي.");  // li- + al- written لل
  put(arabic, "a", "Ask your independent reviewing officer.", "اسأل مسؤولَ المراجعةِ المستقلَّ.");
  put(arabic, "b", "Your social workers will visit.", "سيزورك أخصائي اجتماعي.");
  put(arabic, "c", "Your independent reviewing officer.", "الضابط المستقل.");
  Diagnostics found;
  check_glossary(english, arabic, glossary, found);
  REQUIRE(found.items().size() == 1);
  CHECK(found.items()[0].message.find("'c'") != std::string::npos);
  CHECK(found.items()[0].severity == Severity::Warning);
}

TEST_CASE("the TMX memory holds signed-off and final human translations only") {
  i18n::Catalogue english, arabic;
  arabic.tag = "ar";
  auto put = [](i18n::Catalogue& c, std::string id, std::string source, std::string target, TranslationState st,
                bool machine = false) {
    i18n::Message m;
    m.id = std::move(id);
    m.source = std::move(source);
    m.target = std::move(target);
    m.state = st;
    m.machine_drafted = machine;
    c.put(std::move(m));
  };
  for (auto id : {"signed", "final", "draft", "machine", "stale"}) put(english, id, std::string("E ") + id, "", {});
  put(arabic, "signed", "E signed", "ع1", TranslationState::Reviewed);
  put(arabic, "final", "E final", "ع2", TranslationState::Final);
  put(arabic, "draft", "E draft", "ع3", TranslationState::Translated);
  put(arabic, "machine", "E machine", "ع4", TranslationState::Final, true);
  put(arabic, "stale", "E old", "ع5", TranslationState::Final);
  const std::string tmx = export_tmx(english, arabic);
  CHECK(tmx.find("tuid=\"signed\"") != std::string::npos);
  CHECK(tmx.find("tuid=\"final\"") != std::string::npos);
  for (auto absent : {"draft", "machine", "stale"})
    CHECK(tmx.find(std::string("tuid=\"") + absent + "\"") == std::string::npos);
  CHECK(tmx.find("<seg>ع2</seg>") != std::string::npos);
}
