// The job queue: batches submitted over HTTP, rendered by worker threads of `quire serve` or
// by `quire worker` processes on other machines, on the same Store (SQLite or PostgreSQL).
//
// A job is a row in `jobs`; each of its records a row in `job_records`, which holds the
// record's JSON only until the record is finished (rendered, failed or cancelled): then the
// data is set to NULL (SQLite overwrites it in the file: secure_delete, and the WAL is
// truncated when a job ends). A worker takes records with a lease (owner, expiry by the
// database's clock, attempt number); a record whose lease has expired is taken again, so a
// killed worker's records are redone. Finishing a record is one transaction that changes its
// state only if the lease is still the caller's (same owner and attempt, still running): the
// artefact, the state change and the record's audit row commit together or not at all, so
// every record finishes exactly once, whatever the workers do.
//
// Artefacts: with SQLite, files in Store::artefact_dir(), written to a temporary name and
// renamed before the transaction that names them commits (never half-visible); with
// PostgreSQL, bytea in job_records, so every machine sees them without a shared folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store.hpp"

namespace quire::service {

/// A record is taken at most this many times: if its lease runs out once more (its workers
/// keep dying on it), it fails with `job.attempts` instead of stopping the queue.
constexpr long long kMaxAttempts = 3;

/// What a client submits (already validated by the route).
struct JobSpec {
  std::string owner;  ///< the token's name
  std::string kind = "batch";
  std::string template_name, locale, format = "pdf", edition = "full";
  std::vector<std::string> records;     ///< each record's JSON text
  std::vector<std::string> record_ids;  ///< the id to audit for each record (record_id_of), may be empty
  /// When > 0, the job is refused (nothing stored) if the owner already has this many jobs
  /// queued or running; counted inside submit's transaction.
  long long max_unfinished = 0;
};

struct JobInfo {
  std::string id, owner, kind, template_name, locale, format, edition;
  std::string state;  ///< queued, running, done (all rendered), failed (some failed), cancelled
  std::string created, finished;
  long long total = 0, queued = 0, running = 0, done = 0, failed = 0, cancelled = 0;
};

struct RecordInfo {
  long long index = 0;
  std::string state;  ///< queued, running, done, failed, cancelled
  long long attempts = 0;
  std::string sha256;
  std::string errors;  ///< JSON array of {"code", "message", "pointer"}, for failed records
};

/// A record taken by a worker.
struct Lease {
  std::string job;
  long long index = 0;
  long long attempt = 0;  ///< 1 the first time; more when a lease expired and it was taken again
  std::string data, record_id;
  std::string owner_token, template_name, locale, format, edition;
  std::string kind = "batch";  ///< the job's kind: "batch" (a record) or "pack" (the whole pack spec)
};

/// What became of a record a worker rendered.
struct Outcome {
  bool ok = false;
  std::string bytes;   ///< the document when ok
  std::string errors;  ///< JSON array when not ok
  std::string codes;   ///< the error codes, comma-separated, for the audit
  std::string locale;  ///< the locale used
  long long duration_ms = 0;
};

class JobQueue {
 public:
  /// A view of the store's queue; cheap, make one where needed.
  explicit JobQueue(Store& store) : store_(store) {}

  /// Stores the job and its records (one transaction) and audits it; the new id, or nullopt.
  /// `over_limit` (if given) is set when the owner had spec.max_unfinished jobs unfinished.
  std::optional<std::string> submit(const JobSpec& spec, std::string& error, bool* over_limit = nullptr);
  std::optional<JobInfo> job(const std::string& id);
  /// Records in order; `errors_only` leaves out records that are not failed.
  std::vector<RecordInfo> records(const std::string& id, bool errors_only = false);
  /// Cancels a queued or running job: its unfinished records are cancelled (never rendered, or
  /// their result discarded) and their data deleted. False if the job is already finished.
  bool cancel(const std::string& id, const std::string& who);

  /// Takes up to `max` records of one job: queued ones, or running ones whose lease expired
  /// (those taken kMaxAttempts times already fail instead).
  std::vector<Lease> take(const std::string& worker, int max, long long lease_ms);
  /// Finishes a record if `lease` is still the worker's; false if it is not (expired and taken
  /// again, or the job was cancelled): then nothing changed and the outcome is discarded.
  bool complete(const Lease& lease, const std::string& worker, Outcome& outcome);
  /// Gives a record back untouched (the worker is stopping before rendering it).
  void release(const Lease& lease, const std::string& worker);

  /// A finished record's document, if it is there.
  std::optional<std::string> artefact(const std::string& id, long long index);
  /// Deletes jobs finished more than `retain_ms` ago with their records and artefacts; how many.
  long long expire(long long retain_ms);
  /// Records waiting to be rendered, over all jobs.
  long long depth();

 private:
  Store& store_;
};

}  // namespace quire::service
