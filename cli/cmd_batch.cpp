// quire batch TEMPLATE RECORDS.jsonl -o DIR [--format pdf|docx] [--jobs N]
// One JSON object per line; each may carry its own "locale". A failed record is
// reported and the rest are still rendered; the exit code is non-zero if any failed.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <regex>
#include <thread>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"

namespace quire::cli {

namespace {

struct BatchOptions {
  std::string template_ref, records_path, out_dir, format = "pdf";
  unsigned jobs = 0;
  bool strict = false, bilingual = false;
};

struct Record {
  int line = 0;
  std::string json;
};

std::vector<Record> split_records(const std::string& text) {
  std::vector<Record> records;
  int line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + start, end - start);
    if (row.find_first_not_of(" \t\r") != std::string_view::npos) records.push_back({line, std::string(row)});
    ++line;
    start = end + 1;
  }
  return records;
}

/// The output file's base name: the record's "id" when it is a safe name, else its line number.
std::string output_name(const Record& r) {
  static const std::regex id_field(R"re("id"\s*:\s*"([A-Za-z0-9._-]{1,64})")re");
  std::smatch m;
  if (std::regex_search(r.json, m, id_field) && m[1].str().find("..") == std::string::npos) return m[1].str();
  char buf[32];
  std::snprintf(buf, sizeof buf, "record-%06d", r.line);
  return buf;
}

class Progress {
 public:
  explicit Progress(size_t total) : total_(total), enabled_(::isatty(STDERR_FILENO) != 0) {}
  void tick(size_t done) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    const int width = 30;
    int filled = total_ ? static_cast<int>(done * width / total_) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(width - filled), ' ').c_str(), done, total_);
    if (done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  size_t total_;
  bool enabled_;
  std::mutex mutex_;
};

int run_batch(const BatchOptions& o) {
  OutputFormat format = o.format == "docx" ? OutputFormat::Docx : OutputFormat::Pdf;
  std::string text, error;
  if (!read_input(o.records_path, text, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) {
    std::cerr << "quire: error[output.write]: cannot create " << o.out_dir << ": " << ec.message() << '\n';
    return 1;
  }
  auto records = split_records(text);
  FsWorld world;
  Engine engine(world, default_config());
  if (engine.startup_diagnostics().has_errors()) {
    print_diagnostics(engine.startup_diagnostics());
    return exit_code_for(engine.startup_diagnostics());
  }

  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(1, records.size())));
  std::atomic<size_t> next{0}, done{0};
  std::vector<RenderResult> failures(records.size());
  std::vector<char> failed(records.size(), 0);
  Progress progress(records.size());
  auto started = std::chrono::steady_clock::now();

  auto work = [&] {
    auto renderer = engine.renderer();
    for (size_t i = next++; i < records.size(); i = next++) {
      RenderJob job;
      job.template_ref = o.template_ref;
      job.data = records[i].json;
      job.data_name = o.records_path;
      job.data_first_line = records[i].line;
      job.format = format;
      job.strict = o.strict;
      job.bilingual = o.bilingual;
      auto result = renderer->render(job);
      std::string path = o.out_dir + "/" + output_name(records[i]) + (format == OutputFormat::Pdf ? ".pdf" : ".docx");
      std::string write_error;
      if (result.ok() && !write_atomically(path, result.bytes, write_error)) {
        result.diagnostics.error(Origin::Internal, "output.write", write_error);
        result.bytes.clear();
      }
      if (!result.ok()) {
        failed[i] = 1;
        failures[i] = std::move(result);
      }
      progress.tick(++done);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  size_t failed_count = 0;
  int first_exit = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!failed[i]) continue;
    ++failed_count;
    std::cerr << o.records_path << ":" << records[i].line << ": record failed:\n";
    print_diagnostics(failures[i].diagnostics);
    if (!first_exit) first_exit = failures[i].exit_code();
  }
  std::fprintf(stderr, "batch: %zu rendered, %zu failed, %zu records in %.2f s (%.0f documents/s, %u jobs)\n",
               records.size() - failed_count, failed_count, records.size(), seconds,
               seconds > 0 ? static_cast<double>(records.size() - failed_count) / seconds : 0.0, jobs);
  return failed_count ? (first_exit ? first_exit : 1) : 0;
}

}  // namespace

Command add_batch(CLI::App& app) {
  auto o = std::make_shared<BatchOptions>();
  auto* cmd = app.add_subcommand("batch", "Render one document per line of a JSON Lines file");
  cmd->add_option("template", o->template_ref, "Built-in template name or template folder")->required();
  cmd->add_option("records", o->records_path, "JSON Lines file: one data object per line")->required();
  cmd->add_option("-o,--output", o->out_dir, "Output folder")->required();
  cmd->add_option("--format", o->format, "pdf or docx")->check(CLI::IsMember({"pdf", "docx"}));
  cmd->add_option("--jobs", o->jobs, "Worker threads (default: one per core)");
  cmd->add_flag("--strict", o->strict, "Refuse a record (exit 5) when a string would fall back to English");
  cmd->add_flag("--bilingual", o->bilingual, "Each record's locale and English side by side");
  return [o] { return run_batch(*o); };
}

}  // namespace quire::cli
