// Engine::run_batch: one document per record, rendered by worker threads that share
// the Engine; each finished record goes to the caller's sink as soon as it is done.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "api/shared.hpp"
#include "data/json.hpp"

namespace quire {

namespace {

/// Non-blank lines of JSON Lines text, numbered from 1.
std::vector<BatchRecord> split_jsonl(const std::string& text) {
  std::vector<BatchRecord> records;
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + start, end - start);
    if (row.find_first_not_of(" \t\r") != std::string_view::npos) records.push_back({std::string(row), line});
    ++line;
    start = end + 1;
  }
  return records;
}

/// The record's top-level "id" when it is a safe file name, else empty.
std::string safe_id(const std::string& json) {
  auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return {};
  auto it = parsed.find("id");
  if (it == parsed.end() || !it->is_string()) return {};
  auto id = it->get<std::string>();
  if (id.empty() || id.size() > 64 || id.front() == '.' || id.find("..") != std::string::npos) return {};
  bool safe = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
  return safe ? id : std::string();
}

/// Output names for every record, decided before any rendering so they never depend on
/// thread timing: the record's "id" when safe and not taken by an earlier record, else
/// "record-<line>" (with a numeric suffix in the unlikely case that is taken too).
std::vector<std::string> output_names(const std::vector<BatchRecord>& records, const std::vector<int>& lines,
                                      const std::string& extension, Diagnostics& warnings) {
  std::vector<std::string> names;
  std::set<std::string> taken_folded;  // names in lower case: "Ann" and "ann" are one file on some file systems
  auto fold = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto taken = [&](const std::string& name) { return taken_folded.count(fold(name)) > 0; };
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string base = safe_id(records[i].data);
    if (!base.empty() && taken(base)) {
      warnings.warning(Origin::Data, "batch.duplicate-id",
                       "the record on line " + std::to_string(lines[i]) + " repeats the id '" + base +
                           "'; its document is named by its line instead");
      base.clear();
    }
    if (base.empty()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "record-%06d", lines[i]);
      base = buf;
      for (int n = 2; taken(base); ++n) base = std::string(buf) + "-" + std::to_string(n);
    }
    taken_folded.insert(fold(base));
    names.push_back(base + extension);
  }
  return names;
}

bool is_stop(const Diagnostics& diags) {
  return std::any_of(diags.items().begin(), diags.items().end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error && (d.code == "job.cancelled" || d.code == "job.deadline");
  });
}

}  // namespace

int BatchResult::exit_code() const {
  int worst = exit_code_for(diagnostics);
  for (const auto& item : items) worst = worse_exit_code(worst, item.exit_code());
  return worst;
}

BatchResult Engine::run_batch(const BatchJob& job, const BatchSink& sink, const CancelToken* cancel) const {
  const World& world = shared_->world;
  BatchResult out;
  Deadline deadline = job.deadline_ms
                          ? Deadline::after(std::chrono::milliseconds(*job.deadline_ms), world.monotonic_now())
                          : Deadline();
  StopCheck stop(&world, deadline, cancel);

  // Problems with the batch itself stop it before any record starts.
  out.diagnostics.append(shared_->startup);
  if (!job.records_jsonl.empty() && !job.records.empty())
    out.diagnostics.error(Origin::Usage, "usage.batch-records",
                          "a batch takes its records as JSON Lines text or as a list, not both");
  if (job.max_pages && *job.max_pages < 0)
    out.diagnostics.error(Origin::Usage, "usage.page-limit", "the page limit must be 0 or more");
  if (!out.diagnostics.has_errors())
    (void)shared_->find_template(job.template_ref, job.allow_template_folders, out.diagnostics);
  if (out.diagnostics.has_errors()) return out;

  std::vector<BatchRecord> records = job.records.empty() ? split_jsonl(job.records_jsonl) : job.records;
  std::vector<int> lines;
  for (std::size_t i = 0; i < records.size(); ++i)
    lines.push_back(records[i].line > 0 ? records[i].line : static_cast<int>(i) + 1);
  auto names = output_names(records, lines, job.format == OutputFormat::Pdf ? ".pdf" : ".docx", out.diagnostics);

  out.items.resize(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.items[i].index = i;
    out.items[i].line = lines[i];
    out.items[i].output_name = names[i];
  }

  std::atomic<std::size_t> next{0};
  std::mutex sink_mutex;
  auto work = [&] {
    std::unique_ptr<Renderer> renderer;
    for (std::size_t i = next++; i < records.size(); i = next++) {
      BatchItem& item = out.items[i];
      if (stop.stop_here(item.result.diagnostics, "before this record started")) {
        item.status = RecordStatus::NotRendered;
        continue;
      }
      RenderJob one;
      one.template_ref = job.template_ref;
      one.data = std::move(records[i].data);
      one.data_name = job.records_name;
      one.data_first_line = lines[i];
      one.locale = job.locale;
      one.format = job.format;
      one.strict = job.strict;
      one.allow_missing_glyphs = job.allow_missing_glyphs;
      one.embed_fonts = job.embed_fonts;
      one.bilingual = job.bilingual;
      one.theme = job.theme;
      one.deadline_ms = job.record_deadline_ms;
      one.max_pages = job.max_pages;
      one.allow_template_folders = job.allow_template_folders;
      try {
        if (!renderer) renderer = this->renderer();
        item.result = renderer->render(one, stop);
      } catch (const std::exception& e) {
        item.result = RenderResult();
        item.result.diagnostics.error(Origin::Internal, "internal.exception", e.what());
      }
      if (is_stop(item.result.diagnostics)) {
        item.status = RecordStatus::NotRendered;
        continue;
      }
      std::lock_guard lock(sink_mutex);
      if (sink) {
        try {
          sink(item);
        } catch (const std::exception& e) {
          item.result.diagnostics.error(Origin::Internal, "internal.exception", std::string("batch sink: ") + e.what());
        }
      }
      item.status = item.result.ok() ? RecordStatus::Rendered : RecordStatus::Failed;
      // Every item is kept to the end of the batch: when the record failed, or the sink
      // took or cleared its bytes, free the buffer too (clear() keeps the capacity, which
      // over a batch held every document in memory).
      if (!item.result.ok() || item.result.bytes.empty()) std::string().swap(item.result.bytes);
    }
  };

  unsigned jobs = job.jobs ? job.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, records.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // fewer threads than asked: the ones we have share the records
    }
  }
  work();
  for (auto& t : threads) t.join();
  out.jobs = static_cast<unsigned>(threads.size()) + 1;

  for (const auto& item : out.items) {
    if (item.status == RecordStatus::Rendered) ++out.rendered;
    if (item.status == RecordStatus::Failed) ++out.failed;
    if (item.status == RecordStatus::NotRendered) ++out.not_rendered;
  }
  return out;
}

}  // namespace quire
