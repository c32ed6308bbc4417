// Fuzzes a template's content rules (checks.yaml, through yaml-cpp) and, when they load,
// checks a fixed plan record with them; the same bytes are also read as a jargon list.
#include "checks/checks.hpp"
#include "fuzz_world.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const nlohmann::json record = nlohmann::json::parse(R"({
    "child": {"first_name": "Ada", "language": "en-GB", "uasc": true, "date_of_birth": "2010-01-31"},
    "iro": {"name": "Tom Hale"},
    "plan": {"written": "2026-03-02", "review_due": "2026-12-01", "permanence": "Ada stays with Jo."},
    "areas": [
      {"area": "health", "needs": "Ada's placement and contact go well. She sees the LADO.",
       "actions": [{"what": "Book the dentist.", "who": {"name": "Jo"}, "by": "2026-01-01", "status": "planned"},
                   {"what": "x"}],
       "views": [{"by": "child", "words": "LAC placement contact"}]},
      {"area": "education", "not_applicable": "Under school age."}
    ],
    "contingency": "If it stops working we will meet at once.",
    "parallel_plan": ""
  })");
  static const checks::Jargon jargon = [] {
    Diagnostics d;
    return checks::parse_jargon("term,plain\nLAC,in care\nplacement,home\ncontact,family time\n", "j.csv", d);
  }();
  const std::string_view text = fuzz::as_text(data, size);
  Diagnostics diags;
  checks::RulesResolver resolve = [text](const std::string&, int depth, Diagnostics& ds) {
    return checks::parse_rules(text, "base.yaml", ds, {}, depth);
  };
  if (auto rules = checks::parse_rules(text, "checks.yaml", diags, resolve)) {
    checks::Context ctx;
    ctx.data_name = "plan.json";
    ctx.shipped_locales = {"en-GB", "ar", "ti"};
    ctx.jargon = {&jargon};
    (void)checks::check_record(*rules, record, ctx, diags);
  }
  Diagnostics jd;
  auto list = checks::parse_jargon(text, "jargon.csv", jd);
  (void)list;
  return 0;
}
