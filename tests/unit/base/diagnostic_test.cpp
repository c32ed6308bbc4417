#include "quire/diagnostic.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using namespace quire;

TEST_CASE("template diagnostics print as file:line:col: error[code]: message") {
  Diagnostic d{Severity::Error,
               Origin::Template,
               "template.unknown-filter",
               "unknown filter 'shout'",
               {"templates/pledge/template.xml", 12, 7},
               {},
               "filters: upper, lower"};
  CHECK(format_diagnostic(d) ==
        "templates/pledge/template.xml:12:7: error[template.unknown-filter]: unknown filter 'shout'\n"
        "  hint: filters: upper, lower");
}

TEST_CASE("data diagnostics print as file#/json/pointer") {
  Diagnostic d{Severity::Error,
               Origin::Data,
               "data.schema",
               "required property 'name' is missing",
               {"child.json", 0, 0},
               "/council",
               {}};
  CHECK(format_diagnostic(d) == "child.json#/council: error[data.schema]: required property 'name' is missing");
}

TEST_CASE("warnings say warning and do not count as errors") {
  Diagnostics diags;
  diags.warning(Origin::Locale, "locale.fallback", "2 strings in English");
  CHECK_FALSE(diags.has_errors());
  CHECK(exit_code_for(diags) == 0);
  CHECK(format_diagnostic(diags.items()[0]).find(": warning[locale.fallback]") != std::string::npos);
}

TEST_CASE("each origin has its exit code") {
  auto code_of = [](Origin o) {
    Diagnostics d;
    d.warning(Origin::Internal, "w", "a warning never sets the exit code");
    d.error(o, "x", "y");
    return exit_code_for(d);
  };
  CHECK(code_of(Origin::Usage) == 2);
  CHECK(code_of(Origin::Data) == 3);
  CHECK(code_of(Origin::Template) == 4);
  CHECK(code_of(Origin::Locale) == 4);
  CHECK(code_of(Origin::Check) == 5);
  CHECK(code_of(Origin::Internal) == 1);
  CHECK(code_of(Origin::Limit) == 6);
}

TEST_CASE("the worst error chooses the exit code, whatever the order of the diagnostics") {
  // Most severe first: internal 1 > template 4 > data 3 > usage 2 > checks 5 > limits 6.
  const std::vector<Origin> worst_first = {Origin::Internal, Origin::Template, Origin::Data,
                                           Origin::Usage,    Origin::Check,    Origin::Limit};
  for (size_t worst = 0; worst < worst_first.size(); ++worst) {
    std::vector<Origin> present(worst_first.begin() + static_cast<std::ptrdiff_t>(worst), worst_first.end());
    std::sort(present.begin(), present.end());
    do {  // every order of the origins from `worst` down
      Diagnostics d;
      for (auto o : present) d.error(o, "x", "y");
      CAPTURE(worst);
      CHECK(exit_code_for(d) == exit_code_of(worst_first[worst]));
    } while (std::next_permutation(present.begin(), present.end()));
  }
  CHECK(worse_exit_code(3, 2) == 3);
  CHECK(worse_exit_code(2, 3) == 3);
  CHECK(worse_exit_code(0, 6) == 6);
  CHECK(worse_exit_code(5, 1) == 1);
  CHECK(worse_exit_code(4, 4) == 4);
}
