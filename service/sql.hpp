// The one SQL interface the store speaks, with two drivers: SQLite (one file, WAL) and
// PostgreSQL (libpq). Statements use $1, $2... for parameters in both; each driver has its
// own schema (Store) but the queries are shared. Not thread-safe: the caller serialises
// access to one SqlDb (Store holds a mutex), and a transaction is begin()..commit() on it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quire::service {

/// A parameter: text, an integer, bytes (BLOB/bytea) or NULL.
struct SqlValue {
  enum class Kind { Null, Text, Int, Blob } kind = Kind::Null;
  std::string text;  ///< Text and Blob
  long long integer = 0;
  SqlValue() = default;
  SqlValue(std::string s) : kind(Kind::Text), text(std::move(s)) {}  // NOLINT: implicit on purpose
  SqlValue(const char* s) : kind(Kind::Text), text(s) {}             // NOLINT
  SqlValue(long long i) : kind(Kind::Int), integer(i) {}             // NOLINT
  SqlValue(int i) : kind(Kind::Int), integer(i) {}                   // NOLINT
  static SqlValue blob(std::string bytes) {
    SqlValue v;
    v.kind = Kind::Blob;
    v.text = std::move(bytes);
    return v;
  }
};

/// One result row: each column as text (integers in decimal, blobs as their bytes), nullopt for NULL.
using SqlRow = std::vector<std::optional<std::string>>;

class SqlDb {
 public:
  virtual ~SqlDb() = default;
  [[nodiscard]] virtual bool postgres() const = 0;
  /// Runs one statement; the rows it returns are appended to `rows` (if given) and the number
  /// of rows it changed is put in `changes` (if given). False on failure; error() says why.
  bool query(const std::string& sql, const std::vector<SqlValue>& params = {}, std::vector<SqlRow>* rows = nullptr,
             long long* changes = nullptr) {
    return execute(sql, params, rows, changes);
  }
  /// Runs statements separated by semicolons, without parameters (the schema).
  virtual bool script(const std::string& sql) = 0;
  /// Opens a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).
  virtual bool begin() = 0;
  bool commit() { return query("COMMIT"); }
  void rollback() { query("ROLLBACK"); }
  [[nodiscard]] const std::string& error() const { return error_; }
  /// The database's clock in milliseconds since 1970, as SQL (leases are measured by it, so
  /// workers on several machines agree).
  [[nodiscard]] virtual std::string now_ms_sql() const = 0;

 protected:
  virtual bool execute(const std::string& sql, const std::vector<SqlValue>& params, std::vector<SqlRow>* rows,
                       long long* changes) = 0;
  std::string error_;
};

/// Opens (creating) an SQLite file in WAL mode with secure_delete on; nullptr and `error` on failure.
std::unique_ptr<SqlDb> open_sqlite(const std::string& path, std::string& error);
/// Connects to PostgreSQL ("postgresql://user@host/db" or a libpq keyword string); nullptr and `error` on failure.
std::unique_ptr<SqlDb> open_postgres(const std::string& conninfo, std::string& error);

/// Whether a --db value names a PostgreSQL database ("postgresql://" or "postgres://").
bool is_postgres_url(const std::string& db);

}  // namespace quire::service
