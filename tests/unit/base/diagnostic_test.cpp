#include <doctest/doctest.h>

#include "quire/diagnostic.hpp"

using namespace quire;

TEST_CASE("template diagnostics print as file:line:col: error[code]: message") {
  Diagnostic d{Severity::Error, Origin::Template, "template.unknown-filter", "unknown filter 'shout'",
               {"templates/pledge/template.xml", 12, 7}, {}, "filters: upper, lower"};
  CHECK(format_diagnostic(d) ==
        "templates/pledge/template.xml:12:7: error[template.unknown-filter]: unknown filter 'shout'\n"
        "  hint: filters: upper, lower");
}

TEST_CASE("data diagnostics print as file#/json/pointer") {
  Diagnostic d{Severity::Error, Origin::Data, "data.schema", "required property 'name' is missing",
               {"child.json", 0, 0}, "/council", {}};
  CHECK(format_diagnostic(d) == "child.json#/council: error[data.schema]: required property 'name' is missing");
}

TEST_CASE("warnings say warning and do not count as errors") {
  Diagnostics diags;
  diags.warning(Origin::Locale, "locale.fallback", "2 strings in English");
  CHECK_FALSE(diags.has_errors());
  CHECK(exit_code_for(diags) == 0);
  CHECK(format_diagnostic(diags.items()[0]).find(": warning[locale.fallback]") != std::string::npos);
}

TEST_CASE("the first error chooses the exit code of DESIGN.md section 5") {
  auto code_of = [](Origin o) {
    Diagnostics d;
    d.warning(Origin::Internal, "w", "ignored");
    d.error(o, "x", "y");
    d.error(Origin::Internal, "later", "a later error does not win");
    return exit_code_for(d);
  };
  CHECK(code_of(Origin::Usage) == 2);
  CHECK(code_of(Origin::Data) == 3);
  CHECK(code_of(Origin::Template) == 4);
  CHECK(code_of(Origin::Check) == 5);
  CHECK(code_of(Origin::Internal) == 1);
}
