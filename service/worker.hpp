// Worker threads that render the queue's records (queue.hpp) through the job API
// (Engine::run_batch), in `quire serve` (in-process, on SQLite or PostgreSQL) and in
// `quire worker` (PostgreSQL, any number of processes on any machines).
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "quire/render.hpp"
#include "store.hpp"

namespace quire::service {

/// One database connection per worker thread: a thread waiting on the database never holds
/// up another. `each` points into `owned`, in thread order.
struct WorkerStores {
  std::vector<std::unique_ptr<Store>> owned;
  std::vector<Store*> each;
};

/// Opens `count` connections to `target` ("sqlite:PATH", a path, or a PostgreSQL URL);
/// nullopt with the database's message in `error` when one fails.
std::optional<WorkerStores> open_worker_stores(const std::string& target, unsigned count, std::string& error);

class JobQueue;
struct Lease;

struct WorkerOptions {
  unsigned threads = 1;
  int batch = 4;                         ///< records taken at a time (one job's), rendered as one batch
  long long lease_ms = 60000;            ///< how long a taken record is the worker's; longer than a render may take
  long long retain_ms = 86400000;        ///< finished jobs (and their artefacts) are deleted after this
  long long idle_ms = 200;               ///< wait between looks at an empty queue
  long long record_deadline_ms = 10000;  ///< each record's render budget (RenderJob::deadline_ms)
  int max_pages = 200;
  std::string name;  ///< this worker's name in leases ("host:pid"); each thread adds ":N"
};

class Workers {
 public:
  /// `stores` has one Store per thread (a thread's own connection), or one shared by all.
  /// They and the engine must outlive the workers.
  Workers(const Engine& engine, std::vector<Store*> stores, WorkerOptions options);
  ~Workers();  ///< stops and joins
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void start();
  /// Asks every thread to stop after its current record, gives back records not started, joins.
  void stop();
  /// Wakes idle threads (a job was just submitted).
  void wake();

  std::atomic<long long> rendered{0}, failed{0}, lost{0};  ///< records finished, and outcomes discarded

 private:
  void run(unsigned thread);
  /// Renders one pack job (its one record is the pack's spec) and finishes it.
  void run_pack(JobQueue& queue, const Lease& lease, const std::string& me);
  const Engine& engine_;
  std::vector<Store*> stores_;
  WorkerOptions options_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};
};

/// "hostname:pid", a worker's default name.
std::string default_worker_name();

/// A duration as the options take it: a number with s, m, h or d ("24h", "90s"); nullopt if not.
std::optional<long long> parse_duration_ms(const std::string& text);

}  // namespace quire::service
