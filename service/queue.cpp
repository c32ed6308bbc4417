#include "queue.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "digest.hpp"
#include "sql.hpp"

namespace quire::service {

namespace {

std::string col(const SqlRow& row, std::size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}
long long num(const SqlRow& row, std::size_t i) {
  std::string s = col(row, i);
  return s.empty() ? 0 : std::stoll(s);
}

/// Writes `bytes` to a new file in `dir` (mkstemp), synced; its path, or empty with a message.
/// The caller renames it to its final name, so that name only ever shows a complete file.
std::string write_temporary(const std::string& dir, const std::string& name, const std::string& bytes,
                            std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string tmpl = dir + "/." + name + ".XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    error = "cannot create a file in " + dir;
    return {};
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  bool ok = done == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(tmpl.c_str());
    error = "cannot write the artefact " + name + " in " + dir;
    return {};
  }
  return tmpl;
}

/// Keeps a transaction's promise: rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(SqlDb& db) : db_(db), open_(db.begin()) {}
  ~Transaction() {
    if (open_) db_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  [[nodiscard]] bool open() const { return open_; }
  bool commit() {
    if (!open_) return false;
    open_ = false;
    if (db_.commit()) return true;
    db_.rollback();
    return false;
  }

 private:
  SqlDb& db_;
  bool open_;
};

/// SQLite keeps old page images in the WAL until it is reset: once a job's data is cleared,
/// a truncating checkpoint leaves no copy of it there. Best effort (a busy reader delays it).
void forget_wal(SqlDb& db) {
  if (!db.postgres()) db.script("PRAGMA wal_checkpoint(TRUNCATE)");
}

/// Ends the job (done, or failed when some record failed) once no record is queued or running;
/// in the caller's transaction. False on a database error; `ended` says whether it ended now.
bool end_if_finished(SqlDb& db, const std::string& job, bool& ended) {
  std::vector<SqlRow> left, failed;
  if (!db.query("SELECT COUNT(*) FROM job_records WHERE job = $1 AND state IN ('queued', 'running')", {job}, &left) ||
      left.empty())
    return false;
  if (num(left[0], 0) > 0) return true;
  if (!db.query("SELECT COUNT(*) FROM job_records WHERE job = $1 AND state = 'failed'", {job}, &failed) ||
      failed.empty())
    return false;
  ended = db.query("UPDATE jobs SET state = $2, finished = $3, finished_ms = " + db.now_ms_sql() +
                       " WHERE id = $1 AND state IN ('queued', 'running')",
                   {job, num(failed[0], 0) > 0 ? "failed" : "done", now_iso()});
  return ended;
}

}  // namespace

std::optional<std::string> JobQueue::submit(const JobSpec& spec, std::string& error, bool* over_limit) {
  if (over_limit) *over_limit = false;
  std::string id = random_token().substr(0, 32);
  if (id.empty()) {
    error = "the system gave no randomness for the job id";
    return std::nullopt;
  }
  std::lock_guard lock(store_.mutex_);
  SqlDb& db = *store_.db_;
  Transaction tx(db);
  if (!tx.open()) {
    error = db.error();
    return std::nullopt;
  }
  if (spec.max_unfinished > 0) {
    std::vector<SqlRow> rows;
    if (!db.query("SELECT COUNT(*) FROM jobs WHERE owner = $1 AND state IN ('queued', 'running')", {spec.owner},
                  &rows) ||
        rows.empty()) {
      error = db.error();
      return std::nullopt;
    }
    if (num(rows[0], 0) >= spec.max_unfinished) {
      error = "the owner has " + std::to_string(num(rows[0], 0)) + " jobs unfinished";
      if (over_limit) *over_limit = true;
      return std::nullopt;
    }
  }
  std::string created = now_iso();
  if (!db.query("INSERT INTO jobs(id, owner, kind, template, locale, format, edition, state, total, created, "
                "created_ms) VALUES($1,$2,$3,$4,$5,$6,$7,'queued',$8,$9," +
                    db.now_ms_sql() + ")",
                {id, spec.owner, spec.kind, spec.template_name, spec.locale, spec.format, spec.edition,
                 static_cast<long long>(spec.records.size()), created})) {
    error = db.error();
    return std::nullopt;
  }
  for (std::size_t i = 0; i < spec.records.size(); ++i) {
    std::string rid = i < spec.record_ids.size() ? spec.record_ids[i] : std::string();
    if (!db.query("INSERT INTO job_records(job, idx, state, data, record_id) VALUES($1,$2,'queued',$3,$4)",
                  {id, static_cast<long long>(i), spec.records[i], rid})) {
      error = db.error();
      return std::nullopt;
    }
  }
  AuditEntry a;
  a.who = spec.owner;
  a.action = "job-submit";
  a.template_name = spec.template_name;
  a.locale = spec.locale;
  a.format = spec.format;
  a.edition = spec.edition;
  a.status = 202;
  a.outcome = "ok";
  a.job = id;
  if (!store_.insert_audit(a) || !tx.commit()) {
    error = db.error();
    return std::nullopt;
  }
  return id;
}

std::optional<JobInfo> JobQueue::job(const std::string& id) {
  std::lock_guard lock(store_.mutex_);
  SqlDb& db = *store_.db_;
  std::vector<SqlRow> rows;
  if (!db.query("SELECT id, owner, kind, template, locale, format, edition, state, total, created, finished FROM jobs "
                "WHERE id = $1",
                {id}, &rows) ||
      rows.empty())
    return std::nullopt;
  const SqlRow& r = rows[0];
  JobInfo j{col(r, 0), col(r, 1), col(r, 2), col(r, 3), col(r, 4),
            col(r, 5), col(r, 6), col(r, 7), col(r, 9), col(r, 10)};
  j.total = num(r, 8);
  std::vector<SqlRow> counts;
  db.query("SELECT state, COUNT(*) FROM job_records WHERE job = $1 GROUP BY state", {id}, &counts);
  for (const auto& c : counts) {
    std::string state = col(c, 0);
    long long n = num(c, 1);
    if (state == "queued") j.queued = n;
    if (state == "running") j.running = n;
    if (state == "done") j.done = n;
    if (state == "failed") j.failed = n;
    if (state == "cancelled") j.cancelled = n;
  }
  return j;
}

std::vector<RecordInfo> JobQueue::records(const std::string& id, bool errors_only) {
  std::lock_guard lock(store_.mutex_);
  std::vector<SqlRow> rows;
  store_.db_->query(std::string("SELECT idx, state, attempts, sha256, errors FROM job_records WHERE job = $1") +
                        (errors_only ? " AND state = 'failed'" : "") + " ORDER BY idx",
                    {id}, &rows);
  std::vector<RecordInfo> out;
  for (const auto& r : rows) out.push_back({num(r, 0), col(r, 1), num(r, 2), col(r, 3), col(r, 4)});
  return out;
}

bool JobQueue::cancel(const std::string& id, const std::string& who) {
  std::lock_guard lock(store_.mutex_);
  SqlDb& db = *store_.db_;
  {
    Transaction tx(db);
    long long changed = 0;
    if (!tx.open() ||
        !db.query("UPDATE jobs SET state = 'cancelled', finished = $2, finished_ms = " + db.now_ms_sql() +
                      " WHERE id = $1 AND state IN ('queued', 'running')",
                  {id, now_iso()}, nullptr, &changed) ||
        changed == 0)
      return false;
    if (!db.query("UPDATE job_records SET state = 'cancelled', data = NULL, lease_owner = '' WHERE job = $1 AND "
                  "state IN ('queued', 'running')",
                  {id}))
      return false;
    AuditEntry a;
    a.who = who;
    a.action = "job-cancel";
    a.status = 200;
    a.outcome = "ok";
    a.job = id;
    if (!store_.insert_audit(a) || !tx.commit()) return false;
  }
  forget_wal(db);
  return true;
}

std::vector<Lease> JobQueue::take(const std::string& worker, int max, long long lease_ms) {
  std::vector<Lease> out;
  std::lock_guard lock(store_.mutex_);
  SqlDb& db = *store_.db_;
  Transaction tx(db);
  if (!tx.open()) return out;
  // PostgreSQL: rows another worker is taking are skipped, not waited for. SQLite: BEGIN
  // IMMEDIATE already made this the only writer.
  const std::string skip_locked = db.postgres() ? " FOR UPDATE SKIP LOCKED" : "";
  // A record whose workers died kMaxAttempts times is failing them (or their machines): it
  // fails instead of being taken again, so one record cannot stop the queue.
  std::vector<SqlRow> worn;
  if (!db.query("SELECT job, idx, record_id FROM job_records WHERE state = 'running' AND lease_expiry < " +
                    db.now_ms_sql() + " AND attempts >= $1" + skip_locked,
                {kMaxAttempts}, &worn))
    return out;
  bool ended_any = false;
  for (const auto& w : worn) {
    std::string job = col(w, 0);
    std::vector<SqlRow> info;
    if (!db.query("SELECT owner, template, format, edition FROM jobs WHERE id = $1", {job}, &info) || info.empty() ||
        !db.query("UPDATE job_records SET state = 'failed', data = NULL, lease_owner = '', errors = $3, finished = $4 "
                  "WHERE job = $1 AND idx = $2",
                  {job, num(w, 1),
                   R"([{"code":"job.attempts","message":"the workers rendering this record stopped )" +
                       std::to_string(kMaxAttempts) + R"( times without finishing it"}])",
                   now_iso()}))
      return out;
    AuditEntry a;
    a.who = col(info[0], 0);
    a.action = "job-record";
    a.template_name = col(info[0], 1);
    a.format = col(info[0], 2);
    a.edition = col(info[0], 3);
    a.record_id = col(w, 2);
    a.outcome = "failed";
    a.codes = "job.attempts";
    a.job = job;
    a.record_index = num(w, 1);
    bool ended = false;
    if (!store_.insert_audit(a) || !end_if_finished(db, job, ended)) return out;
    ended_any = ended_any || ended;
  }
  std::vector<SqlRow> rows;
  if (!db.query("SELECT job, idx, attempts, data, record_id FROM job_records WHERE state = 'queued' OR (state = "
                "'running' AND lease_expiry < " +
                    db.now_ms_sql() + " AND attempts < $2) ORDER BY job, idx LIMIT $1" + skip_locked,
                {static_cast<long long>(max), kMaxAttempts}, &rows))
    return out;
  if (rows.empty()) {
    if (!worn.empty() && tx.commit() && ended_any) forget_wal(db);
    return out;
  }
  std::string job = col(rows[0], 0);
  std::vector<SqlRow> info;
  if (!db.query("SELECT owner, template, locale, format, edition, kind FROM jobs WHERE id = $1", {job}, &info) ||
      info.empty())
    return out;
  for (const auto& r : rows) {
    if (col(r, 0) != job) break;  // one job per take: its records render as one batch
    Lease l;
    l.job = job;
    l.index = num(r, 1);
    l.attempt = num(r, 2) + 1;
    l.data = col(r, 3);
    l.record_id = col(r, 4);
    l.owner_token = col(info[0], 0);
    l.template_name = col(info[0], 1);
    l.locale = col(info[0], 2);
    l.format = col(info[0], 3);
    l.edition = col(info[0], 4);
    l.kind = col(info[0], 5);
    if (!db.query("UPDATE job_records SET state = 'running', lease_owner = $1, lease_expiry = " + db.now_ms_sql() +
                      " + $2, attempts = $3 WHERE job = $4 AND idx = $5",
                  {worker, lease_ms, l.attempt, job, l.index}))
      return {};
    out.push_back(std::move(l));
  }
  if (!db.query("UPDATE jobs SET state = 'running' WHERE id = $1 AND state = 'queued'", {job}) || !tx.commit())
    return {};
  if (ended_any) forget_wal(db);
  return out;
}

bool JobQueue::complete(const Lease& lease, const std::string& worker, Outcome& outcome) {
  std::string sha = outcome.ok ? sha256_hex(outcome.bytes) : std::string();
  // The document is written to a temporary file first; once this worker's lease is confirmed
  // (inside the transaction) it is renamed to its final name, then the row that names it
  // commits. The attempt is in the name, so a worker whose lease was lost never touches the
  // file of the worker that holds the record now.
  std::string file, temporary;
  const std::string& dir = store_.artefact_dir();
  if (outcome.ok && !dir.empty()) {
    std::string name = lease.job + "-" + std::to_string(lease.index) + "-" + std::to_string(lease.attempt) + "." +
                       (lease.format == "docx" ? "docx" : "pdf");
    std::string error;
    temporary = write_temporary(dir, name, outcome.bytes, error);
    if (temporary.empty()) {
      outcome.ok = false;
      outcome.codes = "service.artefact";
      outcome.errors = R"([{"code":"service.artefact","message":"the document could not be stored"}])";
      sha.clear();
    } else {
      file = dir + "/" + name;
    }
  }
  bool renamed = false;
  bool committed = false;
  bool job_ended = false;
  {
    std::lock_guard lock(store_.mutex_);
    SqlDb& db = *store_.db_;
    Transaction tx(db);
    long long changed = 0;
    SqlValue blob = outcome.ok && dir.empty() ? SqlValue::blob(outcome.bytes) : SqlValue();
    if (tx.open() &&
        db.query("UPDATE job_records SET state = $1, data = NULL, lease_owner = '', artefact_path = $2, artefact = "
                 "$3, sha256 = $4, errors = $5, finished = $6 WHERE job = $7 AND idx = $8 AND state = 'running' AND "
                 "lease_owner = $9 AND attempts = $10",
                 {outcome.ok ? "done" : "failed", file, blob, sha, outcome.ok ? "" : outcome.errors, now_iso(),
                  lease.job, lease.index, worker, lease.attempt},
                 nullptr, &changed) &&
        changed == 1 && (file.empty() || (renamed = std::rename(temporary.c_str(), file.c_str()) == 0))) {
      AuditEntry a;
      a.who = lease.owner_token;
      a.action = "job-record";
      a.template_name = lease.template_name;
      a.locale = outcome.locale;
      a.format = lease.format;
      a.edition = lease.edition;
      a.record_id = lease.record_id;
      a.output_sha256 = sha;
      a.outcome = outcome.ok ? "ok" : "failed";
      a.codes = outcome.codes;
      a.duration_ms = outcome.duration_ms;
      a.job = lease.job;
      a.record_index = lease.index;
      committed = store_.insert_audit(a) && end_if_finished(db, lease.job, job_ended) && tx.commit();
    }
    if (committed && job_ended) forget_wal(db);
  }
  if (!temporary.empty() && !renamed) ::unlink(temporary.c_str());
  if (!committed && renamed) ::unlink(file.c_str());  // the attempt's own name: no one else's file
  return committed;
}

void JobQueue::release(const Lease& lease, const std::string& worker) {
  std::lock_guard lock(store_.mutex_);
  store_.db_->query(
      "UPDATE job_records SET state = 'queued', lease_owner = '', lease_expiry = 0, attempts = attempts - 1 WHERE "
      "job = $1 AND idx = $2 AND state = 'running' AND lease_owner = $3 AND attempts = $4",
      {lease.job, lease.index, worker, lease.attempt});
}

std::optional<std::string> JobQueue::artefact(const std::string& id, long long index) {
  std::vector<SqlRow> rows;
  {
    std::lock_guard lock(store_.mutex_);
    if (!store_.db_->query("SELECT artefact_path, artefact FROM job_records WHERE job = $1 AND idx = $2 AND state = "
                           "'done'",
                           {id, index}, &rows) ||
        rows.empty())
      return std::nullopt;
  }
  if (rows[0].size() > 1 && rows[0][1]) return *rows[0][1];
  std::string path = col(rows[0], 0);
  if (path.empty()) return std::nullopt;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string bytes;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
  std::fclose(f);
  return bytes;
}

long long JobQueue::expire(long long retain_ms) {
  std::lock_guard lock(store_.mutex_);
  SqlDb& db = *store_.db_;
  std::vector<SqlRow> jobs;
  if (!db.query("SELECT id FROM jobs WHERE finished_ms > 0 AND finished_ms < " + db.now_ms_sql() + " - $1", {retain_ms},
                &jobs))
    return 0;
  long long n = 0;
  for (const auto& j : jobs) {
    std::string id = col(j, 0);
    std::vector<SqlRow> files;
    db.query("SELECT artefact_path FROM job_records WHERE job = $1 AND artefact_path <> ''", {id}, &files);
    // Files first: a file without its row is removed at the next pass; a row without its file
    // would only say "gone".
    for (const auto& f : files) ::unlink(col(f, 0).c_str());
    Transaction tx(db);
    if (tx.open() && db.query("DELETE FROM job_records WHERE job = $1", {id}) &&
        db.query("DELETE FROM jobs WHERE id = $1", {id}) && tx.commit())
      ++n;
  }
  if (n > 0) forget_wal(db);
  return n;
}

long long JobQueue::depth() {
  std::lock_guard lock(store_.mutex_);
  std::vector<SqlRow> rows;
  if (!store_.db_->query("SELECT COUNT(*) FROM job_records WHERE state = 'queued'", {}, &rows) || rows.empty())
    return 0;
  return num(rows[0], 0);
}

}  // namespace quire::service
