// The job routes without a socket (Service::handle), and worker threads rendering a job
// through the engine: ownership, refusals, cancellation, artefacts.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "digest.hpp"
#include "queue.hpp"
#include "service.hpp"
#include "store.hpp"
#include "support/test_world.hpp"
#include "worker.hpp"

using namespace quire;
using namespace quire::service;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const Engine& engine() {
  static testing::TestWorld world;
  static Engine e(world, [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    return c;
  }());
  return e;
}

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("quire-jobs-test-" + random_token().substr(0, 12));
  std::unique_ptr<Store> store;
  std::string owner, other, clerk, admin;
  Fixture() {
    fs::create_directories(dir);
    store = std::make_unique<Store>((dir / "quire.db").string());
    std::string error;
    owner = *store->create_token("case-system", "social-worker", false, error);
    other = *store->create_token("other-system", "social-worker", false, error);
    clerk = *store->create_token("committee", "clerk", false, error);
    admin = *store->create_token("ops", "admin", false, error);
  }
  ~Fixture() {
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

json pledge(const std::string& name) {
  return {{"id", "C-" + name},
          {"child", {{"first_name", name}}},
          {"council", {{"name", "Northbridge"}}},
          {"issued", "2026-01-05"}};
}

std::string job_body(int records) {
  json body = {{"kind", "batch"}, {"template", "pledge"}, {"format", "pdf"}, {"records", json::array()}};
  for (int i = 0; i < records; ++i) body["records"].push_back(pledge("Ada" + std::to_string(i)));
  return body.dump();
}

Response call(Service& s, const std::string& method, const std::string& path, const std::string& token,
              const std::string& body = "") {
  return s.handle({method, path, "Bearer " + token, body});
}

std::string code_of(const Response& r) {
  return json::parse(r.body)["errors"][0]["code"];
}

}  // namespace

TEST_CASE("a job is its token's: others get 404, admin sees it with its owner") {
  Fixture fx;
  Service svc(engine(), *fx.store);
  Response r = call(svc, "POST", "/v1/jobs", fx.owner, job_body(2));
  REQUIRE(r.status == 202);
  std::string id = json::parse(r.body)["id"];
  CHECK(call(svc, "GET", "/v1/jobs/" + id, fx.owner).status == 200);
  CHECK(call(svc, "GET", "/v1/jobs/" + id, fx.other).status == 404);
  CHECK(call(svc, "DELETE", "/v1/jobs/" + id, fx.other).status == 404);
  CHECK(call(svc, "GET", "/v1/jobs/" + id + "/artefacts/0", fx.other).status == 404);
  Response seen = call(svc, "GET", "/v1/jobs/" + id, fx.admin);
  CHECK(json::parse(seen.body)["owner"] == "case-system");
  CHECK(json::parse(call(svc, "GET", "/v1/jobs/" + id, fx.owner).body)["progress"]["queued"] == 2);
  CHECK(call(svc, "GET", "/v1/jobs/" + id + "/artefacts/0", fx.owner).status == 404);  // not rendered yet
  CHECK(call(svc, "DELETE", "/v1/jobs/" + id, fx.owner).status == 200);
  CHECK(call(svc, "DELETE", "/v1/jobs/" + id, fx.owner).status == 409);
  CHECK(json::parse(call(svc, "GET", "/v1/jobs/" + id, fx.owner).body)["progress"]["cancelled"] == 2);
}

TEST_CASE("refused jobs are clear JSON errors and queue nothing") {
  Fixture fx;
  Limits limits;
  limits.max_records_per_job = 3;
  Service svc(engine(), *fx.store, limits);
  CHECK(code_of(call(svc, "POST", "/v1/jobs", fx.clerk, job_body(1))) == "auth.forbidden");
  Response big = call(svc, "POST", "/v1/jobs", fx.owner, job_body(4));
  CHECK(big.status == 413);
  CHECK(code_of(big) == "job.too-many-records");
  CHECK(call(svc, "POST", "/v1/jobs", fx.owner, job_body(0)).status == 422);
  CHECK(call(svc, "POST", "/v1/jobs", fx.owner, "{\"template\":").status == 400);
  json path = json::parse(job_body(1));
  path["template"] = "../../etc/passwd";
  CHECK(code_of(call(svc, "POST", "/v1/jobs", fx.owner, path.dump())) == "usage.unknown-template");
  json unknown = json::parse(job_body(1));
  unknown["colour"] = "red";
  CHECK(code_of(call(svc, "POST", "/v1/jobs", fx.owner, unknown.dump())) == "usage.job-field");
  CHECK(JobQueue(*fx.store).depth() == 0);
  CHECK(call(svc, "GET", "/v1/jobs/nonesuch", fx.owner).status == 404);
}

TEST_CASE("GET /metrics reports the records waiting in the queue when it is answered") {
  Fixture fx;
  Service svc(engine(), *fx.store);  // no worker: what is submitted stays queued
  std::string scraper = *[&] {
    std::string error;
    return fx.store->create_token("prometheus", "metrics", false, error);
  }();
  auto depth_line = [&] {
    std::string t = call(svc, "GET", "/metrics", scraper).body;
    auto at = t.find("\nquire_queue_depth ");
    return at == std::string::npos ? std::string() : t.substr(at + 1, t.find('\n', at + 1) - at - 1);
  };
  CHECK(depth_line() == "quire_queue_depth 0");
  REQUIRE(call(svc, "POST", "/v1/jobs", fx.owner, job_body(3)).status == 202);
  CHECK(depth_line() == "quire_queue_depth 3");
  Response second = call(svc, "POST", "/v1/jobs", fx.other, job_body(2));
  REQUIRE(second.status == 202);
  CHECK(depth_line() == "quire_queue_depth 5");  // records, over every token's jobs
  CHECK(call(svc, "DELETE", "/v1/jobs/" + json::parse(second.body)["id"].get<std::string>(), fx.other).status == 200);
  CHECK(depth_line() == "quire_queue_depth 3");  // cancelled records wait no more
}

TEST_CASE("a token with --max-jobs jobs unfinished gets 429 with Retry-After, and nothing is stored") {
  Fixture fx;
  Limits limits;
  limits.max_jobs_per_token = 2;
  Service svc(engine(), *fx.store, limits);  // no worker: submitted jobs stay queued
  Response first = call(svc, "POST", "/v1/jobs", fx.owner, job_body(1));
  REQUIRE(first.status == 202);
  REQUIRE(call(svc, "POST", "/v1/jobs", fx.owner, job_body(2)).status == 202);
  auto audited = fx.store->audit().size();

  Response busy = call(svc, "POST", "/v1/jobs", fx.owner, job_body(3));
  CHECK(busy.status == 429);
  CHECK(code_of(busy) == "request.too-many");
  bool retry = false;
  for (const auto& [k, v] : busy.headers) retry = retry || (k == "Retry-After" && v == "1");
  CHECK(retry);
  CHECK(JobQueue(*fx.store).depth() == 3);  // no job row, no record of the refused job
  auto rows = fx.store->audit();
  REQUIRE(rows.size() == audited + 1);
  CHECK(rows.back().action == "job-submit");
  CHECK(rows.back().status == 429);
  CHECK(rows.back().outcome == "failed");
  CHECK(rows.back().codes == "request.too-many");
  CHECK(rows.back().job.empty());

  CHECK(call(svc, "POST", "/v1/jobs", fx.other, job_body(1)).status == 202);  // another token is not held up
  // A finished (here cancelled) job frees its place.
  CHECK(call(svc, "DELETE", "/v1/jobs/" + json::parse(first.body)["id"].get<std::string>(), fx.owner).status == 200);
  CHECK(call(svc, "POST", "/v1/jobs", fx.owner, job_body(1)).status == 202);
  CHECK(call(svc, "POST", "/v1/jobs", fx.owner, job_body(1)).status == 429);
}

TEST_CASE("worker threads render a job through the engine, a bad record failing alone with its pointer") {
  Fixture fx;
  Service svc(engine(), *fx.store);
  json body = json::parse(job_body(3));
  body["records"][1]["issued"] = "someday";
  Response r = call(svc, "POST", "/v1/jobs", fx.owner, body.dump());
  REQUIRE(r.status == 202);
  std::string id = json::parse(r.body)["id"];
  WorkerOptions options;
  options.threads = 1;
  options.idle_ms = 20;
  Workers workers(engine(), {fx.store.get()}, options);
  workers.start();
  json job;
  for (int i = 0; i < 600; ++i) {  // bounded: at most a minute
    job = json::parse(call(svc, "GET", "/v1/jobs/" + id, fx.owner).body);
    if (job["state"] != "queued" && job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  workers.stop();
  CHECK(job["state"] == "failed");
  CHECK(job["progress"]["done"] == 2);
  CHECK(job["records"][1]["state"] == "failed");
  std::string pointer = job["records"][1]["errors"][0].value("pointer", "");
  CHECK(pointer.rfind("/records/1/", 0) == 0);
  Response pdf = call(svc, "GET", "/v1/jobs/" + id + "/artefacts/2", fx.owner);
  CHECK(pdf.status == 200);
  CHECK(pdf.content_type == "application/pdf");
  CHECK(pdf.body.rfind("%PDF-", 0) == 0);
  CHECK(sha256_hex(pdf.body) == job["records"][2]["sha256"]);
  CHECK(workers.rendered == 2);
  CHECK(workers.failed == 1);
}
