#include "fixture.hpp"

#include <doctest/doctest.h>

#include "data/json.hpp"

namespace quire::testing {

Locales::Locales() {
  Diagnostics diags;
  english.load_xliff(
      xliff("en-GB", xliff_unit("page_of", "Page {page} of {pages}", "Page {page} of {pages}") +
                         xliff_unit("greet", "Dear {name},", "Dear {name},") +
                         xliff_unit("visits", "{n, plural, one {# visit} other {# visits}}",
                                    "{n, plural, one {# visit} other {# visits}}") +
                         xliff_unit("issued", "Issued on {date, date, long}", "Issued on {date, date, long}")),
      "en.xlf", diags);
  arabic.load_xliff(xliff("ar", xliff_unit("page_of", "Page {page} of {pages}", "الصفحة {page} من {pages}") +
                                    xliff_unit("greet", "Dear {name},", "مرحبًا {name}،") +
                                    xliff_unit("issued", "Issued on {date, date, long}", "صدر في {date, date, long}")),
                    "ar.xlf", diags);
  REQUIRE(diags.empty());
  en = std::make_unique<i18n::Localiser>(*i18n::locale_info("en-GB"), &english, &english);
  ar = std::make_unique<i18n::Localiser>(*i18n::locale_info("ar"), &arabic, &english);
}

std::string Rendered::errors() const {
  std::string out;
  for (const auto& d : diags.items()) out += format_diagnostic(d) + "\n";
  return out;
}

bool Rendered::has(std::string_view code) const {
  for (const auto& d : diags.items())
    if (d.code == code) return true;
  return false;
}

Rendered render_files(TestWorld& world, const std::string& dir, const std::map<std::string, std::string>& files,
                      const std::string& data, i18n::Localiser& loc, tmpl::Limits limits) {
  for (const auto& [name, text] : files) world.put(dir + "/" + name, text);
  Rendered r;
  auto tpl = tmpl::Template::load(world, dir, r.diags, limits);
  if (!tpl) return r;
  r.loaded = true;
  auto json = data::parse_json(data, "data.json", r.diags);
  REQUIRE(json);
  r.doc = tpl->render(*json, loc, r.diags);
  return r;
}

Rendered render_body(const std::string& body, const std::string& data, i18n::Localiser& loc) {
  TestWorld world;
  return render_files(world, "mem/t", {{"template.xml", "<document>\n" + body + "\n</document>\n"}}, data, loc);
}

std::string value_of(const std::string& expr, const std::string& data, i18n::Localiser& loc, Diagnostics* diags) {
  auto r = render_body("<p>{{ " + expr + " }}</p>", data, loc);
  if (diags)
    *diags = r.diags;
  else
    REQUIRE_MESSAGE(r.diags.empty(), r.errors());
  if (r.doc.sections.empty() || r.doc.sections[0].blocks.empty()) return "";
  const auto* p = std::get_if<model::Paragraph>(&r.doc.sections[0].blocks[0].value);
  return p ? model::plain_text(p->content) : "";
}

std::string without_isolates(std::string text) {
  for (const char* c : {"\u2066", "\u2067", "\u2068", "\u2069"})
    for (size_t at; (at = text.find(c)) != std::string::npos;) text.erase(at, 3);
  return text;
}

std::string expected_case(const std::string& name) {
  TestWorld world;
  auto text = world.read_file(source_dir() + "/tests/unit/template/cases/" + name + ".txt");
  REQUIRE_MESSAGE(text, "missing case file " << name);
  return *text;
}

}  // namespace quire::testing
