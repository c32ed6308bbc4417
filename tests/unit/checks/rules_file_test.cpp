// checks.yaml itself: every template's rules load; a bad file is reported at file:line:col,
// every problem at once; the child's own words cannot be made a language field; extends
// chains are bounded. And jargon.csv.
#include "fixture.hpp"

using namespace quire;
using namespace quire::checks;
using namespace quire::checks::testing;

namespace {
const Diagnostic* find(const Diagnostics& diags, const std::string& code, int line, int column) {
  for (const auto& d : diags.items())
    if (d.code == code && d.pos.line == line && d.pos.column == column) return &d;
  return nullptr;
}
std::string listing(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) out += format_diagnostic(d) + "\n";
  return out;
}
}  // namespace

TEST_CASE("every shipped rules file loads, and each area names its legal source") {
  for (const char* name : {"care-plan", "pathway-plan", "my-plan", "my-pathway-plan"}) {
    INFO(name);
    const Rules r = rules(name);
    CHECK_FALSE(r.areas.empty());
    for (const auto& a : r.areas) CHECK_FALSE(a.source.empty());
    for (const auto& f : r.fields) CHECK_FALSE(f.source.empty());
    CHECK(r.review.enabled);
  }
  CHECK(rules("care-plan").areas.size() == 8);
  CHECK(rules("pathway-plan").areas.size() == 9);
}

TEST_CASE("a YAML syntax error is template.checks-syntax at its file, line and column") {
  Diagnostics diags;
  auto r =
      parse_rules("edition: professional\nareas:\n  - id: health\n    source: [unclosed\n", "x/checks.yaml", diags);
  CHECK_FALSE(r);
  INFO(listing(diags));
  REQUIRE(diags.items().size() == 1);
  const auto& d = diags.items()[0];
  CHECK(d.code == "template.checks-syntax");
  CHECK(d.origin == Origin::Template);
  CHECK(d.pos.file == "x/checks.yaml");
  CHECK(d.pos.line >= 4);
  CHECK(d.pos.column >= 1);
  CHECK(exit_code_for(diags) == 4);
}

TEST_CASE("every structural problem of a rules file is reported at once at its line and column") {
  const std::string yaml =
      "edition: professional\n"         // 1
      "areas:\n"                        // 2
      "  - id: health\n"                // 3
      "    title: Health\n"             // 4  (no source: error at the item, 3:5)
      "  - id: health\n"                // 5  (twice: 5:9)
      "    source: CPPCR\n"             // 6
      "fields:\n"                       // 7
      "  - pointer: plan/permanence\n"  // 8  (not a pointer: 8:14)
      "    source: CPPCR reg 5(a)\n"    // 9
      "review:\n"                       // 10
      "  max_months: lots\n"            // 11 (11:15)
      "  source: reg 33\n"              // 12
      "colour: red\n";                  // 13 (unknown key: 13:1)
  Diagnostics diags;
  auto r = parse_rules(yaml, "bad.yaml", diags);
  CHECK_FALSE(r);
  INFO(listing(diags));
  CHECK(find(diags, "template.checks", 3, 5));
  CHECK(find(diags, "template.checks", 5, 9));
  CHECK(find(diags, "template.checks", 8, 14));
  CHECK(find(diags, "template.checks", 11, 15));
  const Diagnostic* unknown = find(diags, "template.checks", 13, 1);
  REQUIRE(unknown);
  CHECK(unknown->message.find("'colour'") != std::string::npos);
  CHECK(diags.items().size() == 5);
}

TEST_CASE("the child's own words cannot be made a language field, and language needs a child's edition") {
  Diagnostics diags;
  auto r = parse_rules("edition: child\nlanguage:\n  fields:\n    - /areas/*/needs\n    - /areas/*/views/*/words\n",
                       "c.yaml", diags);
  CHECK_FALSE(r);
  const Diagnostic* d = find(diags, "template.checks", 5, 7);
  REQUIRE(d);
  CHECK(d->message.find("own words") != std::string::npos);

  Diagnostics pro;
  CHECK_FALSE(parse_rules("language:\n  fields: [/contingency]\n", "p.yaml", pro));
  CHECK(pro.items().size() == 1);
}

TEST_CASE("extends is bounded: a loop of rules files stops with an error, not a hang") {
  RulesResolver loop;
  loop = [&loop](const std::string&, int depth, Diagnostics& diags) {
    return parse_rules("extends: myself\n", "loop.yaml", diags, loop, depth);
  };
  Diagnostics diags;
  auto r = parse_rules("extends: myself\n", "loop.yaml", diags, loop);
  CHECK_FALSE(r);
  bool bounded = false;
  for (const auto& d : diags.items()) bounded |= d.message.find("extend one another") != std::string::npos;
  CHECK(bounded);

  Diagnostics none;
  CHECK_FALSE(parse_rules("extends: care-plan\n", "e.yaml", none));  // no resolver given
}

TEST_CASE("a file that is not a mapping, or is empty, is reported, never thrown") {
  for (const char* text :
       {"", "- a\n- b\n", "just words", "{", "\t\x01\xff", "areas: {id: x}\n", "areas:\n  - [1, 2]\n"}) {
    Diagnostics diags;
    CHECK_FALSE(parse_rules(text, "f.yaml", diags));
    CHECK(diags.has_errors());
  }
}

TEST_CASE("jargon.csv: a header, quoted commas, capitals matched exactly, bad rows warned with their line") {
  Diagnostics diags;
  auto j = parse_jargon(
      "\xEF\xBB\xBFterm,plain,note\nLAC,in care,\nNEET,\"not in school, work or training\",\n\nplacement\n"
      "Respite,short breaks,x\n",
      "j.csv", diags);
  REQUIRE(j.terms.size() == 3);
  CHECK(j.terms[0].term == "Respite");  // longest first
  CHECK(j.terms[1].term == "NEET");
  CHECK(j.terms[1].plain == "not in school, work or training");
  CHECK(j.terms[1].match_case);
  bool respite = false;
  for (const auto& t : j.terms) respite |= t.term == "Respite" && t.match_case;
  CHECK(respite);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "locale.jargon");
  CHECK(diags.items()[0].severity == Severity::Warning);
  CHECK(diags.items()[0].pos.line == 5);
}

TEST_CASE("the English jargon list has the terms the issue names, each with plain words") {
  const auto& j = english_jargon();
  for (const char* term : {"LAC", "looked after", "placement", "contact", "S.20", "section 20", "PEP", "LADO",
                           "respite", "statutory", "care plan review", "IRO"}) {
    INFO(term);
    bool found = false;
    for (const auto& t : j.terms) found |= t.term == term && !t.plain.empty();
    CHECK(found);
  }
}
