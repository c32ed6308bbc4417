// Fuzzes the expression parser and evaluator: the input is the inside of {{ }}.
#include "fuzz_world.hpp"
#include "i18n/locale.hpp"
#include "template/template.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string expr;
  for (char c : fuzz::as_text(data, size)) {  // escaped, so that the XML around it stays XML
    if (c == '&')
      expr += "&amp;";
    else if (c == '<')
      expr += "&lt;";
    else if (c == '\0')
      expr += ' ';
    else
      expr += c;
  }
  fuzz::MemWorld world;
  world.put("t/template.xml", "<document><p>{{ " + expr + " }}</p><p title=\"{{ " + expr + " }}\">x</p></document>");
  Diagnostics diags;
  tmpl::Limits limits;
  limits.max_string_bytes = 1 << 20;
  limits.max_output_bytes = 4 << 20;
  auto tpl = tmpl::Template::load(world, "t", diags, limits);
  if (!tpl) return 0;
  static const nlohmann::json json = nlohmann::json::parse(
      R"({"a": [1, 2, 3], "s": "text", "n": 4.5, "d": "2026-02-28", "o": {"k": "v", "l": ["x", "y"]}, "z": null})");
  static const i18n::Catalogue english;
  static const auto info = *i18n::locale_info("en-GB");
  i18n::Localiser loc(info, &english, &english);
  (void)tpl->render(json, loc, diags);
  return 0;
}
