// The service without a socket: authentication, roles, the status of each failure, the
// audit (with no case content in the database file), limits, and the route table against
// service/openapi.json.
#include "service.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "digest.hpp"
#include "roles.hpp"
#include "sql.hpp"
#include "store.hpp"
#include "support/test_world.hpp"

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

/// A fresh database in a temporary folder, removed with the fixture.
struct TempDb {
  fs::path dir;
  TempDb() {
    dir = fs::temp_directory_path() / ("quire-service-test-" + random_token().substr(0, 12));
    fs::create_directories(dir);
  }
  ~TempDb() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  [[nodiscard]] std::string path() const { return (dir / "quire.db").string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const char* kCanary = "Zephyrine";

std::string pledge_body(const std::string& first_name = kCanary, const std::string& extra = "") {
  json data = {{"id", "C-1042"},
               {"child", {{"first_name", first_name}}},
               {"council", {{"name", "Northbridge"}}},
               {"issued", "2026-01-05"}};
  json body = {{"template", "pledge"}, {"data", data}, {"format", "pdf"}};
  if (!extra.empty()) body.update(json::parse(extra));
  return body.dump();
}

Request post(const std::string& token, const std::string& body) {
  return {"POST", "/v1/render", "Bearer " + token, body};
}

json errors_of(const Response& r) {
  return json::parse(r.body)["errors"];
}

}  // namespace

TEST_CASE("sha256_hex gives the standard digest and tokens are 64 random hex digits") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string a = random_token(), b = random_token();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

TEST_CASE("the store opens in WAL mode and keeps only a token's hash") {
  TempDb tmp;
  Store store(tmp.path());
  REQUIRE(store.ok());
  CHECK(store.journal_mode() == "wal");
  std::string error;
  auto token = store.create_token("case-system", "social-worker", false, error);
  REQUIRE(token);
  CHECK(store.find_token(*token)->role == "social-worker");
  CHECK_FALSE(store.find_token(*token + "0"));
  CHECK_FALSE(store.create_token("case-system", "clerk", false, error));  // names are never reused
  CHECK_FALSE(store.create_token("other", "superuser", false, error));    // unknown role
  CHECK(error.find("unknown role") != std::string::npos);
  std::string file = slurp(tmp.path()) + slurp(tmp.path() + "-wal");
  CHECK(file.find(*token) == std::string::npos);
  CHECK(file.find(sha256_hex(*token)) != std::string::npos);
  REQUIRE(store.revoke_token("case-system", error));
  CHECK_FALSE(store.find_token(*token));
  CHECK_FALSE(store.revoke_token("case-system", error));
}

TEST_CASE("SQLite statements are prepared once and reused with fresh parameters, past the cache's size") {
  auto dir = fs::temp_directory_path() / ("quire-sql-test-" + random_token().substr(0, 12));
  fs::create_directories(dir);
  {
    std::string error;
    auto db = open_sqlite((dir / "t.db").string(), error);
    REQUIRE(db);
    REQUIRE(db->script("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)"));
    const std::string insert = "INSERT INTO t(k, v) VALUES($1, $2)";
    CHECK(db->query(insert, {1, "one"}));
    CHECK(db->query(insert, {2, SqlValue()}));     // the earlier text is not left bound
    CHECK_FALSE(db->query(insert, {1, "again"}));  // a failed step leaves the statement usable
    CHECK(db->query(insert, {3, "three"}));
    std::vector<SqlRow> rows;
    REQUIRE(db->query("SELECT k, v FROM t ORDER BY k", {}, &rows));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][1] == std::nullopt);
    CHECK(rows[2][1] == "three");
    // More distinct statements than the cache holds: the oldest are finalized and re-prepared.
    for (int round = 0; round < 2; ++round)
      for (int i = 0; i < 100; ++i) {
        rows.clear();
        REQUIRE(db->query("SELECT v, " + std::to_string(i) + " FROM t WHERE k = $1", {3}, &rows));
        REQUIRE(rows.size() == 1);
        CHECK(rows[0][1] == std::to_string(i));
      }
    // A statement kept prepared does not hold the database: a transaction by another connection commits.
    auto other = open_sqlite((dir / "t.db").string(), error);
    REQUIRE(other);
    REQUIRE(other->begin());
    CHECK(other->query(insert, {4, "four"}));
    CHECK(other->commit());
    rows.clear();
    REQUIRE(db->query("SELECT COUNT(*) FROM t", {}, &rows));
    CHECK(rows[0][0] == "4");
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("--db takes sqlite:PATH, a path or a postgresql:// URL, and refuses other schemes") {
  std::string error;
  CHECK(*db_target_of("sqlite:/tmp/x.db", error) == "/tmp/x.db");
  CHECK(*db_target_of("x.db", error) == "x.db");
  CHECK(*db_target_of("postgresql://db/quire", error) == "postgresql://db/quire");
  CHECK_FALSE(sqlite_path_of("postgresql://db/quire", error));
  CHECK_FALSE(db_target_of("mysql://db/quire", error));
  CHECK(error.find("postgresql://") != std::string::npos);
  CHECK_FALSE(db_target_of("sqlite:", error));
}

TEST_CASE("roles map today's templates by kind, and an unplaced template is admin's only") {
  CHECK(may_render("social-worker", "pledge"));
  CHECK(may_render("social-worker", "care-plan"));
  CHECK(may_render("social-worker", "pathway-plan"));
  CHECK(may_render("translator", "pledge"));
  CHECK_FALSE(may_render("translator", "my-plan"));
  CHECK_FALSE(may_render("clerk", "pledge"));
  CHECK(may_render("admin", "pathway-plan"));
  CHECK(may_render("admin", "a-new-template"));
  CHECK_FALSE(may_render("social-worker", "a-new-template"));
  CHECK_FALSE(may_render("nobody", "pledge"));
  for (const auto& name : engine().templates()) CHECK_MESSAGE(!template_kind(name).empty(), name);
}

TEST_CASE("packs are the clerk's and admin's: the Pledge and the role's own kinds, nothing else opened") {
  CHECK(may_pack("clerk", "pledge"));
  CHECK_FALSE(may_pack("clerk", "care-plan"));  // a pack opens no template the role may not render
  CHECK_FALSE(may_pack("clerk", "a-new-template"));
  CHECK(may_pack("admin", "care-plan"));
  CHECK(may_pack("admin", "a-new-template"));
  CHECK_FALSE(may_pack("social-worker", "pledge"));
  CHECK_FALSE(may_pack("translator", "pledge"));
  CHECK_FALSE(may_pack("metrics", "pledge"));
  CHECK_FALSE(may_pack("nobody", "pledge"));
}

TEST_CASE("record ids are taken only when they look like ids") {
  CHECK(record_id_of(json::parse(R"({"child": {"id": "C-1042", "first_name": "Sam"}})")) == "C-1042");
  CHECK(record_id_of(json::parse(R"({"id": 77})")) == "77");
  CHECK(record_id_of(json::parse(R"({"id": "Sam Smith"})")).empty());
  CHECK(record_id_of(json::parse(R"({"child": {"first_name": "Sam"}})")).empty());
  CHECK(record_id_of(json::parse("[1]")).empty());
}

TEST_CASE("the status follows the worst error's exit code") {
  auto status = [](Origin o, const char* code) {
    Diagnostics d;
    d.error(o, code, "x");
    return http_status_for(d);
  };
  CHECK(status(Origin::Usage, "usage.unknown-template") == 404);
  CHECK(status(Origin::Usage, "usage.template-folder") == 404);
  CHECK(status(Origin::Usage, "usage.job-field") == 400);
  CHECK(status(Origin::Data, "data.schema") == 422);
  CHECK(status(Origin::Check, "check.untranslated") == 422);
  CHECK(status(Origin::Limit, "job.deadline") == 422);
  CHECK(status(Origin::Template, "template.syntax") == 500);
  CHECK(status(Origin::Internal, "internal") == 500);
}

TEST_CASE("every route is in service/openapi.json and every documented path is a route") {
  json spec = json::parse(openapi_text());
  CHECK(spec["openapi"].get<std::string>().rfind("3.1", 0) == 0);
  for (const auto& r : routes()) {
    std::string method(r.method);
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    INFO(r.method << ' ' << r.path);
    REQUIRE(spec["paths"].contains(std::string(r.path)));
    CHECK(spec["paths"][std::string(r.path)].contains(method));
    // The one route without a token says so in the description.
    if (!r.authenticated) CHECK(spec["paths"][std::string(r.path)][method]["security"] == json::array());
  }
  for (const auto& [path, ops] : spec["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;  // not operations
      bool found = false;
      for (const auto& r : routes()) {
        std::string m(r.method);
        for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        found = found || (r.path == path && m == method);
      }
      CHECK_MESSAGE(found, method << ' ' << path << " is documented but not served");
    }
}

TEST_CASE("requests are authenticated and authorised by role") {
  TempDb tmp;
  Store store(tmp.path());
  REQUIRE(store.ok());
  Service svc(engine(), store);
  std::string error;
  auto worker = *store.create_token("worker", "social-worker", false, error);
  auto clerk = *store.create_token("clerk", "clerk", false, error);
  auto revoked = *store.create_token("old", "admin", false, error);
  REQUIRE(store.revoke_token("old", error));

  CHECK(svc.handle({"GET", "/healthz", "", ""}).status == 200);
  auto none = svc.handle({"GET", "/v1/templates", "", ""});
  CHECK(none.status == 401);
  CHECK(errors_of(none)[0]["code"] == "auth.missing-token");
  CHECK(svc.handle({"GET", "/v1/templates", "Bearer " + revoked, ""}).status == 401);
  CHECK(svc.handle({"GET", "/v1/templates", "Basic " + worker, ""}).status == 401);
  auto listing = svc.handle({"GET", "/v1/templates", "Bearer " + clerk, ""});
  CHECK(listing.status == 200);
  CHECK(json::parse(listing.body)["templates"].size() == engine().templates().size());

  auto refused = svc.handle(post(clerk, pledge_body()));
  CHECK(refused.status == 403);
  CHECK(errors_of(refused)[0]["code"] == "auth.forbidden");
  CHECK(svc.handle({"GET", "/v1/nowhere", "Bearer " + worker, ""}).status == 404);
  CHECK(svc.handle({"DELETE", "/v1/render", "Bearer " + worker, ""}).status == 405);
}

TEST_CASE("a render answers the PDF, audits it without case content, and bad requests get JSON errors") {
  TempDb tmp;
  Store store(tmp.path());
  REQUIRE(store.ok());
  Service svc(engine(), store, Limits{.max_body_bytes = 64 * 1024});
  std::string error;
  auto token = *store.create_token("case-system", "social-worker", false, error);

  auto ok = svc.handle(post(token, pledge_body()));
  REQUIRE(ok.status == 200);
  CHECK(ok.content_type == "application/pdf");
  CHECK(ok.body.rfind("%PDF-", 0) == 0);

  auto bad = svc.handle(post(token, pledge_body(kCanary, R"({"data": {"child": {"first_name": 42}}})")));
  CHECK(bad.status == 422);
  bool pointed = false;
  for (const auto& e : errors_of(bad)) pointed = pointed || e.value("pointer", "").rfind("/data/", 0) == 0;
  CHECK(pointed);

  auto unknown = svc.handle(post(token, R"({"template": "no-such-template", "data": {}})"));
  CHECK(unknown.status == 404);
  CHECK(errors_of(unknown)[0]["code"] == "usage.unknown-template");
  CHECK(svc.handle(post(token, R"({"template": "../../etc/passwd", "data": {}})")).status == 404);
  auto syntax = svc.handle(post(token, "{\"template\": "));
  CHECK(syntax.status == 400);
  CHECK(errors_of(syntax)[0]["code"] == "usage.job-syntax");
  CHECK(svc.handle(post(token, pledge_body(kCanary, R"({"edition": "draft"})"))).status == 400);
  auto large = svc.handle(post(token, std::string(65 * 1024, ' ')));
  CHECK(large.status == 413);
  CHECK(errors_of(large)[0]["code"] == "request.too-large");

  auto rows = store.audit();
  REQUIRE(rows.size() >= 6);
  CHECK(rows[0].who == "case-system");
  CHECK(rows[0].template_name == "pledge");
  CHECK(rows[0].record_id == "C-1042");
  CHECK(rows[0].status == 200);
  CHECK(rows[0].output_sha256 == sha256_hex(ok.body));
  CHECK(rows[1].status == 422);
  CHECK(rows[1].outcome == "failed");
  CHECK(rows[2].template_name.empty());  // a name the caller made up is not recorded

  std::string everything;
  for (const auto& entry : fs::directory_iterator(tmp.dir)) everything += slurp(entry.path());
  CHECK(everything.find(kCanary) == std::string::npos);
  CHECK(everything.find("Northbridge") == std::string::npos);
}

TEST_CASE("a public-only token gets no full edition") {
  TempDb tmp;
  Store store(tmp.path());
  Service svc(engine(), store);
  std::string error;
  auto token = *store.create_token("website", "admin", true, error);
  auto full = svc.handle(post(token, pledge_body()));
  CHECK(full.status == 403);
  CHECK(errors_of(full)[0]["code"] == "auth.public-only");
  auto pub = svc.handle(post(token, pledge_body(kCanary, R"({"edition": "public"})")));
  CHECK(pub.status == 404);
  CHECK(errors_of(pub)[0]["code"] == "usage.edition-unavailable");
}
