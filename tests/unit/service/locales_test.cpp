// The translators' routes without a socket: export, import kept as a pending import (or
// refused with every problem at its line and column, keeping nothing), the roles, the
// content type, the audit rows, and the store's pending imports applied once.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "digest.hpp"
#include "service.hpp"
#include "sql.hpp"
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
  Fixture() {
    dir = fs::temp_directory_path() / ("quire-locales-test-" + random_token().substr(0, 12));
    fs::create_directories(dir);
    store = std::make_unique<Store>((dir / "quire.db").string());
    REQUIRE(store->ok());
    svc = std::make_unique<Service>(engine(), *store);
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
  Response import(const std::string& tag, const std::string& token, const std::string& body,
                  const std::string& type = "application/xliff+xml") {
    Request r{"POST", "/v1/locales/" + tag + "/import", "Bearer " + token, body};
    r.content_type = type;
    return svc->handle(r);
  }
  std::vector<AuditEntry> imports_audited() {
    std::vector<AuditEntry> rows;
    for (auto& e : store->audit())
      if (e.action == "locale-import") rows.push_back(e);
    return rows;
  }
};

/// Replaces the first `from` in `text` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a translator exports a locale's XLIFF; other roles may not") {
  Fixture fx;
  auto translator = fx.token("reviewer", "translator");
  auto worker = fx.token("case-system", "social-worker");
  Response res = fx.get("/v1/locales/ti/export", translator);
  CHECK(res.status == 200);
  CHECK(res.content_type.rfind("application/xliff+xml", 0) == 0);
  CHECK(res.body.find("target-language=\"ti\"") != std::string::npos);
  CHECK(res.body.find("<trans-unit id=\"pledge.title\"") != std::string::npos);
  CHECK(fx.get("/v1/locales/ar-SA/export", translator).body.find("target-language=\"ar\"") != std::string::npos);
  CHECK(fx.get("/v1/locales/ti/export", worker).status == 403);
  Request tmx{"GET", "/v1/locales/ti/export", "Bearer " + translator, ""};
  tmx.query = {{"format", "tmx"}};
  Response memory = fx.svc->handle(tmx);
  CHECK(memory.status == 200);
  CHECK(memory.body.find("<tmx version=\"1.4\"") != std::string::npos);
  tmx.query = {{"format", "po"}};
  Response po = fx.svc->handle(tmx);
  CHECK(po.status == 400);
  CHECK(json::parse(po.body)["errors"][0]["code"] == "usage.export-format");
  Response unknown = fx.get("/v1/locales/xx-nowhere/export", translator);
  CHECK(unknown.status == 404);
  CHECK(json::parse(unknown.body)["errors"][0]["code"] == "usage.unknown-locale");
}

TEST_CASE("an accepted import is kept pending with its audit row; a refused one keeps nothing") {
  Fixture fx;
  auto translator = fx.token("reviewer", "translator");
  const std::string xliff = fx.get("/v1/locales/ti/export", translator).body;
  const std::string changed =
      replaced(xliff, "<source>Our Pledge to you</source>", "<source>Our Pledge to you</source><!-- reviewed -->");

  // Two broken placeholders: both reported, each at its line in the file.
  std::string broken = replaced(changed, "<ph id=\"1\">{name}</ph>", "<ph id=\"1\">{nmae}</ph>");
  broken = replaced(broken, "<ph id=\"2\">{pages}</ph></target>", "</target>");
  Response refused = fx.import("ti", translator, broken);
  CHECK(refused.status == 422);
  json errors = json::parse(refused.body)["errors"];
  REQUIRE(errors.size() >= 2);
  for (const auto& e : errors) {
    CHECK(e["line"].get<int>() > 1);
    CHECK(e["column"].get<int>() > 0);
  }
  CHECK(fx.store->imports("ti").empty());
  auto rows = fx.imports_audited();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == 422);
  CHECK(rows[0].outcome == "failed");
  CHECK(rows[0].locale == "ti");
  CHECK(rows[0].upload_sha256 == sha256_hex(broken));
  CHECK(rows[0].codes.find("locale.placeholder") != std::string::npos);

  Response ok = fx.import("ti", translator, changed);
  CHECK(ok.status == 202);
  json answer = json::parse(ok.body)["import"];
  CHECK(answer["state"] == "pending");
  CHECK(answer["upload_sha256"] == sha256_hex(changed));
  auto pending = fx.store->imports("ti");
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].id == answer["id"].get<long long>());
  CHECK(pending[0].who == "reviewer");
  rows = fx.imports_audited();
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].status == 202);
  CHECK(rows[1].outcome == "ok");
  CHECK(rows[1].upload_sha256 == sha256_hex(changed));

  // The file is kept for the admin, as sent; the listing of every locale has it too.
  std::string kept;
  auto found = fx.store->find_import(pending[0].id, kept);
  REQUIRE(found);
  CHECK(kept == changed);
  CHECK(fx.store->imports("").size() == 1);
  CHECK(fx.store->imports("ar").empty());
}

TEST_CASE("imports need the translator or admin role, an XLIFF content type and the address's locale") {
  Fixture fx;
  auto translator = fx.token("reviewer", "translator");
  auto admin = fx.token("admin", "admin");
  auto worker = fx.token("case-system", "social-worker");
  const std::string xliff = fx.get("/v1/locales/ti/export", translator).body;
  CHECK(fx.import("ti", worker, xliff).status == 403);
  CHECK(fx.import("ti", translator, xliff, "").status == 415);
  Response po = fx.import("ti", translator, "msgid \"a\"\nmsgstr \"b\"\n", "text/x-po");
  CHECK(po.status == 415);
  CHECK(json::parse(po.body)["errors"][0]["message"].get<std::string>().find("PO") != std::string::npos);
  Response other = fx.import("ar", translator, xliff);
  CHECK(other.status == 422);
  CHECK(json::parse(other.body)["errors"][0]["code"] == "usage.locale-mismatch");
  CHECK(fx.import("xx-nowhere", translator, xliff).status == 404);
  CHECK(fx.store->imports("").empty());
  CHECK(fx.imports_audited().size() == 5);
  CHECK(fx.import("ti", admin, xliff, "application/xliff+xml; charset=utf-8").status == 202);
  CHECK(fx.get("/v1/locales/ti/imports", worker).status == 403);
  json listed = json::parse(fx.get("/v1/locales/ti/imports", translator).body)["imports"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["who"] == "admin");
  CHECK_FALSE(listed[0].contains("upload"));
}

TEST_CASE("a pending import is marked applied once, with its audit row") {
  Fixture fx;
  AuditEntry e;
  e.who = "reviewer";
  e.action = "locale-import";
  e.locale = "ti";
  e.format = "xliff";
  e.upload_sha256 = sha256_hex("<xliff/>");
  auto id = fx.store->stage_import(e, "<xliff/>", 1);
  REQUIRE(id);
  AuditEntry apply;
  apply.who = "cli";
  apply.action = "locale-apply";
  apply.locale = "ti";
  CHECK(fx.store->mark_applied(*id, apply));
  CHECK_FALSE(fx.store->mark_applied(*id, apply));
  CHECK_FALSE(fx.store->mark_applied(*id + 100, apply));
  auto listed = fx.store->imports("ti");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].state == "applied");
  CHECK(listed[0].applied_by == "cli");
  int applies = 0;
  for (const auto& row : fx.store->audit()) applies += row.action == "locale-apply";
  CHECK(applies == 1);
}

TEST_CASE("an SQLite file from before imports gains the audit's upload_sha256 and keeps its rows") {
  const fs::path dir = fs::temp_directory_path() / ("quire-old-db-" + random_token().substr(0, 12));
  fs::create_directories(dir);
  const std::string path = (dir / "quire.db").string();
  {
    std::string error;
    auto db = open_sqlite(path, error);
    REQUIRE(db);
    // The audit table as the first service release made it.
    REQUIRE(db->script(
        "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, "
        "template TEXT NOT NULL DEFAULT '', locale TEXT NOT NULL DEFAULT '', format TEXT NOT NULL DEFAULT '', "
        "edition TEXT NOT NULL DEFAULT '', record_id TEXT NOT NULL DEFAULT '', output_sha256 TEXT NOT NULL DEFAULT "
        "'', status INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '', codes TEXT NOT NULL DEFAULT '', "
        "duration_ms INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO audit(at, who, action) VALUES('2026-01-01T00:00:00.000Z', 'cli', 'token-create')"));
  }
  {
    Store store(path);
    REQUIRE(store.ok());
    AuditEntry e;
    e.who = "reviewer";
    e.action = "locale-import";
    e.upload_sha256 = sha256_hex("x");
    CHECK(store.record(e));
    auto rows = store.audit();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].action == "token-create");
    CHECK(rows[0].upload_sha256.empty());
    CHECK(rows[1].upload_sha256 == sha256_hex("x"));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}
