// Fuzzes the template compiler and the renderer: the input is template.xml; after a
// "\n---\n", a partial (p.xml) and, after another, the JSON data.
#include "fuzz_world.hpp"
#include "i18n/locale.hpp"
#include "template/template.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [xml, rest] = fuzz::split2(fuzz::as_text(data, size));
  auto [partial, json] = fuzz::split2(rest);
  fuzz::MemWorld world;
  world.put("t/template.xml", std::string(xml));
  world.put("t/p.xml", std::string(partial));
  Diagnostics diags;
  tmpl::Limits limits;
  limits.max_loop_iterations = 2000;  // keep each input fast; the limits themselves are what is tested
  limits.max_blocks = 2000;
  limits.max_template_nodes = 5000;
  limits.max_string_bytes = 1 << 20;
  limits.max_output_bytes = 4 << 20;
  auto tpl = tmpl::Template::load(world, "t", diags, limits);
  if (!tpl) return 0;
  auto parsed = data::parse_json(json.empty() ? std::string_view("{\"a\":[1,2],\"s\":\"x\"}") : json, "d", diags);
  if (!parsed) return 0;
  static const i18n::Catalogue english;
  static const auto info = *i18n::locale_info("en-GB");
  i18n::Localiser loc(info, &english, &english);
  (void)tpl->render(*parsed, loc, diags);
  return 0;
}
