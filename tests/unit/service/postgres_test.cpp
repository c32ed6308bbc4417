// The PostgreSQL driver against a real server: given by QUIRE_TEST_POSTGRES (a libpq URL),
// which tests/e2e/service_locales.py sets when it has started one (ctest -R
// e2e.service_locales); without it these cases check nothing and say so.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "sql.hpp"

using namespace quire::service;

namespace {

/// A connection to the test server, or nullptr (with a message) when none is given.
std::unique_ptr<SqlDb> test_server() {
  const char* url = std::getenv("QUIRE_TEST_POSTGRES");
  if (!url || !*url) {
    MESSAGE("QUIRE_TEST_POSTGRES is not set: the PostgreSQL driver is not tested here (e2e.service_locales does)");
    return nullptr;
  }
  std::string error;
  auto db = open_postgres(url, error);
  if (!db) FAIL("cannot connect to QUIRE_TEST_POSTGRES: " << error);
  return db;
}

long long prepared_on_server(SqlDb& db) {
  std::vector<SqlRow> rows;
  REQUIRE(db.query("SELECT COUNT(*) FROM pg_prepared_statements", {}, &rows));
  return std::stoll(*rows.at(0).at(0));
}

}  // namespace

TEST_CASE("PostgreSQL: a statement is prepared once per connection and the cache stays bounded") {
  auto db = test_server();
  if (!db) return;
  std::vector<SqlRow> rows;
  const long long before = prepared_on_server(*db);
  for (int i = 0; i < 5; ++i) {
    rows.clear();
    CHECK(db->query("SELECT $1::int + 1", {i}, &rows));
    CHECK(rows.at(0).at(0) == std::to_string(i + 1));
  }
  CHECK(prepared_on_server(*db) == before + 1);  // the SELECT above (the count was prepared before it counted)
  // More different statements than the cache holds: the least recently used are deallocated.
  for (int i = 0; i < 150; ++i) {
    rows.clear();
    CHECK(db->query("SELECT " + std::to_string(i) + " + $1::int", {1}, &rows));
    CHECK(rows.at(0).at(0) == std::to_string(i + 1));
  }
  CHECK(prepared_on_server(*db) <= 64);
  rows.clear();
  CHECK(db->query("SELECT $1::int + 1", {41}, &rows));  // evicted long ago: prepared again
  CHECK(rows.at(0).at(0) == "42");
}

TEST_CASE("PostgreSQL: after a failed statement in a transaction, ROLLBACK and the next statements work") {
  auto db = test_server();
  if (!db) return;
  REQUIRE(db->script(
      "DROP TABLE IF EXISTS quire_driver_test; CREATE TABLE quire_driver_test (k TEXT PRIMARY KEY, v BYTEA)"));
  const std::string bytes("\0\x01\xff", 3);
  REQUIRE(db->begin());
  CHECK(db->query("INSERT INTO quire_driver_test(k, v) VALUES($1, $2)", {"a", SqlValue::blob(bytes)}));
  CHECK_FALSE(db->query("INSERT INTO quire_driver_test(k, v) VALUES($1, $2)", {"a", SqlValue::blob("y")}));
  CHECK_FALSE(db->query("SELECT 1"));  // the transaction is aborted
  db->rollback();
  std::vector<SqlRow> rows;
  CHECK(db->query("SELECT COUNT(*) FROM quire_driver_test", {}, &rows));
  CHECK(rows.at(0).at(0) == "0");
  REQUIRE(db->begin());
  CHECK(db->query("INSERT INTO quire_driver_test(k, v) VALUES($1, $2)", {"a", SqlValue::blob(bytes)}));
  CHECK(db->commit());
  rows.clear();
  CHECK(db->query("SELECT v FROM quire_driver_test WHERE k = $1", {"a"}, &rows));
  CHECK(rows.at(0).at(0) == bytes);
  CHECK_FALSE(db->query("SELEC 1"));  // refused by the server's parser: an error, not a cached statement
  CHECK_FALSE(db->error().empty());
  CHECK(db->query("SELECT 1"));
  CHECK(db->script("DROP TABLE quire_driver_test"));
}
