#include "worker.hpp"

#include <unistd.h>

#include <chrono>

#include "queue.hpp"
#include "quire/job_json.hpp"

namespace quire::service {

std::optional<WorkerStores> open_worker_stores(const std::string& target, unsigned count, std::string& error) {
  WorkerStores out;
  for (unsigned i = 0; i < count; ++i) {
    out.owned.push_back(std::make_unique<Store>(target));
    if (!out.owned.back()->ok()) {
      error = out.owned.back()->error();
      return std::nullopt;
    }
    out.each.push_back(out.owned.back().get());
  }
  return out;
}

namespace {
std::string error_codes(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error && out.find(d.code) == std::string::npos)
      out += (out.empty() ? "" : ",") + d.code;
  return out;
}
}  // namespace

std::string default_worker_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "worker") + ":" + std::to_string(getpid());
}

std::optional<long long> parse_duration_ms(const std::string& text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  long long n = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
  }
  switch (text.back()) {
    case 's':
      return n * 1000;
    case 'm':
      return n * 60000;
    case 'h':
      return n * 3600000;
    case 'd':
      return n * 86400000;
    default:
      return std::nullopt;
  }
}

Workers::Workers(const Engine& engine, std::vector<Store*> stores, WorkerOptions options)
    : engine_(engine), stores_(std::move(stores)), options_(std::move(options)) {
  if (options_.name.empty()) options_.name = default_worker_name();
  if (options_.batch < 1) options_.batch = 1;
}

Workers::~Workers() {
  stop();
}

void Workers::start() {
  stopping_ = false;
  for (unsigned t = 0; t < options_.threads && !stores_.empty(); ++t) threads_.emplace_back([this, t] { run(t); });
}

void Workers::stop() {
  stopping_ = true;
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Workers::wake() {
  cv_.notify_all();
}

void Workers::run(unsigned thread) {
  Store& store = *stores_[thread % stores_.size()];
  JobQueue queue(store);
  const std::string me = options_.name + ":" + std::to_string(thread);
  auto next_expiry = std::chrono::steady_clock::now();
  while (!stopping_) {
    if (thread == 0 && std::chrono::steady_clock::now() >= next_expiry) {
      queue.expire(options_.retain_ms);
      next_expiry = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    }
    std::vector<Lease> leases = queue.take(me, options_.batch, options_.lease_ms);
    if (leases.empty()) {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.idle_ms), [this] { return stopping_.load(); });
      continue;
    }
    if (leases[0].kind == "pack") {
      for (const auto& lease : leases) run_pack(queue, lease, me);
      continue;
    }
    // The records go to the engine as one batch: the same rendering path as `quire batch`.
    BatchJob job;
    job.template_ref = leases[0].template_name;
    job.locale = leases[0].locale;
    job.format = leases[0].format == "docx" ? OutputFormat::Docx : OutputFormat::Pdf;
    job.jobs = 1;
    job.record_deadline_ms = options_.record_deadline_ms;
    job.max_pages = options_.max_pages;
    job.records_name = "records";
    for (const auto& l : leases) job.records.push_back({l.data, static_cast<int>(l.index) + 1});
    CancelToken cancel;
    std::vector<bool> finished(leases.size(), false);
    auto started = std::chrono::steady_clock::now();
    auto sink = [&](BatchItem& item) {
      const Lease& lease = leases[item.index];
      Outcome o;
      o.ok = item.result.ok();
      o.locale = item.result.locale;
      if (o.ok) {
        o.bytes = std::move(item.result.bytes);
      } else {
        // Pointers are relative to the job as submitted, where this record is /records/N.
        o.errors = errors_json(item.result.diagnostics, "/records/" + std::to_string(lease.index))["errors"].dump();
        o.codes = error_codes(item.result.diagnostics);
      }
      auto now = std::chrono::steady_clock::now();
      o.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - started).count();
      started = now;
      finished[item.index] = true;
      if (queue.complete(lease, me, o)) {
        (o.ok ? rendered : failed)++;
      } else {
        ++lost;
        cancel.cancel();  // the job was cancelled or the lease lost: start no more of these records
      }
      if (stopping_) cancel.cancel();
    };
    BatchResult result = engine_.run_batch(job, sink, &cancel);
    if (result.diagnostics.has_errors()) {
      // The batch could not start (its template is gone from this worker's folders): each record fails.
      for (std::size_t i = 0; i < leases.size(); ++i) {
        Outcome o;
        o.errors = errors_json(result.diagnostics)["errors"].dump();
        o.codes = error_codes(result.diagnostics);
        if (queue.complete(leases[i], me, o)) ++failed;
        finished[i] = true;
      }
    }
    for (std::size_t i = 0; i < leases.size(); ++i) {
      if (finished[i]) continue;
      const BatchItem* item = i < result.items.size() ? &result.items[i] : nullptr;
      bool over_time = item && !cancel.cancelled() && item->result.diagnostics.has_errors();
      if (over_time) {
        // The record ran past its own time budget (job.deadline): that is its outcome.
        Outcome o;
        o.errors =
            errors_json(item->result.diagnostics, "/records/" + std::to_string(leases[i].index))["errors"].dump();
        o.codes = error_codes(item->result.diagnostics);
        if (queue.complete(leases[i], me, o)) ++failed;
      } else {
        // Never started (this worker is stopping, or the job was cancelled): back to the queue,
        // where a cancelled job's records are cancelled already.
        queue.release(leases[i], me);
      }
    }
  }
}

void Workers::run_pack(JobQueue& queue, const Lease& lease, const std::string& me) {
  // The record is the pack's spec as the route checked it; the edition is the job's, which is
  // what the token was allowed, whatever the spec says.
  Diagnostics diags;
  auto started = std::chrono::steady_clock::now();
  auto job = parse_pack_job(lease.data, diags, "pack");
  Outcome o;
  if (job) {
    job->edition = lease.edition == "public" ? PackEdition::Public : PackEdition::Full;
    job->format = OutputFormat::Pdf;
    job->allow_template_folders = false;
    // The limits of a record, for the pack as a whole: its pages, and a budget per document.
    job->max_pages = options_.max_pages;
    job->deadline_ms =
        options_.record_deadline_ms * static_cast<long long>(std::max<std::size_t>(1, job->documents.size()));
    CancelToken cancel;
    PackResult result = engine_.run_pack(*job, &cancel);
    o.ok = result.ok();  // before the diagnostics are moved out
    if (o.ok) o.bytes = std::move(result.bytes);
    diags = std::move(result.diagnostics);
  }
  if (!o.ok) {
    // Pointers are relative to the job as submitted, where the pack's documents are /documents/N.
    o.errors = errors_json(diags)["errors"].dump();
    o.codes = error_codes(diags);
  }
  o.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (queue.complete(lease, me, o))
    (o.ok ? rendered : failed)++;
  else
    ++lost;
}

}  // namespace quire::service
