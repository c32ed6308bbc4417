// The job API: the one entry point the CLI and the service share.
// An Engine holds what is loaded once per process (fonts, parsed templates,
// catalogues); a Renderer is one worker's view of it (per-thread caches).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

namespace quire {

enum class OutputFormat { Pdf, Docx };

/// Where the Engine finds its data. Paths are given to the World as they are.
struct EngineConfig {
  std::string templates_dir;  ///< built-in templates (templates/)
  std::string locales_dir;    ///< catalogues (locales/)
  std::string font_root = "/usr/share/fonts";
  std::string hyphenation_dir = "/usr/share/hyphen";
};

/// One document to render.
struct RenderJob {
  std::string template_ref;  ///< built-in name ("pledge") or a path to a template folder
  std::string data;          ///< the JSON data, as text
  std::string data_name;     ///< file name shown in diagnostics ("x.json")
  int data_first_line = 1;   ///< line of `data` within data_name (batch files: the record's line)
  std::string locale;        ///< BCP 47; empty = the data's "locale" field, else en-GB
  OutputFormat format = OutputFormat::Pdf;
  bool strict = false;     ///< refuse (exit 5) instead of falling back to English
  bool bilingual = false;  ///< the locale and English side by side (no effect for en-GB)
};

/// The outcome of a job: the document bytes (empty on failure) and every diagnostic.
struct RenderResult {
  std::string bytes;
  Diagnostics diagnostics;
  std::string locale;                     ///< the locale actually used
  std::vector<std::string> untranslated;  ///< message ids that fell back to English
  int pages = 0;                          ///< PDF page count (0 for DOCX)
  [[nodiscard]] bool ok() const { return !bytes.empty() && !diagnostics.has_errors(); }
  [[nodiscard]] int exit_code() const {
    return ok() ? 0 : (exit_code_for(diagnostics) ? exit_code_for(diagnostics) : 1);
  }
};

/// Text dumps of intermediate stages, for tests and bug reports.
enum class Stage { Model, Layout };

class Renderer;

/// Process-wide, read-only after construction; share one between threads.
class Engine {
 public:
  /// Loads the font stack once. Problems (missing fonts) are in startup_diagnostics().
  Engine(const World& world, EngineConfig config);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] const Diagnostics& startup_diagnostics() const;
  /// Names of the built-in templates (folders under templates_dir with a template.xml).
  [[nodiscard]] std::vector<std::string> templates() const;
  /// Locale tags with a catalogue folder.
  [[nodiscard]] std::vector<std::string> locales() const;

  /// A worker with its own caches. Create one per thread.
  [[nodiscard]] std::unique_ptr<Renderer> renderer() const;

  struct Shared;

 private:
  std::unique_ptr<Shared> shared_;
};

/// One worker. Not thread-safe; cheap to keep and reuse for many jobs.
class Renderer {
 public:
  explicit Renderer(const Engine::Shared& shared);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// Renders one document. Never throws; everything that went wrong is in the result.
  RenderResult render(const RenderJob& job);
  /// The text dump of `stage` for the job (empty with diagnostics on failure).
  std::string dump(const RenderJob& job, Stage stage, Diagnostics& diags);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire
