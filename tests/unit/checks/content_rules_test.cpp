// One test per content rule of docs/CHECKS.md: a record that passes and one that fails,
// with the finding's code, severity and exact JSON pointer.
#include "fixture.hpp"

using namespace quire;
using namespace quire::checks;
using namespace quire::checks::testing;
using nlohmann::json;

TEST_CASE("the clean fixture records pass their professional rules without a finding") {
  auto care = run(rules("care-plan"), record("care-plan-clean.json"));
  INFO(care.listing());
  CHECK(care.diags.empty());
  auto pathway = run(rules("pathway-plan"), record("pathway-plan-clean.json"));
  INFO(pathway.listing());
  CHECK(pathway.diags.empty());
}

TEST_CASE("plan.area.missing: an absent statutory area is an error at /areas naming its legal source") {
  auto rec = record("care-plan-clean.json");
  rec["areas"].erase(3);  // identity
  auto out = run(rules("care-plan"), rec);
  const Diagnostic* d = out.at("plan.area.missing", "/areas");
  REQUIRE(d);
  CHECK(d->severity == Severity::Error);
  CHECK(d->origin == Origin::Check);
  CHECK(d->message.find("'identity'") != std::string::npos);
  CHECK(d->hint.find("CPPCR 2010 reg 5(1)(b)(iv)") != std::string::npos);
  CHECK(out.count("plan.area.missing") == 1);
}

TEST_CASE("plan.area.missing: an area with no needs is missing unless it is marked not_applicable") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][5].erase("needs");
  auto out = run(rules("care-plan"), rec);
  REQUIRE(out.at("plan.area.missing", "/areas/5/needs"));

  rec["areas"][5] = {{"area", "social-presentation"}, {"not_applicable", "Covered by the placement plan this time."}};
  auto passes = run(rules("care-plan"), rec);
  INFO(passes.listing());
  CHECK(passes.diags.empty());
}

TEST_CASE("plan.area.missing: the statutory record fields (permanence, IRO, UASC; contingency) point at themselves") {
  auto rec = record("care-plan-clean.json");
  rec["plan"].erase("permanence");
  rec["iro"]["name"] = "  ";
  rec["child"].erase("uasc");
  auto out = run(rules("care-plan"), rec);
  CHECK(out.at("plan.area.missing", "/plan/permanence"));
  CHECK(out.at("plan.area.missing", "/iro/name"));
  const Diagnostic* uasc = out.at("plan.area.missing", "/child/uasc");
  REQUIRE(uasc);
  CHECK(uasc->hint.find("true or false") != std::string::npos);
  CHECK(out.count("plan.area.missing") == 3);

  auto path = record("pathway-plan-clean.json");
  path["contingency"] = "";
  auto p = run(rules("pathway-plan"), path);
  const Diagnostic* c = p.at("plan.area.missing", "/contingency");
  REQUIRE(c);
  CHECK(c->hint.find("Sch 1 para 4") != std::string::npos);
}

TEST_CASE("plan.action.owner: an action without a named person is an error at its who") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][2]["actions"][0].erase("who");
  rec["areas"][4]["actions"][0]["who"] = {{"role", "Social worker"}};  // a role, no name
  auto out = run(rules("care-plan"), rec);
  const Diagnostic* d = out.at("plan.action.owner", "/areas/2/actions/0/who");
  REQUIRE(d);
  CHECK(d->severity == Severity::Error);
  CHECK(out.at("plan.action.owner", "/areas/4/actions/0/who"));
  CHECK(out.count("plan.action.owner") == 2);
}

TEST_CASE("plan.action.date: an action without a date is an error at its by") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][2]["actions"][0].erase("by");
  auto out = run(rules("care-plan"), rec);
  const Diagnostic* d = out.at("plan.action.date", "/areas/2/actions/0/by");
  REQUIRE(d);
  CHECK(d->severity == Severity::Error);
  CHECK(d->message.find("Keep the bedtime story") != std::string::npos);
  CHECK(out.count("plan.action.date") == 1);
}

TEST_CASE("plan.action.overdue: a date before the plan was written warns unless the action is done") {
  auto rec = record("care-plan-clean.json");  // written 2026-03-02
  rec["areas"][1]["actions"][0]["by"] = "2026-03-01";
  auto out = run(rules("care-plan"), rec);
  const Diagnostic* d = out.at("plan.action.overdue", "/areas/1/actions/0/by");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);

  rec["areas"][1]["actions"][0]["status"] = "done";
  CHECK(run(rules("care-plan"), rec).count("plan.action.overdue") == 0);
  rec["areas"][1]["actions"][0]["status"] = "planned";
  rec["areas"][1]["actions"][0]["by"] = "2026-03-02";  // the day it was written: not before
  CHECK(run(rules("care-plan"), rec).count("plan.action.overdue") == 0);
}

TEST_CASE("plan.review.due: a missing review date, or one past the 6-month interval, warns") {
  auto rec = record("care-plan-clean.json");  // written 2026-03-02
  rec["plan"]["review_due"] = "2026-09-02";   // exactly six months: allowed
  CHECK(run(rules("care-plan"), rec).count("plan.review.due") == 0);

  rec["plan"]["review_due"] = "2026-09-03";
  auto late = run(rules("care-plan"), rec);
  const Diagnostic* d = late.at("plan.review.due", "/plan/review_due");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->hint.find("2026-09-02") != std::string::npos);
  CHECK(d->hint.find("reg 33") != std::string::npos);

  rec["plan"].erase("review_due");
  CHECK(run(rules("care-plan"), rec).at("plan.review.due", "/plan/review_due"));
}

TEST_CASE("plan.review.due: six months from the 31st end on the last day of a shorter month") {
  auto rec = record("pathway-plan-clean.json");
  rec["plan"]["written"] = "2026-08-31";
  for (auto& area : rec["areas"])
    for (auto& action : area["actions"]) action["status"] = "done";  // no overdue noise
  rec["plan"]["review_due"] = "2027-02-28";
  CHECK(run(rules("pathway-plan"), rec).count("plan.review.due") == 0);
  rec["plan"]["review_due"] = "2027-03-01";
  CHECK(run(rules("pathway-plan"), rec).at("plan.review.due", "/plan/review_due"));
}

TEST_CASE("plan.voice.missing: an area without the child's views or a reason they were not sought warns") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][0].erase("views");
  rec["areas"][4]["views"] = json::array({{{"by", "parent"}, {"words", "I would like more time with her."}}});
  auto out = run(rules("care-plan"), rec);
  const Diagnostic* d = out.at("plan.voice.missing", "/areas/0");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(out.at("plan.voice.missing", "/areas/4"));  // a parent's view is not the child's
  CHECK(out.count("plan.voice.missing") == 2);

  rec["areas"][0]["views_not_sought"] = "Maya was in hospital; the nurse will ask her.";
  rec["areas"][4]["views"].push_back({{"by", "child"}, {"words", "Saturdays with Dan."}});
  CHECK(run(rules("care-plan"), rec).count("plan.voice.missing") == 0);
}

TEST_CASE("plan.voice.missing: an area marked not_applicable needs no views") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][6] = {{"area", "self-care"}, {"not_applicable", "Reviewed with the placement."}};
  auto out = run(rules("care-plan"), rec);
  INFO(out.listing());
  CHECK(out.diags.empty());
}

TEST_CASE("plan.uasc.parallel: an unaccompanied young person's pathway plan without a parallel plan is an error") {
  auto rec = record("pathway-plan-clean.json");
  rec.erase("parallel_plan");
  auto out = run(rules("pathway-plan"), rec);
  const Diagnostic* d = out.at("plan.uasc.parallel", "/parallel_plan");
  REQUIRE(d);
  CHECK(d->severity == Severity::Error);

  rec["child"]["uasc"] = false;
  CHECK(run(rules("pathway-plan"), rec).count("plan.uasc.parallel") == 0);
  // The care plan has no parallel-plan rule.
  auto care = record("care-plan-clean.json");
  care["child"]["uasc"] = true;
  CHECK(run(rules("care-plan"), care).count("plan.uasc.parallel") == 0);
}
