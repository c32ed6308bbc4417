// quire batch TEMPLATE RECORDS.jsonl -o DIR [--format pdf|docx] [--jobs N]
// One JSON object per line; each may carry its own "locale". A thin front end over
// Engine::run_batch: it reads the records, writes each finished document atomically
// as the engine hands it over, and prints the failed records and a summary.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"

namespace quire::cli {

namespace {

struct BatchOptions {
  std::string template_ref, records_path, out_dir, format = "pdf";
  unsigned jobs = 0;
  bool strict = false, bilingual = false, allow_missing_glyphs = false, no_embed_fonts = false;
  std::string theme = "default";
};

/// A progress bar on stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), enabled_(::isatty(STDERR_FILENO) != 0) {}
  void tick() {
    if (!enabled_) return;
    ++done_;
    const int width = 30;
    int filled = total_ ? static_cast<int>(done_ * width / total_) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), done_, total_);
    if (done_ == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  std::size_t total_, done_ = 0;
  bool enabled_;
};

std::size_t count_records(const std::string& text) {
  std::size_t n = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + start, end - start);
    if (row.find_first_not_of(" \t\r") != std::string_view::npos) ++n;
    start = end + 1;
  }
  return n;
}

int run_batch(const BatchOptions& o) {
  BatchJob job;
  job.template_ref = o.template_ref;
  job.allow_template_folders = true;  // the local user's own files
  job.records_name = o.records_path;
  job.format = o.format == "docx" ? OutputFormat::Docx : OutputFormat::Pdf;
  job.strict = o.strict;
  job.allow_missing_glyphs = o.allow_missing_glyphs;
  job.embed_fonts = !o.no_embed_fonts;
  job.bilingual = o.bilingual;
  job.theme = o.theme;
  job.jobs = o.jobs;
  std::string error;
  if (!read_input(o.records_path, job.records_jsonl, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) {
    std::cerr << "quire: error[output.write]: cannot create " << o.out_dir << ": " << ec.message() << '\n';
    return 1;
  }
  FsWorld world;
  Engine engine(world, default_config());
  warn_if_folder_shadowed(engine, o.template_ref);

  Progress progress(count_records(job.records_jsonl));
  auto started = std::chrono::steady_clock::now();
  // Called one record at a time: write the document, then drop its bytes. They are moved
  // out so that their buffer is freed here (clear() would keep its capacity in the item, and
  // the batch keeps every item to the end: the whole batch's documents in memory).
  auto write = [&](BatchItem& item) {
    if (item.result.ok()) {
      std::string bytes = std::move(item.result.bytes);
      item.result.bytes = std::string();
      std::string write_error;
      if (!write_atomically(o.out_dir + "/" + item.output_name, bytes, write_error))
        item.result.diagnostics.error(Origin::Internal, "output.write", write_error);
    }
    progress.tick();
  };
  BatchResult result = engine.run_batch(job, write);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  print_diagnostics(result.diagnostics);
  for (const auto& item : result.items) {
    if (item.status == RecordStatus::Rendered) continue;
    std::cerr << o.records_path << ":" << item.line
              << (item.status == RecordStatus::Failed ? ": record failed:\n" : ": record not rendered:\n");
    print_diagnostics(item.result.diagnostics);
  }
  if (!result.items.empty() || !result.diagnostics.has_errors()) {
    std::string not_rendered =
        result.not_rendered ? ", " + std::to_string(result.not_rendered) + " not rendered" : std::string();
    std::fprintf(stderr, "batch: %zu rendered, %zu failed%s, %zu records in %.2f s (%.0f documents/s, %u jobs)\n",
                 result.rendered, result.failed, not_rendered.c_str(), result.items.size(), seconds,
                 seconds > 0 ? static_cast<double>(result.rendered) / seconds : 0.0, result.jobs);
  }
  return result.exit_code();
}

}  // namespace

Command add_batch(CLI::App& app) {
  auto o = std::make_shared<BatchOptions>();
  auto* cmd = app.add_subcommand("batch", "Render one document per line of a JSON Lines file");
  cmd->add_option("template", o->template_ref,
                  "Built-in template name, or a template folder (a path, or ./NAME: a name with no slash is a "
                  "built-in template, else an existing folder of that name)")
      ->required();
  cmd->add_option("records", o->records_path, "JSON Lines file: one data object per line")->required();
  cmd->add_option("-o,--output", o->out_dir, "Output folder")->required();
  cmd->add_option("--format", o->format, "pdf or docx")->check(CLI::IsMember({"pdf", "docx"}));
  cmd->add_option("--jobs", o->jobs, "Worker threads (default: one per core)");
  cmd->add_flag("--strict", o->strict, "Refuse a record (exit 5) when a string would fall back to English");
  cmd->add_flag("--allow-missing-glyphs", o->allow_missing_glyphs,
                "Draw characters no installed font has as a replacement glyph, with a warning");
  cmd->add_flag("--no-embed-fonts", o->no_embed_fonts, "DOCX: name the fonts only, embed no subsets");
  cmd->add_flag("--bilingual", o->bilingual, "Each record's locale and English side by side");
  cmd->add_option("--theme", o->theme, "The council's theme (a folder under templates/themes)");
  return [o] { return run_batch(*o); };
}

}  // namespace quire::cli
