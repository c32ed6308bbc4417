// Fuzzes XLIFF reading (inline codes included), the checks, export (<ph>), TMX and import
// against a small English catalogue.
#include "fuzz_world.hpp"
#include "i18n/locale.hpp"
#include "l10n/workflow.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const i18n::Catalogue english = [] {
    i18n::Catalogue c;
    Diagnostics d;
    c.load_xliff(R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="t" source-language="en-GB" target-language="en-GB" datatype="plaintext"><body>
<trans-unit id="greet"><source>Dear {name},</source><target state="final">Dear {name},</target></trans-unit>
<trans-unit id="visits"><source>{n, plural, one {# visit} other {# visits}}</source><target state="final">{n, plural, one {# visit} other {# visits}}</target></trans-unit>
<trans-unit id="who"><source>{p, select, she {her} other {their}} file</source><target state="final">{p, select, she {her} other {their}} file</target></trans-unit>
</body></file></xliff>)",
                 "en.xlf", d);
    return c;
  }();
  static const auto ar = *i18n::locale_info("ar");
  std::string_view xml = fuzz::as_text(data, size);
  Diagnostics diags;
  i18n::Catalogue incoming;
  incoming.load_xliff(xml, "in.xlf", diags);
  l10n::check(english, incoming, ar, diags);
  l10n::check_file_language(incoming, ar, {"in.xlf", 1, 1}, diags);
  (void)l10n::broken(english, incoming);
  (void)l10n::export_xliff(english, incoming, {});  // placeholders written as <ph> codes
  (void)l10n::export_tmx(english, incoming);
  auto merged = l10n::import_xliff(xml, "in.xlf", english, english, ar, diags);
  if (merged) {
    (void)l10n::write_catalogue(english, *merged);
    i18n::Localiser loc(ar, &*merged, &english);
    Diagnostics d;
    (void)loc.message("greet", {{"name", std::string("Sam")}}, d);
    (void)loc.message("visits", {{"n", 3.0}}, d);
    (void)loc.message("who", {{"p", std::string("she")}}, d);
  }
  return 0;
}
