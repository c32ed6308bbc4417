#include "store.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "digest.hpp"
#include "roles.hpp"
#include "sql.hpp"

namespace quire::service {

namespace {
// The tables, once per dialect (the queries are shared). jobs and job_records are the queue
// (queue.hpp): a record's data stays in job_records.data only until the record is finished.
constexpr const char* kSqliteSchema = R"sql(
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
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  kind TEXT NOT NULL,
  template TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,
  edition TEXT NOT NULL,
  state TEXT NOT NULL,
  total INTEGER NOT NULL,
  created TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  finished TEXT NOT NULL DEFAULT '',
  finished_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS job_records (
  job TEXT NOT NULL,
  idx INTEGER NOT NULL,
  state TEXT NOT NULL,
  data TEXT,
  record_id TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_expiry INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  artefact_path TEXT NOT NULL DEFAULT '',
  artefact BLOB,
  sha256 TEXT NOT NULL DEFAULT '',
  errors TEXT NOT NULL DEFAULT '',
  finished TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, idx)
);
CREATE INDEX IF NOT EXISTS job_records_take ON job_records(state, lease_expiry);
CREATE TABLE IF NOT EXISTS locale_imports (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  locale TEXT NOT NULL,
  format TEXT NOT NULL,
  upload_sha256 TEXT NOT NULL,
  upload BLOB NOT NULL,
  changes INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  applied TEXT NOT NULL DEFAULT '',
  applied_by TEXT NOT NULL DEFAULT ''
);
)sql";

constexpr const char* kPostgresSchema = R"sql(
CREATE TABLE IF NOT EXISTS tokens (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  public_only INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  revoked TEXT
);
CREATE TABLE IF NOT EXISTS audit (
  id BIGSERIAL PRIMARY KEY,
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
  duration_ms BIGINT NOT NULL DEFAULT 0,
  job TEXT NOT NULL DEFAULT '',
  record_index BIGINT NOT NULL DEFAULT -1,
  upload_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  kind TEXT NOT NULL,
  template TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,
  edition TEXT NOT NULL,
  state TEXT NOT NULL,
  total INTEGER NOT NULL,
  created TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  finished TEXT NOT NULL DEFAULT '',
  finished_ms BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS job_records (
  job TEXT NOT NULL,
  idx INTEGER NOT NULL,
  state TEXT NOT NULL,
  data TEXT,
  record_id TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_expiry BIGINT NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  artefact_path TEXT NOT NULL DEFAULT '',
  artefact BYTEA,
  sha256 TEXT NOT NULL DEFAULT '',
  errors TEXT NOT NULL DEFAULT '',
  finished TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, idx)
);
CREATE INDEX IF NOT EXISTS job_records_take ON job_records(state, lease_expiry);
CREATE TABLE IF NOT EXISTS locale_imports (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  locale TEXT NOT NULL,
  format TEXT NOT NULL,
  upload_sha256 TEXT NOT NULL,
  upload BYTEA NOT NULL,
  changes INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  applied TEXT NOT NULL DEFAULT '',
  applied_by TEXT NOT NULL DEFAULT ''
);
)sql";

std::string col(const SqlRow& row, std::size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}
long long num(const SqlRow& row, std::size_t i) {
  std::string s = col(row, i);
  return s.empty() ? 0 : std::stoll(s);
}
}  // namespace

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
    error = "the database must be sqlite:PATH or postgresql://...: " + db;
    return std::nullopt;
  }
  if (db.empty()) {
    error = "--db needs a value (sqlite:PATH or postgresql://...)";
    return std::nullopt;
  }
  return db;
}

std::optional<std::string> db_target_of(const std::string& db, std::string& error) {
  if (is_postgres_url(db)) return db;
  return sqlite_path_of(db, error);
}

Store::Store(const std::string& path) {
  bool pg = is_postgres_url(path);
  db_ = pg ? open_postgres(path, error_) : open_sqlite(path, error_);
  if (!db_) {
    if (error_.empty()) error_ = "cannot open the database";
    return;
  }
  if (pg) {
    // Several workers may start at once: one creates the tables, the others wait for it.
    // A database made before imports existed lacks the audit's upload_sha256 (added only then:
    // ALTER TABLE locks the table even when it changes nothing).
    std::vector<SqlRow> has_upload;
    bool ok =
        db_->begin() && db_->query("SELECT pg_advisory_xact_lock(72271)") && db_->script(kPostgresSchema) &&
        db_->query(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND "
            "table_name = 'audit' AND column_name = 'upload_sha256'",
            {}, &has_upload) &&
        (!has_upload.empty() || db_->script("ALTER TABLE audit ADD COLUMN upload_sha256 TEXT NOT NULL DEFAULT ''")) &&
        db_->commit();
    if (!ok) {
      error_ = "database error: " + db_->error();
      db_->rollback();
      db_.reset();
    }
    return;
  }
  artefact_dir_ = path + ".artefacts";
  if (!db_->script(kSqliteSchema)) {
    error_ = "database error: " + db_->error();
    db_.reset();
    return;
  }
  // Files made before jobs existed lack the audit's job columns (SQLite has no ADD COLUMN IF NOT EXISTS).
  std::vector<SqlRow> cols;
  db_->query("SELECT name FROM pragma_table_info('audit') WHERE name = 'job'", {}, &cols);
  if (cols.empty() && !db_->script("ALTER TABLE audit ADD COLUMN job TEXT NOT NULL DEFAULT '';"
                                   "ALTER TABLE audit ADD COLUMN record_index INTEGER NOT NULL DEFAULT -1")) {
    error_ = "database error: " + db_->error();
    db_.reset();
    return;
  }
  cols.clear();
  db_->query("SELECT name FROM pragma_table_info('audit') WHERE name = 'upload_sha256'", {}, &cols);
  if (cols.empty() && !db_->script("ALTER TABLE audit ADD COLUMN upload_sha256 TEXT NOT NULL DEFAULT ''")) {
    error_ = "database error: " + db_->error();
    db_.reset();
  }
}

Store::~Store() = default;

bool Store::postgres() const {
  return db_ && db_->postgres();
}

std::string Store::journal_mode() {
  std::lock_guard lock(mutex_);
  if (!db_ || db_->postgres()) return {};
  std::vector<SqlRow> rows;
  if (!db_->query("PRAGMA journal_mode", {}, &rows) || rows.empty()) return {};
  return col(rows[0], 0);
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
  std::vector<SqlRow> taken;
  if (!db_->query("SELECT 1 FROM tokens WHERE name = $1", {name}, &taken)) {
    error = db_->error();
    return std::nullopt;
  }
  if (!taken.empty()) {
    error = "a token named '" + name + "' exists already (names are never reused)";
    return std::nullopt;
  }
  if (!db_->query("INSERT INTO tokens(name, role, public_only, sha256, created) VALUES($1,$2,$3,$4,$5)",
                  {name, role, public_only ? 1LL : 0LL, sha256_hex(token), now_iso()})) {
    error = db_->error();
    return std::nullopt;
  }
  return token;
}

std::optional<TokenInfo> Store::find_token(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string hash = sha256_hex(token);
  std::lock_guard lock(mutex_);
  std::vector<SqlRow> rows;
  if (!db_->query("SELECT name, role, public_only, created FROM tokens WHERE sha256 = $1 AND revoked IS NULL", {hash},
                  &rows) ||
      rows.empty())
    return std::nullopt;
  return TokenInfo{col(rows[0], 0), col(rows[0], 1), num(rows[0], 2) != 0, col(rows[0], 3), {}};
}

std::vector<TokenInfo> Store::list_tokens() {
  std::vector<TokenInfo> out;
  std::lock_guard lock(mutex_);
  std::vector<SqlRow> rows;
  db_->query("SELECT name, role, public_only, created, revoked FROM tokens ORDER BY id", {}, &rows);
  for (const auto& r : rows) out.push_back({col(r, 0), col(r, 1), num(r, 2) != 0, col(r, 3), col(r, 4)});
  return out;
}

bool Store::revoke_token(const std::string& name, std::string& error) {
  std::lock_guard lock(mutex_);
  long long changed = 0;
  if (!db_->query("UPDATE tokens SET revoked = $1 WHERE name = $2 AND revoked IS NULL", {now_iso(), name}, nullptr,
                  &changed)) {
    error = db_->error();
    return false;
  }
  if (changed == 0) {
    error = "no valid token named '" + name + "'";
    return false;
  }
  return true;
}

bool Store::insert_audit(AuditEntry& e) {
  if (e.at.empty()) e.at = now_iso();
  return db_->query(
      "INSERT INTO audit(at, who, action, template, locale, format, edition, record_id, output_sha256, status, "
      "outcome, codes, duration_ms, job, record_index, upload_sha256) "
      "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)",
      {e.at, e.who, e.action, e.template_name, e.locale, e.format, e.edition, e.record_id, e.output_sha256,
       static_cast<long long>(e.status), e.outcome, e.codes, e.duration_ms, e.job, e.record_index, e.upload_sha256});
}

bool Store::record(AuditEntry e) {
  std::lock_guard lock(mutex_);
  return insert_audit(e);
}

std::vector<AuditEntry> Store::audit(const std::string& since, long long limit) {
  std::vector<AuditEntry> out;
  std::lock_guard lock(mutex_);
  std::vector<SqlRow> rows;
  db_->query(
      "SELECT id, at, who, action, template, locale, format, edition, record_id, output_sha256, status, outcome, "
      "codes, duration_ms, job, record_index, upload_sha256 FROM audit WHERE at >= $1 ORDER BY id LIMIT $2",
      {since, limit}, &rows);
  for (const auto& r : rows) {
    AuditEntry e;
    e.id = num(r, 0);
    e.at = col(r, 1);
    e.who = col(r, 2);
    e.action = col(r, 3);
    e.template_name = col(r, 4);
    e.locale = col(r, 5);
    e.format = col(r, 6);
    e.edition = col(r, 7);
    e.record_id = col(r, 8);
    e.output_sha256 = col(r, 9);
    e.status = static_cast<int>(num(r, 10));
    e.outcome = col(r, 11);
    e.codes = col(r, 12);
    e.duration_ms = num(r, 13);
    e.job = col(r, 14);
    e.record_index = num(r, 15);
    e.upload_sha256 = col(r, 16);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {
LocaleImport import_of(const SqlRow& r) {
  LocaleImport i;
  i.id = num(r, 0);
  i.at = col(r, 1);
  i.who = col(r, 2);
  i.locale = col(r, 3);
  i.format = col(r, 4);
  i.upload_sha256 = col(r, 5);
  i.changes = num(r, 6);
  i.state = col(r, 7);
  i.applied = col(r, 8);
  i.applied_by = col(r, 9);
  return i;
}
constexpr const char* kImportColumns =
    "id, at, who, locale, format, upload_sha256, changes, state, applied, applied_by";
}  // namespace

std::optional<long long> Store::stage_import(AuditEntry entry, const std::string& upload, long long changes) {
  std::lock_guard lock(mutex_);
  if (entry.at.empty()) entry.at = now_iso();
  std::vector<SqlRow> rows;
  bool ok = db_->begin() &&
            db_->query(
                "INSERT INTO locale_imports(at, who, locale, format, upload_sha256, upload, changes, state) "
                "VALUES($1,$2,$3,$4,$5,$6,$7,'pending') RETURNING id",
                {entry.at, entry.who, entry.locale, entry.format, entry.upload_sha256, SqlValue::blob(upload), changes},
                &rows) &&
            !rows.empty() && insert_audit(entry) && db_->commit();
  if (!ok) {
    db_->rollback();
    return std::nullopt;
  }
  return num(rows[0], 0);
}

std::vector<LocaleImport> Store::imports(const std::string& locale) {
  std::vector<LocaleImport> out;
  std::lock_guard lock(mutex_);
  std::vector<SqlRow> rows;
  db_->query(std::string("SELECT ") + kImportColumns + " FROM locale_imports WHERE locale = $1 OR $1 = '' ORDER BY id",
             {locale}, &rows);
  for (const auto& r : rows) out.push_back(import_of(r));
  return out;
}

std::optional<LocaleImport> Store::find_import(long long id, std::string& upload) {
  std::lock_guard lock(mutex_);
  std::vector<SqlRow> rows;
  if (!db_->query(std::string("SELECT ") + kImportColumns + ", upload FROM locale_imports WHERE id = $1", {id},
                  &rows) ||
      rows.empty())
    return std::nullopt;
  upload = col(rows[0], 10);
  return import_of(rows[0]);
}

bool Store::mark_applied(long long id, AuditEntry entry) {
  std::lock_guard lock(mutex_);
  if (entry.at.empty()) entry.at = now_iso();
  long long changed = 0;
  bool ok = db_->begin() &&
            db_->query(
                "UPDATE locale_imports SET state = 'applied', applied = $2, applied_by = $3 WHERE id = $1 AND "
                "state = 'pending'",
                {id, entry.at, entry.who}, nullptr, &changed) &&
            changed == 1 && insert_audit(entry) && db_->commit();
  if (!ok) db_->rollback();
  return ok;
}

}  // namespace quire::service
