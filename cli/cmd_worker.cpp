// quire worker --db postgresql://... [--threads N]: renders jobs from the service's shared
// queue (docs/SERVICE.md), so any number of machines can share one night's batches.
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"
#include "service.hpp"
#include "service_commands.hpp"
#include "store.hpp"
#include "worker.hpp"

namespace quire::cli {

namespace {
struct WorkerOptions {
  std::string db;
  unsigned threads = 1;
  std::string retain = "24h";
  std::string lease = "60s";
  std::string name;
  int batch = 4;
  std::vector<std::string> templates;
  service::Limits limits;
};

int run_worker(const WorkerOptions& o) {
  std::string error;
  auto target = service::db_target_of(o.db, error);
  if (!target) {
    std::cerr << "quire: error[usage.db]: " << error << '\n';
    return 2;
  }
  auto retain_ms = service::parse_duration_ms(o.retain);
  auto lease_ms = service::parse_duration_ms(o.lease);
  if (!retain_ms || !lease_ms) {
    std::cerr << "quire: error[usage.duration]: --retain and --lease take a number with s, m, h or d (24h, 60s)\n";
    return 2;
  }
  if (*lease_ms <= o.limits.deadline_ms) {
    std::cerr << "quire: error[usage.lease]: --lease must be longer than a render may take (--deadline-ms)\n";
    return 2;
  }
  std::string db_error;
  auto stores = service::open_worker_stores(*target, o.threads, db_error);
  if (!stores) {
    std::cerr << "quire: error[service.db]: " << db_error << '\n';
    return 1;
  }
  FsWorld world;
  EngineConfig config = default_config();
  for (const auto& dir : o.templates) config.template_roots.push_back(dir);
  Engine engine(world, config);
  print_diagnostics(engine.startup_diagnostics());
  if (engine.startup_diagnostics().has_errors()) return 1;

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  service::WorkerOptions wo;
  wo.threads = o.threads;
  wo.retain_ms = *retain_ms;
  wo.lease_ms = *lease_ms;
  wo.batch = o.batch;
  wo.name = o.name.empty() ? service::default_worker_name() : o.name;
  wo.record_deadline_ms = o.limits.deadline_ms;
  wo.max_pages = o.limits.max_pages;
  service::Workers workers(engine, stores->each, wo);
  workers.start();
  std::cout << "quire worker: " << wo.name << " taking jobs with " << o.threads << " thread(s)" << std::endl;
  int sig = 0;
  sigwait(&stop_signals, &sig);
  workers.stop();
  std::cout << "quire worker: stopped; rendered " << workers.rendered << ", failed " << workers.failed << ", discarded "
            << workers.lost << std::endl;
  return 0;
}
}  // namespace

Command add_worker(CLI::App& app) {
  auto o = std::make_shared<WorkerOptions>();
  auto* cmd = app.add_subcommand("worker", std::string(service_description("", "worker")));
  cmd->add_option("--db", o->db, "The service's database: postgresql://... (or sqlite:PATH on one machine)")
      ->required();
  cmd->add_option("--threads", o->threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--retain", o->retain, "How long finished jobs and their documents are kept (s, m, h, d)")
      ->capture_default_str();
  cmd->add_option("--lease", o->lease, "How long a taken record is this worker's before others may take it")
      ->capture_default_str();
  cmd->add_option("--batch", o->batch, "Records taken at a time")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--name", o->name, "This worker's name in the queue's leases (default host:pid)");
  cmd->add_option("--templates", o->templates, "A folder of the council's own template folders (as quire serve)");
  cmd->add_option("--deadline-ms", o->limits.deadline_ms, "Time budget of each render")
      ->capture_default_str()
      ->check(CLI::Range(1LL, 600000LL));
  cmd->add_option("--max-pages", o->limits.max_pages, "Most pages of a PDF")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  return [o] { return run_worker(*o); };
}

}  // namespace quire::cli
