// The routes beside render: POST /v1/check, a template's schema (and names that are paths),
// the locales with their completeness, GET /metrics, and the per-token concurrency limit.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "digest.hpp"
#include "metrics.hpp"
#include "roles.hpp"
#include "service.hpp"
#include "store.hpp"
#include "support/test_world.hpp"

using namespace quire;
using namespace quire::service;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const EngineConfig& config() {
  static EngineConfig c = [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    return c;
  }();
  return c;
}

const World& world() {
  static testing::TestWorld w;
  return w;
}

const Engine& engine() {
  static Engine e(world(), config());
  return e;
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Service> svc;
  explicit Fixture(Limits limits = {}) {
    dir = fs::temp_directory_path() / ("quire-routes-test-" + random_token().substr(0, 12));
    fs::create_directories(dir);
    store = std::make_unique<Store>((dir / "quire.db").string());
    REQUIRE(store->ok());
    svc = std::make_unique<Service>(engine(), *store, limits);
    svc->set_sources(world(), config());
  }
  ~Fixture() {
    svc.reset();
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string token(const std::string& name, const std::string& role) {
    std::string error;
    auto t = store->create_token(name, role, false, error);
    REQUIRE(t);
    return *t;
  }
  Response get(const std::string& path, const std::string& token) {
    return svc->handle({"GET", path, "Bearer " + token, ""});
  }
  Response post(const std::string& path, const std::string& token, const std::string& body) {
    return svc->handle({"POST", path, "Bearer " + token, body});
  }
  std::string files() const {
    std::string all;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      all += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
};

json clean_care_plan() {
  std::ifstream in(testing::source_dir() + "/tests/unit/checks/records/care-plan-clean.json");
  return json::parse(in);
}

std::string code_of(const Response& r) {
  return json::parse(r.body)["errors"][0].value("code", "");
}

std::string pledge_body() {
  json data = {{"id", "C-1042"},
               {"child", {{"first_name", "Oriel"}}},
               {"council", {{"name", "Northbridge"}}},
               {"issued", "2026-01-05"}};
  return json{{"template", "pledge"}, {"data", data}}.dump();
}

}  // namespace

TEST_CASE("routes with a {parameter} match one non-empty segment") {
  std::vector<std::string> params;
  CHECK(match_route_path("/v1/templates/{name}/schema", "/v1/templates/pledge/schema", params));
  CHECK(params == std::vector<std::string>{"pledge"});
  CHECK_FALSE(match_route_path("/v1/templates/{name}/schema", "/v1/templates//schema", params));
  CHECK_FALSE(match_route_path("/v1/templates/{name}/schema", "/v1/templates/a/b/schema", params));
  CHECK_FALSE(match_route_path("/v1/templates/{name}/schema", "/v1/templates/pledge", params));
  CHECK(match_route_path("/v1/render", "/v1/render", params));
  CHECK_FALSE(match_route_path("/v1/render", "/v1/render/", params));
}

TEST_CASE("POST /v1/check answers quire check's findings with their pointers, and is audited") {
  Fixture fx;
  auto worker = fx.token("case-system", "social-worker");
  json plan = clean_care_plan();
  auto clean = fx.post("/v1/check", worker, json{{"template", "care-plan"}, {"data", plan}}.dump());
  REQUIRE(clean.status == 200);
  json out = json::parse(clean.body);
  CHECK(out["findings"].empty());
  CHECK(out["ok"] == true);

  plan["areas"][2]["actions"][0].erase("who");
  auto gaps = fx.post("/v1/check", worker, json{{"template", "care-plan"}, {"data", plan}}.dump());
  REQUIRE(gaps.status == 200);
  out = json::parse(gaps.body);
  CHECK(out["ok"] == false);
  bool found = false;
  for (const auto& f : out["findings"]) {
    CHECK(f.contains("hint"));
    CHECK(f.contains("severity"));
    found = found || (f["code"] == "plan.action.owner" && f["pointer"] == "/areas/2/actions/0/who");
  }
  CHECK(found);

  // Requests that are wrong, not records that are.
  CHECK(code_of(fx.post("/v1/check", worker, R"({"template": "care-plan", "dat": {}})")).rfind("usage.job", 0) == 0);
  CHECK(fx.post("/v1/check", worker, "{").status == 400);
  auto unknown = fx.post("/v1/check", worker, R"({"template": "../../etc/passwd", "data": {}})");
  CHECK(unknown.status == 404);
  auto none = fx.post("/v1/check", worker, json{{"template", "pledge"}, {"data", plan}}.dump());
  CHECK(code_of(none) == "usage.no-checks");

  // Roles: the clerk and the translator run no checks; admin may.
  CHECK(
      fx.post("/v1/check", fx.token("clerk", "clerk"), json{{"template", "care-plan"}, {"data", plan}}.dump()).status ==
      403);
  CHECK(fx.post("/v1/check", fx.token("tr", "translator"), json{{"template", "care-plan"}, {"data", plan}}.dump())
            .status == 403);
  CHECK(
      fx.post("/v1/check", fx.token("root", "admin"), json{{"template", "care-plan"}, {"data", plan}}.dump()).status ==
      200);

  auto rows = fx.store->audit();
  REQUIRE(rows.size() >= 2);
  CHECK(rows[0].action == "check");
  CHECK(rows[0].who == "case-system");
  CHECK(rows[0].template_name == "care-plan");
  CHECK(rows[0].status == 200);
  CHECK(rows[1].codes.find("plan.action.owner") != std::string::npos);
}

TEST_CASE("GET /v1/templates/{name}/schema answers the schema and refuses names that are paths") {
  Fixture fx;
  auto tr = fx.token("tr", "translator");
  auto ok = fx.get("/v1/templates/pledge/schema", tr);
  REQUIRE(ok.status == 200);
  json schema = json::parse(ok.body);
  std::ifstream in(testing::source_dir() + "/templates/pledge/schema.json");
  CHECK(schema == json::parse(in));

  CHECK(code_of(fx.get("/v1/templates/no-such/schema", tr)) == "usage.unknown-template");
  for (const char* path : {"/v1/templates/../schema", "/v1/templates/..%2F..%2Fetc%2Fpasswd/schema",
                           "/v1/templates/.hidden/schema", "/v1/templates/a%00b/schema"}) {
    auto r = fx.get(path, tr);
    INFO(path);
    CHECK(r.status == 400);
    CHECK(code_of(r) == "usage.template-name");
  }
  // Decoded by the HTTP shell, an encoded traversal has more segments: no route, and said so.
  auto dots = fx.get("/v1/templates/../../etc/passwd/schema", tr);
  CHECK(dots.status == 400);
  CHECK(code_of(dots) == "http.dot-segment");
  CHECK(fx.get("/v1/templates/pledge/schema", "0").status == 401);
}

TEST_CASE("GET /v1/locales gives each locale's direction and completeness") {
  Fixture fx;
  auto r = fx.get("/v1/locales", fx.token("tr", "translator"));
  REQUIRE(r.status == 200);
  INFO(r.body);
  json by_tag, answer = json::parse(r.body);
  for (const auto& l : answer["locales"]) by_tag[l["tag"].get<std::string>()] = l;
  REQUIRE(by_tag.contains("en-GB"));
  REQUIRE(by_tag.contains("ar"));
  CHECK(by_tag["en-GB"]["source"] == true);
  CHECK(by_tag["en-GB"]["complete"] == true);
  CHECK(by_tag["ar"]["direction"] == "rtl");
  CHECK(by_tag["prs"]["direction"] == "rtl");
  CHECK(by_tag["kmr"]["direction"] == "ltr");
  CHECK(by_tag["en-GB"]["direction"] == "ltr");
  int total = by_tag["en-GB"]["total"];
  CHECK(total > 0);
  for (const auto& [tag, l] : by_tag.items()) {
    INFO(tag);
    CHECK(l["total"] == total);
    CHECK(l["translated"].get<int>() <= total);
    CHECK(l["complete"] == (l["percent_complete"].get<double>() >= 100.0));
    CHECK(l.contains("name"));
  }
}

TEST_CASE("GET /metrics is Prometheus text for the metrics and admin roles only") {
  Fixture fx;
  auto worker = fx.token("case-system", "social-worker");
  auto scraper = fx.token("prometheus", "metrics");
  REQUIRE(fx.post("/v1/render", worker, pledge_body()).status == 200);
  CHECK(fx.post("/v1/render", worker, R"({"template": "pledge", "data": {"child": {}}})").status == 422);
  CHECK(fx.post("/v1/render", scraper, pledge_body()).status == 403);  // the metrics role renders nothing

  CHECK(fx.get("/metrics", worker).status == 403);
  CHECK(fx.svc->handle({"GET", "/metrics", "", ""}).status == 401);
  auto m = fx.get("/metrics", scraper);
  REQUIRE(m.status == 200);
  CHECK(m.content_type.rfind("text/plain; version=0.0.4", 0) == 0);
  const std::string& t = m.body;
  INFO(t);
  CHECK(t.find("# TYPE quire_renders_total counter") != std::string::npos);
  CHECK(t.find("quire_renders_total{template=\"pledge\",format=\"pdf\",status=\"200\"} 1\n") != std::string::npos);
  CHECK(t.find("quire_render_failures_total{template=\"pledge\",format=\"pdf\",status=\"422\"} 1\n") !=
        std::string::npos);
  CHECK(t.find("quire_render_failures_total{template=\"pledge\",format=\"pdf\",status=\"403\"} 1\n") !=
        std::string::npos);
  CHECK(t.find("# TYPE quire_render_duration_seconds histogram") != std::string::npos);
  CHECK(t.find("quire_render_duration_seconds_bucket{template=\"pledge\",format=\"pdf\",le=\"+Inf\"} 2\n") !=
        std::string::npos);
  CHECK(t.find("quire_render_duration_seconds_count{template=\"pledge\",format=\"pdf\"} 2\n") != std::string::npos);
  CHECK(t.find("quire_queue_depth 0\n") != std::string::npos);              // no job submitted
  CHECK(t.find("quire_http_requests_in_flight 1\n") != std::string::npos);  // this request
  CHECK(t.find("Oriel") == std::string::npos);
  CHECK(fx.get("/metrics", fx.token("root", "admin")).status == 200);
}

TEST_CASE("the histogram's buckets are cumulative and end at +Inf") {
  Metrics m;
  m.observe_render_seconds("pledge", "pdf", 0.003);
  m.observe_render_seconds("pledge", "pdf", 0.003);
  m.observe_render_seconds("pledge", "pdf", 30);
  std::string t = m.exposition();
  CHECK(t.find("le=\"0.002\"} 0\n") != std::string::npos);
  CHECK(t.find("le=\"0.005\"} 2\n") != std::string::npos);
  CHECK(t.find("le=\"10\"} 2\n") != std::string::npos);
  CHECK(t.find("le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(t.find("quire_render_duration_seconds_sum{template=\"pledge\",format=\"pdf\"} 30.006\n") != std::string::npos);
}

TEST_CASE("a token over its concurrent renders gets 429 with Retry-After, and nothing is rendered") {
  Fixture fx(Limits{.max_concurrent_per_token = 1});
  auto worker = fx.token("case-system", "social-worker");
  auto other = fx.token("other-system", "social-worker");
  {
    auto held = fx.svc->token_slots().try_take("case-system");  // a render in progress
    REQUIRE(held);
    CHECK_FALSE(fx.svc->token_slots().try_take("case-system"));
    auto busy = fx.post("/v1/render", worker, pledge_body());
    CHECK(busy.status == 429);
    CHECK(code_of(busy) == "request.too-many");
    bool retry = false;
    for (const auto& [k, v] : busy.headers) retry = retry || (k == "Retry-After" && v == "1");
    CHECK(retry);
    CHECK(fx.post("/v1/check", worker, json{{"template", "care-plan"}, {"data", clean_care_plan()}}.dump()).status ==
          429);
    CHECK(fx.post("/v1/render", other, pledge_body()).status == 200);  // another token is not held up
  }
  CHECK(fx.svc->token_slots().in_use("case-system") == 0);
  CHECK(fx.post("/v1/render", worker, pledge_body()).status == 200);  // the slot was given back

  auto rows = fx.store->audit();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].status == 429);
  CHECK(rows[0].outcome == "failed");
  CHECK(rows[0].output_sha256.empty());
  CHECK(rows[0].codes == "request.too-many");
  CHECK(fx.get("/metrics", fx.token("root", "admin"))
            .body.find("quire_limit_refusals_total{code=\"request.too-many\"} 2") != std::string::npos);
}

TEST_CASE("each limit's breach is refused, audited as failed, and leaves no document") {
  Fixture fx(Limits{.max_body_bytes = 64 * 1024, .deadline_ms = 10000, .max_pages = 1});
  auto worker = fx.token("case-system", "social-worker");
  // Past the time budget (the request asks for none left) and over the page limit.
  json late = json::parse(pledge_body());
  late["deadline_ms"] = 0;
  auto deadline = fx.post("/v1/render", worker, late.dump());
  CHECK(deadline.status == 422);
  CHECK(code_of(deadline) == "job.deadline");
  std::ifstream in(testing::source_dir() + "/tests/unit/checks/records/pathway-plan-clean.json");
  json plan = {{"template", "pathway-plan"}, {"data", json::parse(in)}};  // five pages
  auto pages = fx.post("/v1/render", worker, plan.dump());
  CHECK(pages.status == 422);
  CHECK(code_of(pages) == "job.page-limit");
  auto large = fx.post("/v1/render", worker, std::string(65 * 1024, ' '));
  CHECK(large.status == 413);
  for (const auto& row : fx.store->audit()) {
    CHECK(row.outcome == "failed");
    CHECK(row.output_sha256.empty());
  }
  for (const auto& e : fs::directory_iterator(fx.dir))
    CHECK(e.path().filename().string().rfind("quire.db", 0) == 0);  // no document written anywhere
}
