#include "store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "digest.hpp"
#include "roles.hpp"

namespace quire::service {

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  public_only INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  revoked TEXT
);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  template TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT '',
  edition TEXT NOT NULL DEFAULT '',
  record_id TEXT NOT NULL DEFAULT '',
  output_sha256 TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  codes TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
)sql";

/// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  explicit operator bool() const { return s_ != nullptr; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, long long v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  std::string text(int col) {
    auto* p = sqlite3_column_text(s_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  long long integer(int col) { return sqlite3_column_int64(s_, col); }

 private:
  sqlite3_stmt* s_ = nullptr;
};
}  // namespace

struct Store::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close(handle); }
};

std::string now_iso() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms));
  return std::string(date) + millis;
}

std::optional<std::string> sqlite_path_of(const std::string& db, std::string& error) {
  if (db.rfind("sqlite:", 0) == 0) {
    std::string path = db.substr(7);
    if (path.empty()) {
      error = "--db sqlite: needs a file path (sqlite:quire.db)";
      return std::nullopt;
    }
    return path;
  }
  if (db.find("://") != std::string::npos) {
    error = "only SQLite databases are supported so far (sqlite:PATH); PostgreSQL is not built yet: " + db;
    return std::nullopt;
  }
  if (db.empty()) {
    error = "--db needs a value (sqlite:PATH)";
    return std::nullopt;
  }
  return db;
}

Store::Store(const std::string& path) : db_(std::make_unique<Db>()) {
  if (sqlite3_open_v2(path.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    error_ = "cannot open the database " + path + ": " + (db_->handle ? sqlite3_errmsg(db_->handle) : "out of memory");
    return;
  }
  // Another process (the CLI creating a token while the server runs) may hold the lock briefly.
  sqlite3_busy_timeout(db_->handle, 5000);
  // WAL: readers never block the writer, and a crash loses no committed row.
  if (journal_mode() != "wal" && !exec("PRAGMA journal_mode=WAL")) return;
  if (journal_mode() != "wal") {
    error_ = "the database " + path + " cannot use WAL mode";
    return;
  }
  if (!exec("PRAGMA synchronous=NORMAL") || !exec(kSchema)) return;
}

Store::~Store() = default;

bool Store::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_->handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    error_ = std::string("database error: ") + (message ? message : "unknown");
    sqlite3_free(message);
    return false;
  }
  return true;
}

std::string Store::journal_mode() {
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle, "PRAGMA journal_mode");
  if (!s || s.step() != SQLITE_ROW) return {};
  return s.text(0);
}

std::optional<std::string> Store::create_token(const std::string& name, const std::string& role, bool public_only,
                                               std::string& error) {
  if (name.empty() || name.size() > 100) {
    error = "a token needs a name of 1 to 100 characters";
    return std::nullopt;
  }
  if (!find_role(role)) {
    error = "unknown role '" + role + "' (roles: " + role_names() + ")";
    return std::nullopt;
  }
  std::string token = random_token();
  if (token.empty()) {
    error = "the system gave no randomness for the token";
    return std::nullopt;
  }
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle, "INSERT INTO tokens(name, role, public_only, sha256, created) VALUES(?,?,?,?,?)");
  if (!s) {
    error = sqlite3_errmsg(db_->handle);
    return std::nullopt;
  }
  s.bind(1, name).bind(2, role).bind(3, public_only ? 1LL : 0LL).bind(4, sha256_hex(token)).bind(5, now_iso());
  if (int rc = s.step(); rc != SQLITE_DONE) {
    error = rc == SQLITE_CONSTRAINT ? "a token named '" + name + "' exists already (names are never reused)"
                                    : std::string(sqlite3_errmsg(db_->handle));
    return std::nullopt;
  }
  return token;
}

std::optional<TokenInfo> Store::find_token(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string hash = sha256_hex(token);
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle, "SELECT name, role, public_only, created FROM tokens WHERE sha256 = ? AND revoked IS NULL");
  if (!s) return std::nullopt;
  s.bind(1, hash);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return TokenInfo{s.text(0), s.text(1), s.integer(2) != 0, s.text(3), {}};
}

std::vector<TokenInfo> Store::list_tokens() {
  std::vector<TokenInfo> out;
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle, "SELECT name, role, public_only, created, revoked FROM tokens ORDER BY id");
  while (s && s.step() == SQLITE_ROW) out.push_back({s.text(0), s.text(1), s.integer(2) != 0, s.text(3), s.text(4)});
  return out;
}

bool Store::revoke_token(const std::string& name, std::string& error) {
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle, "UPDATE tokens SET revoked = ? WHERE name = ? AND revoked IS NULL");
  if (!s) {
    error = sqlite3_errmsg(db_->handle);
    return false;
  }
  s.bind(1, now_iso()).bind(2, name);
  if (s.step() != SQLITE_DONE) {
    error = sqlite3_errmsg(db_->handle);
    return false;
  }
  if (sqlite3_changes(db_->handle) == 0) {
    error = "no valid token named '" + name + "'";
    return false;
  }
  return true;
}

bool Store::record(AuditEntry e) {
  if (e.at.empty()) e.at = now_iso();
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle,
         "INSERT INTO audit(at, who, action, template, locale, format, edition, record_id, output_sha256, status, "
         "outcome, codes, duration_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s) return false;
  s.bind(1, e.at).bind(2, e.who).bind(3, e.action).bind(4, e.template_name).bind(5, e.locale).bind(6, e.format);
  s.bind(7, e.edition).bind(8, e.record_id).bind(9, e.output_sha256).bind(10, static_cast<long long>(e.status));
  s.bind(11, e.outcome).bind(12, e.codes).bind(13, e.duration_ms);
  return s.step() == SQLITE_DONE;
}

std::vector<AuditEntry> Store::audit(const std::string& since, long long limit) {
  std::vector<AuditEntry> out;
  std::lock_guard lock(mutex_);
  Stmt s(db_->handle,
         "SELECT id, at, who, action, template, locale, format, edition, record_id, output_sha256, status, outcome, "
         "codes, duration_ms FROM audit WHERE at >= ? ORDER BY id LIMIT ?");
  if (!s) return out;
  s.bind(1, since).bind(2, limit);
  while (s.step() == SQLITE_ROW) {
    AuditEntry e;
    e.id = s.integer(0);
    e.at = s.text(1);
    e.who = s.text(2);
    e.action = s.text(3);
    e.template_name = s.text(4);
    e.locale = s.text(5);
    e.format = s.text(6);
    e.edition = s.text(7);
    e.record_id = s.text(8);
    e.output_sha256 = s.text(9);
    e.status = static_cast<int>(s.integer(10));
    e.outcome = s.text(11);
    e.codes = s.text(12);
    e.duration_ms = s.integer(13);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace quire::service
