// A problem in a partial says where the partial is included.
#include <doctest/doctest.h>

#include "quire/diagnostic.hpp"

using namespace quire;

TEST_CASE("a diagnostic in a partial prints the include chain after its position") {
  Diagnostic d{Severity::Error,
               Origin::Template,
               "template.undefined",
               "'worker.nme' is not defined in the data",
               {"tpl/partials/contact.xml", 3, 7},
               {},
               "did you mean worker.name?"};
  d.included_from = "tpl/template.xml:20:5";
  CHECK(format_diagnostic(d) ==
        "tpl/partials/contact.xml:3:7 (included from tpl/template.xml:20:5): error[template.undefined]: "
        "'worker.nme' is not defined in the data\n"
        "  hint: did you mean worker.name?");
}
