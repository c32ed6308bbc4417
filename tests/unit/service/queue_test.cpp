// The job queue on SQLite: leases, their expiry and retake, exactly-once completion,
// cancellation, data deleted once a record is finished, whole artefacts, retention.
#include "queue.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "digest.hpp"
#include "service.hpp"
#include "store.hpp"

using namespace quire::service;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / ("quire-queue-test-" + random_token().substr(0, 12));
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  [[nodiscard]] std::string db() const { return (dir / "quire.db").string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const char* kCanary = "Oriabel";

JobSpec spec_of(int records) {
  JobSpec s;
  s.owner = "case-system";
  s.template_name = "pledge";
  for (int i = 0; i < records; ++i)
    s.records.push_back(R"({"id":"C-)" + std::to_string(i) + R"(","child":{"first_name":")" + kCanary + R"("}})");
  return s;
}

Outcome rendered(const std::string& bytes) {
  Outcome o;
  o.ok = true;
  o.bytes = bytes;
  return o;
}

long long audit_rows(Store& store, const std::string& action) {
  long long n = 0;
  for (const auto& a : store.audit())
    if (a.action == action) ++n;
  return n;
}

}  // namespace

TEST_CASE("a record whose lease expired is taken again, and only the new lease can finish it") {
  TempDir tmp;
  Store store(tmp.db());
  REQUIRE(store.ok());
  JobQueue q(store);
  std::string error;
  auto id = q.submit(spec_of(3), error);
  REQUIRE(id);

  auto first = q.take("worker-a", 2, -1000);  // a lease that has already run out: a killed worker
  REQUIRE(first.size() == 2);
  CHECK(first[0].attempt == 1);
  auto second = q.take("worker-b", 10, 60000);
  REQUIRE(second.size() == 3);  // the two expired records and the one never taken
  CHECK(second[0].index == 0);
  CHECK(second[0].attempt == 2);
  CHECK(second[2].attempt == 1);
  CHECK(q.take("worker-c", 10, 60000).empty());  // nothing left while b's leases run

  Outcome late = rendered("%PDF-late");
  CHECK_FALSE(q.complete(first[0], "worker-a", late));  // the lost lease changes nothing
  for (auto& lease : second) {
    Outcome o = rendered("%PDF-" + std::to_string(lease.index));
    CHECK(q.complete(lease, "worker-b", o));
  }
  Outcome again = rendered("%PDF-again");
  CHECK_FALSE(q.complete(second[0], "worker-b", again));  // finished once, never twice

  auto job = q.job(*id);
  REQUIRE(job);
  CHECK(job->state == "done");
  CHECK(job->done == 3);
  CHECK(audit_rows(store, "job-record") == 3);
  CHECK(q.artefact(*id, 0).value_or("") == "%PDF-0");
  auto records = q.records(*id);
  REQUIRE(records.size() == 3);
  CHECK(records[0].attempts == 2);
  CHECK(records[0].sha256 == sha256_hex("%PDF-0"));
}

TEST_CASE("artefacts are whole files beside the database, and no record's data is left once the job ends") {
  TempDir tmp;
  Store store(tmp.db());
  REQUIRE(store.ok());
  JobQueue q(store);
  std::string error;
  auto id = q.submit(spec_of(2), error);
  REQUIRE(id);
  CHECK((slurp(tmp.db()) + slurp(tmp.db() + "-wal")).find(kCanary) != std::string::npos);  // until rendered
  auto leases = q.take("w", 10, 60000);
  REQUIRE(leases.size() == 2);
  Outcome ok = rendered("%PDF-1.7 whole");
  CHECK(q.complete(leases[0], "w", ok));
  Outcome bad;
  bad.errors = R"([{"code":"data.required","message":"missing","pointer":"/records/1/council"}])";
  bad.codes = "data.required";
  CHECK(q.complete(leases[1], "w", bad));
  CHECK(q.job(*id)->state == "failed");
  CHECK(q.records(*id, true).size() == 1);

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(store.artefact_dir())) files.push_back(e.path());
  REQUIRE(files.size() == 1);  // no temporary file left behind
  CHECK(files[0].filename().string().front() != '.');
  CHECK(slurp(files[0]) == "%PDF-1.7 whole");

  std::string everything = slurp(tmp.db()) + slurp(tmp.db() + "-wal");
  CHECK(everything.find(kCanary) == std::string::npos);
}

TEST_CASE("a cancelled job hands out no more records and discards a result in progress") {
  TempDir tmp;
  Store store(tmp.db());
  REQUIRE(store.ok());
  JobQueue q(store);
  std::string error;
  auto id = q.submit(spec_of(4), error);
  REQUIRE(id);
  auto leases = q.take("w", 1, 60000);
  REQUIRE(leases.size() == 1);
  CHECK(q.cancel(*id, "case-system"));
  CHECK_FALSE(q.cancel(*id, "case-system"));  // once
  CHECK(q.take("w", 10, 60000).empty());
  Outcome o = rendered("%PDF");
  CHECK_FALSE(q.complete(leases[0], "w", o));
  auto job = q.job(*id);
  CHECK(job->state == "cancelled");
  CHECK(job->cancelled == 4);
  CHECK(audit_rows(store, "job-record") == 0);
  CHECK(slurp(tmp.db()).find(kCanary) == std::string::npos);
}

TEST_CASE("a record whose workers keep dying fails after the last attempt instead of blocking the queue") {
  TempDir tmp;
  Store store(tmp.db());
  JobQueue q(store);
  std::string error;
  auto id = q.submit(spec_of(1), error);
  REQUIRE(id);
  for (long long attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    auto leases = q.take("dies-" + std::to_string(attempt), 1, -1000);
    REQUIRE(leases.size() == 1);
    CHECK(leases[0].attempt == attempt);
  }
  CHECK(q.take("w", 1, 60000).empty());
  auto job = q.job(*id);
  CHECK(job->state == "failed");
  auto records = q.records(*id);
  REQUIRE(records.size() == 1);
  CHECK(records[0].errors.find("job.attempts") != std::string::npos);
  CHECK(audit_rows(store, "job-record") == 1);
}

TEST_CASE("a record given back is taken again as if never taken") {
  TempDir tmp;
  Store store(tmp.db());
  JobQueue q(store);
  std::string error;
  auto id = q.submit(spec_of(1), error);
  auto leases = q.take("w", 1, 60000);
  REQUIRE(leases.size() == 1);
  q.release(leases[0], "w");
  auto again = q.take("v", 1, 60000);
  REQUIRE(again.size() == 1);
  CHECK(again[0].attempt == 1);
  CHECK(q.depth() == 0);
}

TEST_CASE("retention deletes finished jobs, their rows and their files, and keeps the rest") {
  TempDir tmp;
  Store store(tmp.db());
  JobQueue q(store);
  std::string error;
  auto done = q.submit(spec_of(1), error);
  REQUIRE(done);
  auto leases = q.take("w", 1, 60000);
  REQUIRE(leases.size() == 1);
  Outcome o = rendered("%PDF");
  REQUIRE(q.complete(leases[0], "w", o));
  auto waiting = q.submit(spec_of(1), error);
  REQUIRE(waiting);
  CHECK(q.expire(3600000) == 0);  // finished moments ago: kept
  CHECK(q.expire(-1000) == 1);    // older than the retention: gone
  CHECK_FALSE(q.job(*done));
  CHECK(q.job(*waiting));
  CHECK(fs::is_empty(store.artefact_dir()));
}

TEST_CASE("routes with {name} segments match one segment each") {
  std::vector<std::string> params;
  CHECK(match_route_path("/v1/jobs/{id}", "/v1/jobs/abc", params));
  CHECK_FALSE(match_route_path("/v1/jobs/{id}", "/v1/jobs/", params));
  CHECK_FALSE(match_route_path("/v1/jobs/{id}", "/v1/jobs/abc/artefacts/1", params));
  CHECK(match_route_path("/v1/jobs/{id}/artefacts/{index}", "/v1/jobs/abc/artefacts/1", params));
  CHECK(params == std::vector<std::string>{"abc", "1"});
  CHECK_FALSE(match_route_path("/v1/jobs", "/v1/jobs/abc", params));
  CHECK(match_route_path("/v1/jobs", "/v1/jobs", params));
}
