// quire serve [--listen 127.0.0.1:8080] [--db sqlite:PATH|postgresql://...] [--cert FILE --key FILE]:
// the HTTP service (docs/SERVICE.md).
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "fs_world.hpp"
#include "http.hpp"
#include "output.hpp"
#include "service.hpp"
#include "service_commands.hpp"
#include "store.hpp"
#include "worker.hpp"

namespace quire::cli {

namespace {
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:quire.db";
  std::vector<std::string> templates;  // folders of a council's own templates, by name
  service::Limits limits;
  unsigned workers = 1;        // in-process worker threads for jobs
  std::string retain = "24h";  // finished jobs and their artefacts are deleted after this
  service::TlsFiles tls;
};

int run_serve(const ServeOptions& o) {
  std::string host, error;
  int port = 0;
  if (!service::parse_listen(o.listen, host, port)) {
    std::cerr << "quire: error[usage.listen]: --listen must be HOST:PORT, e.g. 127.0.0.1:8080: " << o.listen << '\n';
    return 2;
  }
  auto path = service::db_target_of(o.db, error);
  if (!path) {
    std::cerr << "quire: error[usage.db]: " << error << '\n';
    return 2;
  }
  auto retain_ms = service::parse_duration_ms(o.retain);
  if (!retain_ms) {
    std::cerr << "quire: error[usage.retain]: --retain must be a number with s, m, h or d (24h): " << o.retain << '\n';
    return 2;
  }
  service::Store store(*path);
  if (!store.ok()) {
    std::cerr << "quire: error[service.db]: " << store.error() << '\n';
    return 1;
  }
  // Each worker thread has its own connection, so a render never waits for a request's query.
  std::string db_error;
  auto worker_stores = service::open_worker_stores(*path, o.workers, db_error);
  if (!worker_stores) {
    std::cerr << "quire: error[service.db]: " << db_error << '\n';
    return 1;
  }
  FsWorld world;
  EngineConfig config = default_config();
  for (const auto& dir : o.templates) {
    if (!world.is_directory(dir)) {
      std::cerr << "quire: error[usage.templates]: --templates " << dir << " is not a folder\n";
      return 2;
    }
    config.template_roots.push_back(dir);
  }
  if (o.tls.cert.empty() != o.tls.key.empty()) {
    std::cerr << "quire: error[usage.tls]: --cert and --key go together (PEM files)\n";
    return 2;
  }
  Engine engine(world, config);
  print_diagnostics(engine.startup_diagnostics());
  if (engine.startup_diagnostics().has_errors()) return 1;

  // SIGINT and SIGTERM are taken by one thread with sigwait, which stops the server
  // (stopping is not safe from a signal handler). Blocked before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  service::WorkerOptions wo;
  wo.threads = o.workers;
  wo.retain_ms = *retain_ms;
  wo.record_deadline_ms = o.limits.deadline_ms;
  wo.max_pages = o.limits.max_pages;
  wo.lease_ms = std::max<long long>(60000, 3 * o.limits.deadline_ms);
  service::Workers workers(engine, worker_stores->each, wo);
  service::Service svc(engine, store, o.limits);
  svc.on_job_submitted = [&workers] { workers.wake(); };
  svc.set_sources(world, config);
  service::HttpServer server(svc, o.tls);
  if (!server.ok(error)) {
    std::cerr << "quire: error[usage.tls]: " << error << '\n';
    return 2;
  }
  int bound = server.bind(host, port, error);
  if (bound < 0) {
    std::cerr << "quire: error[service.listen]: " << error << '\n';
    return 1;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  std::cout << "quire serve: listening on " << (server.tls() ? "https://" : "http://")
            << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ':' << bound << " (database " << *path
            << ")" << std::endl;
  workers.start();
  bool ran = server.run();
  workers.stop();  // records in progress finish; records not started go back to the queue
  // Wake the waiter if the server stopped by itself.
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  std::cout << "quire serve: stopped" << std::endl;
  return ran ? 0 : 1;
}
}  // namespace

Command add_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", std::string(service_description("", "serve")));
  cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_option("--db", o->db, "Tokens, audit and jobs: sqlite:PATH or postgresql://...")->capture_default_str();
  cmd->add_option("--templates", o->templates,
                  "A folder of the council's own template folders, rendered by name (admin role; repeatable)");
  cmd->add_option("--max-body-bytes", o->limits.max_body_bytes, "Largest request body (413 above)")
      ->capture_default_str();
  cmd->add_option("--deadline-ms", o->limits.deadline_ms, "Time budget of each render (422 job.deadline past it)")
      ->capture_default_str()
      ->check(CLI::Range(1LL, 600000LL));
  cmd->add_option("--max-pages", o->limits.max_pages, "Most pages of a PDF (422 job.page-limit above)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-records", o->limits.max_records_per_job, "Most records of one job (413 above)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--workers", o->workers,
                  "Worker threads rendering jobs in this process (0: none, as when "
                  "`quire worker` processes do it)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_option("--retain", o->retain, "How long finished jobs and their documents are kept (s, m, h, d)")
      ->capture_default_str();
  cmd->add_option("--max-concurrent", o->limits.max_concurrent_per_token,
                  "Renders and checks one token may have in progress (429 above; 0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  cmd->add_option("--max-jobs", o->limits.max_jobs_per_token,
                  "Jobs one token may have queued or running (429 on one more; 0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--cert", o->tls.cert, "Serve HTTPS with this certificate chain (PEM; with --key)");
  cmd->add_option("--key", o->tls.key, "The certificate's private key (PEM, unencrypted; with --cert)");
  return [o] { return run_serve(*o); };
}

}  // namespace quire::cli
