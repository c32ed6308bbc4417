// The service's storage: API tokens (kept only as SHA-256 hashes), the audit log and the
// job queue (queue.hpp), in one SQLite file in WAL mode or in a PostgreSQL database
// (sql.hpp). Thread-safe (one connection behind a mutex): the server's request threads
// share one Store; a worker thread that wants its own connection opens its own Store.
//
// What is stored is chosen field by field; nothing here takes a request body, and the
// audit never holds case content: who (the token's name), when, template, locale, format,
// edition, a record id, the output's SHA-256, the HTTP status and the error codes.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace quire::service {

/// A token as stored (never the token itself).
struct TokenInfo {
  std::string name;
  std::string role;
  bool public_only = false;
  std::string created;  ///< ISO 8601 UTC
  std::string revoked;  ///< ISO 8601 UTC, empty while valid
};

/// One audit row.
struct AuditEntry {
  long long id = 0;    ///< assigned by the store
  std::string at;      ///< ISO 8601 UTC; filled by the store when empty
  std::string who;     ///< token name ("cli" for token changes made on the command line)
  std::string action;  ///< "render", "token-create", "token-revoke"
  std::string template_name, locale, format, edition;
  std::string record_id;      ///< the data's id, only if it looks like an id (record_id_of)
  std::string output_sha256;  ///< of the document returned; empty when none
  int status = 0;             ///< the HTTP status answered (0 for command-line actions)
  std::string outcome;        ///< "ok" or "failed"
  std::string codes;          ///< the error codes, comma-separated (never their messages)
  long long duration_ms = 0;
  std::string job;              ///< the job's id, for a job or one of its records
  long long record_index = -1;  ///< the record's position in its job; -1 for anything else
  std::string upload_sha256;    ///< of the file a "locale-import" received (never the file itself)
};

/// A translated catalogue received by POST /v1/locales/{tag}/import, kept for an admin to
/// apply (`quire locales apply`): the service never writes quire's catalogues itself.
struct LocaleImport {
  long long id = 0;
  std::string at;      ///< when it was received (ISO 8601 UTC)
  std::string who;     ///< the token's name
  std::string locale;  ///< the shipped catalogue it goes into ("ti")
  std::string format;  ///< "xliff"
  std::string upload_sha256;
  long long changes = 0;  ///< strings it changed when it was checked
  std::string state;      ///< "pending" or "applied"
  std::string applied, applied_by;
};

/// Where the data is: "sqlite:PATH" or a plain path. Other schemes are refused with a message.
std::optional<std::string> sqlite_path_of(const std::string& db, std::string& error);
/// What Store's constructor takes for a --db value: the SQLite path ("sqlite:PATH" or a plain
/// path), or the PostgreSQL URL as given ("postgresql://..."); nullopt with a message otherwise.
std::optional<std::string> db_target_of(const std::string& db, std::string& error);

class SqlDb;
class JobQueue;

class Store {
 public:
  /// Opens (creating if needed) the SQLite database at `path`, or connects to the PostgreSQL
  /// database a "postgresql://" URL names (db_target_of), and creates the tables it lacks;
  /// on failure ok() is false and error() says why.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }
  /// The journal mode SQLite reports ("wal" once opened); empty for PostgreSQL.
  [[nodiscard]] std::string journal_mode();
  [[nodiscard]] bool postgres() const;
  /// Where finished jobs' documents are kept: a folder next to an SQLite file ("quire.db" ->
  /// "quire.db.artefacts/"); empty for PostgreSQL, which keeps them in the database.
  [[nodiscard]] const std::string& artefact_dir() const { return artefact_dir_; }

  /// Creates a token and returns it (the only time it exists in clear); nullopt with a
  /// message when the name is taken, the role unknown, or the database fails.
  std::optional<std::string> create_token(const std::string& name, const std::string& role, bool public_only,
                                          std::string& error);
  /// The valid (not revoked) token with this clear text, if any.
  std::optional<TokenInfo> find_token(const std::string& token);
  std::vector<TokenInfo> list_tokens();
  /// Revokes the named token; false with a message if there is no valid token of that name.
  bool revoke_token(const std::string& name, std::string& error);

  /// Appends a row; false when the database fails (the caller decides what that means).
  bool record(AuditEntry entry);
  /// Rows at or after `since` (ISO 8601; empty = all), oldest first, at most `limit`.
  std::vector<AuditEntry> audit(const std::string& since = "", long long limit = 1000000);

  /// Keeps an accepted upload as a pending import and appends its audit row, both or neither;
  /// its id, or nullopt when the database fails.
  std::optional<long long> stage_import(AuditEntry entry, const std::string& upload, long long changes);
  /// The imports of `locale` (empty: of every locale), oldest first, without their files.
  std::vector<LocaleImport> imports(const std::string& locale);
  /// The import `id` and its file in `upload`; nullopt if there is none.
  std::optional<LocaleImport> find_import(long long id, std::string& upload);
  /// Marks a pending import applied and appends the audit row, both or neither; false if it
  /// is not pending or the database fails.
  bool mark_applied(long long id, AuditEntry entry);

 private:
  friend class JobQueue;             // runs its transactions on this connection, under this mutex
  bool insert_audit(AuditEntry& e);  ///< with mutex_ held
  std::unique_ptr<SqlDb> db_;
  std::mutex mutex_;
  std::string error_;
  std::string artefact_dir_;
};

/// Now as ISO 8601 UTC with milliseconds ("2026-12-06T14:02:39.123Z").
std::string now_iso();

}  // namespace quire::service
