// Fuzzes a locale's glossary CSV (quoting, byte-order marks, huge files) and the check that
// compares translations with it.
#include "fuzz_world.hpp"
#include "i18n/locale.hpp"
#include "l10n/workflow.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::pair<i18n::Catalogue, i18n::Catalogue> catalogues = [] {
    i18n::Catalogue english, arabic;
    arabic.tag = "ar";
    auto put = [](i18n::Catalogue& c, const char* id, const char* source, const char* target) {
      i18n::Message m;
      m.id = id;
      m.source = source;
      m.target = target;
      m.state = i18n::TranslationState::Translated;
      c.put(std::move(m));
    };
    put(english, "iro", "Your independent reviewing officer chairs {n, plural, one {# review} other {# reviews}}.", "");
    put(english, "sw", "Your social workers visit {name}.", "");
    put(arabic, "iro", "Your independent reviewing officer chairs {n, plural, one {# review} other {# reviews}}.",
        "يرأس مسؤولُ المراجعة المستقل {n, plural, one {# مراجعة} other {# مراجعات}}.");
    put(arabic, "sw", "Your social workers visit {name}.", "يزور الأخصائيون الاجتماعيون {name}.");
    return std::pair{english, arabic};
  }();
  Diagnostics diags;
  auto glossary = l10n::parse_glossary(fuzz::as_text(data, size), "glossary.csv", diags);
  l10n::check_glossary(catalogues.first, catalogues.second, glossary, diags);
  return 0;
}
