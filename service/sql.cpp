#include "sql.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cctype>
#include <cstdlib>
#include <list>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace quire::service {

bool is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

namespace {

/// "$3" becomes "?3", SQLite's numbered parameter (the same numbers, so a parameter may repeat).
std::string sqlite_params(const std::string& sql) {
  std::string out = sql;
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '$' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) out[i] = '?';
  return out;
}

/// Most prepared statements kept per connection (SQLite and PostgreSQL); the least recently used one is
/// finalized to make room. The store's queries are a few dozen fixed strings, so all stay.
constexpr std::size_t kStatementCacheSize = 64;

class SqliteDb final : public SqlDb {
 public:
  using SqlDb::query;
  sqlite3* db = nullptr;
  ~SqliteDb() override {
    for (auto& [sql, s] : lru_) sqlite3_finalize(s);
    sqlite3_close(db);
  }
  [[nodiscard]] bool postgres() const override { return false; }

  /// The statement for `sql`, prepared once per connection and kept (each use resets it):
  /// parsing SQL on every call was a visible part of a request's time. nullptr on error.
  sqlite3_stmt* prepared(const std::string& sql) {
    if (auto it = index_.find(sql); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
      return it->second->second;
    }
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sqlite_params(sql).c_str(), -1, &s, nullptr) != SQLITE_OK) {
      sqlite3_finalize(s);
      return nullptr;
    }
    if (lru_.size() >= kStatementCacheSize) {
      sqlite3_finalize(lru_.back().second);
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    lru_.emplace_front(sql, s);
    index_.emplace(sql, lru_.begin());
    return s;
  }

  bool execute(const std::string& sql, const std::vector<SqlValue>& params, std::vector<SqlRow>* rows,
               long long* changes) override {
    sqlite3_stmt* s = prepared(sql);
    if (!s) {
      error_ = sqlite3_errmsg(db);
      return false;
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int at = static_cast<int>(i) + 1;
      const SqlValue& v = params[i];
      switch (v.kind) {
        case SqlValue::Kind::Null:
          sqlite3_bind_null(s, at);
          break;
        case SqlValue::Kind::Text:
          sqlite3_bind_text(s, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
          break;
        case SqlValue::Kind::Int:
          sqlite3_bind_int64(s, at, v.integer);
          break;
        case SqlValue::Kind::Blob:
          sqlite3_bind_blob(s, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
          break;
      }
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (!rows) continue;
      SqlRow row;
      int n = sqlite3_column_count(s);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
          continue;
        }
        const void* p = sqlite3_column_blob(s, c);
        int len = sqlite3_column_bytes(s, c);
        row.emplace_back(p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(len)) : std::string());
      }
      rows->push_back(std::move(row));
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok) error_ = sqlite3_errmsg(db);
    if (changes) *changes = sqlite3_changes(db);
    // Back to its start with no parameters bound (no copy of a record's data is kept), and its
    // read of the database ended, ready for the next call.
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return ok;
  }

  bool script(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error_ = message ? message : "unknown";
      sqlite3_free(message);
      return false;
    }
    return true;
  }

  bool begin() override { return query("BEGIN IMMEDIATE"); }
  [[nodiscard]] std::string now_ms_sql() const override {
    return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
  }

 private:
  using Entry = std::pair<std::string, sqlite3_stmt*>;  // the SQL as given, its statement
  std::list<Entry> lru_;                                // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

class PgDb final : public SqlDb {
 public:
  using SqlDb::query;
  PGconn* conn = nullptr;
  ~PgDb() override { PQfinish(conn); }
  [[nodiscard]] bool postgres() const override { return true; }

  /// The name of the server-side prepared statement for `sql`, prepared once per connection
  /// (the token lookup and the audit insert of every request were parsed and planned each
  /// time); nullptr with error_ set if the server refuses it. The parameter types are left to
  /// the server, as PQexecParams left them, so a statement means the same either way.
  const char* prepared(const std::string& sql) {
    if (auto it = index_.find(sql); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
      return it->second->second.c_str();
    }
    // Names are never reused on a connection, so a statement forgotten after an error
    // (below) cannot be confused with a new one of the same name.
    std::string name = "quire_" + std::to_string(++prepared_count_);
    PGresult* r = PQprepare(conn, name.c_str(), sql.c_str(), 0, nullptr);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
      error_ = PQresultErrorMessage(r);
      PQclear(r);
      after_failure();
      return nullptr;
    }
    PQclear(r);
    if (lru_.size() >= kStatementCacheSize) {
      // Deallocated now, while the connection is known to be in a good state (the prepare
      // just succeeded); a failure only leaves an unused statement on the server.
      PQclear(PQexec(conn, ("DEALLOCATE " + lru_.back().second).c_str()));
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    lru_.emplace_front(sql, std::move(name));
    index_.emplace(sql, lru_.begin());
    return lru_.front().second.c_str();
  }

  bool execute(const std::string& sql, const std::vector<SqlValue>& params, std::vector<SqlRow>* rows,
               long long* changes) override {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    std::vector<std::string> ints;
    ints.reserve(params.size());
    for (const auto& v : params) {
      switch (v.kind) {
        case SqlValue::Kind::Null:
          values.push_back(nullptr);
          lengths.push_back(0);
          formats.push_back(0);
          break;
        case SqlValue::Kind::Int:
          ints.push_back(std::to_string(v.integer));
          values.push_back(ints.back().c_str());
          lengths.push_back(0);
          formats.push_back(0);
          break;
        case SqlValue::Kind::Text:
        case SqlValue::Kind::Blob:
          values.push_back(v.text.c_str());
          lengths.push_back(static_cast<int>(v.text.size()));
          formats.push_back(v.kind == SqlValue::Kind::Blob ? 1 : 0);
          break;
      }
    }
    const char* name = prepared(sql);
    if (!name) return false;
    PGresult* r =
        PQexecPrepared(conn, name, static_cast<int>(params.size()), values.data(), lengths.data(), formats.data(), 0);
    auto status = PQresultStatus(r);
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) {
      error_ = PQresultErrorMessage(r);
      // A statement the server no longer has, or whose plan a change of a table made invalid,
      // is prepared again on its next use.
      if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
          state && (std::string_view(state) == "26000" || std::string_view(state) == "0A000"))
        forget(sql);
      PQclear(r);
      after_failure();
      return false;
    }
    if (rows && status == PGRES_TUPLES_OK) {
      int n = PQntuples(r), cols = PQnfields(r);
      for (int i = 0; i < n; ++i) {
        SqlRow row;
        for (int c = 0; c < cols; ++c) {
          if (PQgetisnull(r, i, c)) {
            row.emplace_back(std::nullopt);
            continue;
          }
          const char* text = PQgetvalue(r, i, c);
          constexpr Oid kBytea = 17;
          if (PQftype(r, c) == kBytea) {
            size_t len = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &len);
            row.emplace_back(bytes ? std::string(reinterpret_cast<char*>(bytes), len) : std::string());
            PQfreemem(bytes);
          } else {
            row.emplace_back(std::string(text, static_cast<std::size_t>(PQgetlength(r, i, c))));
          }
        }
        rows->push_back(std::move(row));
      }
    }
    if (changes) {
      const char* n = PQcmdTuples(r);
      *changes = (n && *n) ? std::atoll(n) : 0;
    }
    PQclear(r);
    return true;
  }

  bool script(const std::string& sql) override {
    PGresult* r = PQexec(conn, sql.c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) error_ = PQresultErrorMessage(r);
    PQclear(r);
    return ok;
  }

  bool begin() override { return query("BEGIN"); }
  [[nodiscard]] std::string now_ms_sql() const override {
    return "(extract(epoch from clock_timestamp()) * 1000)::bigint";
  }

 private:
  /// A broken connection is reopened for the next statement (a restarted server); the new
  /// session has none of the old one's prepared statements.
  void after_failure() {
    if (PQstatus(conn) != CONNECTION_BAD) return;
    PQreset(conn);
    lru_.clear();
    index_.clear();
  }
  void forget(const std::string& sql) {
    if (auto it = index_.find(sql); it != index_.end()) {
      lru_.erase(it->second);
      index_.erase(it);
    }
  }
  using Entry = std::pair<std::string, std::string>;  // the SQL as given, its statement's name
  std::list<Entry> lru_;                              // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  unsigned long long prepared_count_ = 0;
};

}  // namespace

std::unique_ptr<SqlDb> open_sqlite(const std::string& path, std::string& error) {
  auto db = std::make_unique<SqliteDb>();
  if (sqlite3_open_v2(path.c_str(), &db->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    error = "cannot open the database " + path + ": " + (db->db ? sqlite3_errmsg(db->db) : "out of memory");
    return nullptr;
  }
  // Another process (the CLI creating a token while the server runs) may hold the lock briefly.
  sqlite3_busy_timeout(db->db, 5000);
  // WAL: readers never block the writer, and a crash loses no committed row. secure_delete:
  // a record's data, once cleared, is overwritten in the file rather than left in a free page.
  std::vector<SqlRow> rows;
  if (!db->query("PRAGMA journal_mode=WAL", {}, &rows) || rows.empty() || rows[0].empty() || rows[0][0] != "wal") {
    error = "the database " + path + " cannot use WAL mode" + (db->error().empty() ? "" : ": " + db->error());
    return nullptr;
  }
  if (!db->script("PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA journal_size_limit=0")) {
    error = "database error: " + db->error();
    return nullptr;
  }
  return db;
}

std::unique_ptr<SqlDb> open_postgres(const std::string& conninfo, std::string& error) {
  auto db = std::make_unique<PgDb>();
  db->conn = PQconnectdb(conninfo.c_str());
  if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
    error = std::string("cannot connect to PostgreSQL: ") + (db->conn ? PQerrorMessage(db->conn) : "out of memory");
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    return nullptr;
  }
  // Notices ("relation already exists, skipping") are not the user's business.
  PQsetNoticeProcessor(
      db->conn, [](void*, const char*) {}, nullptr);
  return db;
}

}  // namespace quire::service
