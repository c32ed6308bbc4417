// The check job through the api (Engine::check), as the CLI and the service call it, and
// render's use of the same rules: warnings printed, errors refused under strict.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "quire/job_json.hpp"
#include "quire/render.hpp"
#include "support/test_world.hpp"

using namespace quire;

namespace {

testing::TestWorld& world() {
  static testing::TestWorld w;
  return w;
}

const Engine& engine() {
  static Engine e(world(), [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    return c;
  }());
  return e;
}

std::string clean_care_plan() {
  std::ifstream in(std::string(QUIRE_TEST_DIR) + "/unit/checks/records/care-plan-clean.json");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has(const Diagnostics& diags, const std::string& code, const std::string& pointer, Severity severity) {
  for (const auto& d : diags.items())
    if (d.code == code && d.pointer == pointer && d.severity == severity) return true;
  return false;
}

// A template folder in memory with a template.xml and its own content rules.
const std::string kPlanDir = "/mem/plan-with-checks";
void put_plan_template() {
  world().put(
      kPlanDir + "/template.xml",
      "<document>\n<section title=\"Plan\">\n<for each=\"a in areas\"><p>{{ a.area }}: {{ a.needs }}</p></for>\n"
      "</section>\n</document>\n");
  world().put(kPlanDir + "/checks.yaml",
              "areas:\n  - id: health\n    source: CPPCR 2010 reg 5(b)(i)\n  - id: education\n    source: CPPCR 2010 "
              "reg 5(b)(ii)\nvoice:\n  by: [child]\n");
}

}  // namespace

TEST_CASE("check job: a clean record exits 0; a missing area exits 5 with its pointer") {
  CheckJob job;
  job.template_ref = "care-plan";
  job.data = clean_care_plan();
  job.data_name = "maya.json";
  auto clean = engine().check(job);
  for (const auto& d : clean.diagnostics.items()) INFO(format_diagnostic(d));
  CHECK(clean.ok());
  CHECK(clean.exit_code() == 0);
  CHECK(clean.diagnostics.empty());

  auto rec = nlohmann::json::parse(job.data);
  rec["areas"].erase(0);
  job.data = rec.dump();
  auto missing = engine().check(job);
  CHECK(missing.exit_code() == 5);
  CHECK(has(missing.diagnostics, "plan.area.missing", "/areas", Severity::Error));
  const auto j = findings_json(missing);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["code"] == "plan.area.missing");
  CHECK(j["findings"][0]["severity"] == "error");
  CHECK(j["findings"][0]["pointer"] == "/areas");
  CHECK(j["findings"][0]["hint"].get<std::string>().find("reg 5(1)(b)(i)") != std::string::npos);
}

TEST_CASE("check job: bad data exits 3, a template without rules 2, and the child's edition scores its areas") {
  CheckJob job;
  job.template_ref = "my-plan";
  job.data_name = "maya.json";
  job.data =
      "{\"child\": {\"language\": \"xx-bogus\"}, \"areas\": [{\"area\": \"health\", \"actions\": "
      "[{\"by\": \"2026-02-30\"}]}]}";
  auto bad = engine().check(job);
  CHECK(bad.exit_code() == 3);
  CHECK(has(bad.diagnostics, "data.unknown-language", "/child/language", Severity::Error));
  CHECK(has(bad.diagnostics, "data.date", "/areas/0/actions/0/by", Severity::Error));

  job.data = "{\"areas\": [";
  auto syntax = engine().check(job);
  CHECK(syntax.exit_code() == 3);

  job.data = clean_care_plan();
  auto child = engine().check(job);
  CHECK(child.exit_code() == 0);
  CHECK(child.reading_ease.size() == 8);

  job.template_ref = "pledge";
  auto none = engine().check(job);
  REQUIRE_FALSE(none.diagnostics.items().empty());
  CHECK(none.diagnostics.items()[0].code == "usage.no-checks");
  CHECK(none.exit_code() == 2);

  job.template_ref = "/mem/somewhere";
  CHECK(engine().check(job).diagnostics.items()[0].code == "usage.template-folder");
}

TEST_CASE("render runs the template's checks: findings are warnings, and strict refuses on an error") {
  put_plan_template();
  RenderJob job;
  job.template_ref = kPlanDir;
  job.allow_template_folders = true;
  job.data_name = "plan.json";
  job.data = R"({"areas": [{"area": "health", "needs": "Well.", "views": [{"by": "child", "words": "Fine."}]}]})";
  auto renderer = engine().renderer();
  auto lenient = renderer->render(job);
  CHECK(lenient.ok());
  CHECK_FALSE(lenient.bytes.empty());
  CHECK(has(lenient.diagnostics, "plan.area.missing", "/areas", Severity::Warning));

  job.strict = true;
  auto strict = renderer->render(job);
  CHECK(strict.bytes.empty());
  CHECK(strict.exit_code() == 5);
  CHECK(has(strict.diagnostics, "plan.area.missing", "/areas", Severity::Error));

  // A clean record renders under strict; a bad one is a data error whatever strict says.
  job.data = R"({"areas": [{"area": "health", "needs": "Well.", "views": [{"by": "child", "words": "Fine."}]},
                           {"area": "education", "needs": "Year 3.", "views_not_sought": "On a trip."}]})";
  auto clean = renderer->render(job);
  CHECK(clean.ok());
  CHECK_FALSE(clean.bytes.empty());
  job.strict = false;
  job.data = R"({"areas": [{"area": "maths", "needs": "x"}]})";
  auto bad = renderer->render(job);
  CHECK(bad.bytes.empty());
  CHECK(bad.exit_code() == 3);
  CHECK(has(bad.diagnostics, "data.unknown-area", "/areas/0/area", Severity::Error));
}

TEST_CASE("render: broken rules are a template error (exit 4), reported at their line") {
  const std::string dir = "/mem/plan-broken-checks";
  world().put(dir + "/template.xml", "<document>\n<section title=\"Plan\"><p>x</p></section>\n</document>\n");
  world().put(dir + "/checks.yaml", "areas:\n  - id: health\n    sauce: CPPCR\n");
  RenderJob job;
  job.template_ref = dir;
  job.allow_template_folders = true;
  job.data = "{}";
  job.data_name = "plan.json";
  auto result = engine().renderer()->render(job);
  CHECK(result.exit_code() == 4);
  bool at_line = false;
  for (const auto& d : result.diagnostics.items())
    at_line |= d.code == "template.checks" && d.pos.line == 3 && d.pos.file == dir + "/checks.yaml";
  CHECK(at_line);
}

TEST_CASE("a check job's JSON form: the service reads it like a render job") {
  Diagnostics diags;
  auto job = parse_check_job(R"({"template": "care-plan", "data": {"areas": []}, "data_name": "a.json"})", diags);
  REQUIRE(job);
  CHECK(job->template_ref == "care-plan");
  CHECK(job->data == R"({"areas":[]})");
  CHECK_FALSE(job->allow_template_folders);

  Diagnostics bad;
  CHECK_FALSE(parse_check_job(R"({"data": {}, "allow_template_folders": true})", bad));
  bool missing = false, unknown = false;
  for (const auto& d : bad.items()) {
    missing |= d.code == "usage.job-missing-field" && d.pointer == "/template";
    unknown |= d.code == "usage.job-unknown-field" && d.pointer == "/allow_template_folders";
  }
  CHECK(missing);
  CHECK(unknown);
}

TEST_CASE("check finds a template exactly as render does: folders, template roots, unknown names") {
  put_plan_template();
  const std::string record = R"({"areas": [{"area": "health", "needs": "Well.", "views_not_sought": "Asleep."}]})";
  auto check_and_render = [](const Engine& e, const std::string& ref, bool folders, const std::string& data) {
    CheckJob c;
    c.template_ref = ref;
    c.allow_template_folders = folders;
    c.data = data;
    c.data_name = "plan.json";
    RenderJob r;
    r.template_ref = ref;
    r.allow_template_folders = folders;
    r.data = data;
    r.data_name = "plan.json";
    return std::make_pair(e.check(c), e.renderer()->render(r));
  };
  // A folder outside the repo with its own rules: both find it and run its rules.
  auto [checked, rendered] = check_and_render(engine(), kPlanDir, true, record);
  CHECK(has(checked.diagnostics, "plan.area.missing", "/areas", Severity::Error));
  CHECK(has(rendered.diagnostics, "plan.area.missing", "/areas", Severity::Warning));
  CHECK_FALSE(rendered.bytes.empty());

  // A plain name found under a template root (the service's extra folders), not templates_dir.
  static Engine rooted(world(), [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.template_roots = {"/mem"};
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    return c;
  }());
  auto [by_root_check, by_root_render] = check_and_render(rooted, "plan-with-checks", false, record);
  CHECK(has(by_root_check.diagnostics, "plan.area.missing", "/areas", Severity::Error));
  CHECK_FALSE(by_root_render.bytes.empty());

  // Unknown names and folders: the same code from both, whoever asks.
  for (const auto& [ref, folders] : std::vector<std::pair<std::string, bool>>{
           {"no-such-plan", false}, {"no-such-plan", true}, {"/mem/no-such-folder", true}, {"/mem", true}}) {
    INFO(ref);
    auto [c, r] = check_and_render(engine(), ref, folders, record);
    REQUIRE(c.diagnostics.items().size() == 1);
    REQUIRE_FALSE(r.diagnostics.items().empty());
    CHECK(c.diagnostics.items()[0].code == "usage.unknown-template");
    CHECK(r.diagnostics.items()[0].code == c.diagnostics.items()[0].code);
    CHECK(r.diagnostics.items()[0].message == c.diagnostics.items()[0].message);
    CHECK(c.exit_code() == r.exit_code());
  }
  auto [c, r] = check_and_render(engine(), kPlanDir, false, record);
  CHECK(c.diagnostics.items()[0].code == "usage.template-folder");
  CHECK(r.diagnostics.items()[0].code == "usage.template-folder");
}
