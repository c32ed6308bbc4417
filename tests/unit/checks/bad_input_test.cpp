// Bad records: wrong types, impossible dates, unknown area ids, an unshipped language are
// Data errors with JSON pointers, all reported at once; the content checks then do not run.
#include "fixture.hpp"

using namespace quire;
using namespace quire::checks;
using namespace quire::checks::testing;
using nlohmann::json;

TEST_CASE("every problem of a bad record is reported at once, each a data error at its pointer") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][1]["area"] = "schooling";                 // not an area of the care plan
  rec["areas"][0]["needs"] = 42;                         // wrong type
  rec["areas"][2]["actions"][0]["by"] = "2026-02-30";    // no such day
  rec["child"]["language"] = "tlh";                      // a language quire does not ship
  rec["areas"][3]["actions"][0]["status"] = "finished";  // not a status
  rec["sign_off"]["manager"]["date"] = "4 March 2026";   // not ISO
  rec["child"]["uasc"] = "no";                           // not a boolean
  rec["areas"][4]["actions"][0].erase("who");            // a content finding: not reported
  auto out = run(rules("care-plan"), rec);
  INFO(out.listing());
  const Diagnostic* area = out.at("data.unknown-area", "/areas/1/area");
  REQUIRE(area);
  CHECK(area->origin == Origin::Data);
  CHECK(area->hint.find("education") != std::string::npos);
  CHECK(out.at("data.type", "/areas/0/needs"));
  const Diagnostic* date = out.at("data.date", "/areas/2/actions/0/by");
  REQUIRE(date);
  CHECK(date->message.find("2026-02-30") != std::string::npos);
  const Diagnostic* lang = out.at("data.unknown-language", "/child/language");
  REQUIRE(lang);
  CHECK(lang->hint.find("ti") != std::string::npos);
  CHECK(out.at("data.enum", "/areas/3/actions/0/status"));
  CHECK(out.at("data.date", "/sign_off/manager/date"));
  CHECK(out.at("data.type", "/child/uasc"));
  CHECK(out.diags.items().size() == 7);
  for (const auto& d : out.diags.items()) {
    CHECK(d.severity == Severity::Error);
    CHECK(d.origin == Origin::Data);
    CHECK(d.pos.file == "plan.json");
  }
  CHECK(exit_code_for(out.diags) == 3);
}

TEST_CASE("a language tag people write resolves to a shipped catalogue; leap days are dates") {
  auto rec = record("care-plan-clean.json");
  rec["child"]["language"] = "ar-SA";
  rec["child"]["date_of_birth"] = "2016-02-29";
  auto out = run(rules("care-plan"), rec);
  INFO(out.listing());
  CHECK(out.diags.empty());
  rec["child"]["date_of_birth"] = "2017-02-29";
  CHECK(run(rules("care-plan"), rec).at("data.date", "/child/date_of_birth"));
}

TEST_CASE("a record that is not an object, or areas that are not a list, are data errors") {
  CHECK(run(rules("care-plan"), json::array()).at("data.type", ""));
  auto rec = record("care-plan-clean.json");
  rec["areas"] = {{"health", "fine"}};
  CHECK(run(rules("care-plan"), rec).at("data.type", "/areas"));
  rec["areas"] = json::array({"health"});
  CHECK(run(rules("care-plan"), rec).at("data.type", "/areas/0"));
  rec["areas"] = json::array({{{"needs", "no id"}}});
  CHECK(run(rules("care-plan"), rec).at("data.type", "/areas/0"));
  rec["areas"] = json::array({{{"area", "health"}, {"actions", {{"what", "x"}}}}});
  CHECK(run(rules("care-plan"), rec).at("data.type", "/areas/0/actions"));
  rec["areas"] = json::array({{{"area", "health"}, {"actions", json::array({{{"who", "Jo"}}})}}});
  CHECK(run(rules("care-plan"), rec).at("data.type", "/areas/0/actions/0/who"));
}

TEST_CASE("a pathway plan area id in a care plan is unknown") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][7]["area"] = "accommodation";
  auto out = run(rules("care-plan"), rec);
  CHECK(out.at("data.unknown-area", "/areas/7/area"));
}
