// The job API: the one entry point the CLI and the service share.
// An Engine holds what is loaded once per process (fonts, parsed templates,
// catalogues); a Renderer is one worker's view of it (per-thread caches).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quire/check.hpp"
#include "quire/diagnostic.hpp"
#include "quire/limits.hpp"
#include "quire/world.hpp"

namespace quire {

enum class OutputFormat { Pdf, Docx };

/// Where the Engine finds its data. Paths are given to the World as they are.
struct EngineConfig {
  std::string templates_dir;  ///< built-in templates (templates/)
  std::string locales_dir;    ///< catalogues (locales/)
  std::string font_root = "/usr/share/fonts";
  std::string hyphenation_dir = "/usr/share/hyphen";
  /// More folders of templates (a council's own, as the service's `--templates DIR` will give):
  /// a template name that is not under templates_dir is looked for in each, in order. Every
  /// template folder, wherever it is, may bring its own catalogues (locales/<tag>/messages.xlf
  /// inside it), laid over the shared ones when it renders.
  std::vector<std::string> template_roots;
};

/// One document to render.
struct RenderJob {
  /// A template name ("pledge": a folder under templates_dir or a template root), or the path of a
  /// template folder if allowed. With folders allowed, a plain name that is no template's name
  /// but an existing folder is that folder.
  std::string template_ref;
  std::string data;         ///< the JSON data, as text
  std::string data_name;    ///< file name shown in diagnostics ("x.json")
  int data_first_line = 1;  ///< line of `data` within data_name (batch files: the record's line)
  std::string locale;       ///< BCP 47; empty = the data's "locale" field, else en-GB
  OutputFormat format = OutputFormat::Pdf;
  /// Refuse (exit 5) instead of falling back to English, and when the template's content
  /// checks (checks.yaml, quire/check.hpp) find an error; without it those are warnings.
  bool strict = false;
  bool bilingual = false;  ///< the locale and English side by side (no effect for en-GB)
  /// The council's theme: a folder under templates/themes (colours, logo, contacts);
  /// the data's own "theme" object may override its fields (not the logo).
  std::string theme = "default";
  /// A character no installed font covers is an error (`text.no-font`, exit 3 for data) unless
  /// this is set: then it is a warning and a replacement glyph is drawn.
  bool allow_missing_glyphs = false;
  /// DOCX only: embed subsets of the fonts used (obfuscated, as Word does), so a PC without
  /// the Noto fonts shows them; off, the file names its fonts only (docs/FONTS.md).
  bool embed_fonts = true;
  /// Time budget from the start of the render; past it the render stops at the next stage
  /// boundary, or inside layout or a writer at its next poll (per block, line or page), with
  /// `job.deadline` (exit 6) naming the stage, and no bytes. 0 = already expired; none = no limit.
  std::optional<long long> deadline_ms;
  /// Most pages a PDF may have; more is `job.page-limit` (exit 6) and no bytes. DOCX has no
  /// page count of its own (Word lays out its pages), so the limit does not apply to it.
  std::optional<int> max_pages;
  /// A template_ref that is not a built-in name (a folder path) is refused (`usage.template-folder`,
  /// exit 2) unless this is set. The CLI sets it (the user's own files); the service does not.
  /// Never read from or written to a job's JSON form.
  bool allow_template_folders = false;
  /// A message id printed in the "translation-preview" character style, so a translator
  /// sees one string in its place (`quire locales preview`). Not part of a job's JSON form.
  std::string highlight_message;
};

/// The outcome of a job: the document bytes (empty on failure) and every diagnostic.
/// Renderer::render keeps bytes empty exactly when there is an error.
struct RenderResult {
  std::string bytes;
  Diagnostics diagnostics;
  std::string locale;                     ///< the locale actually used
  std::vector<std::string> untranslated;  ///< message ids that fell back to English
  int pages = 0;                          ///< PDF page count (0 for DOCX)
  /// No errors (a caller may have moved the bytes out since).
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
  /// 0, or the exit code of the worst error (exit_code_for).
  [[nodiscard]] int exit_code() const { return exit_code_for(diagnostics); }
};

/// One record of a batch: its JSON data and where it came from.
struct BatchRecord {
  std::string data;  ///< one JSON value (an object for the built-in templates)
  int line = 0;      ///< its line in the records file (1-based); 0 = its position in the list
};

/// Many documents from one template, one per record, rendered by `jobs` worker threads.
struct BatchJob {
  std::string template_ref;  ///< as RenderJob::template_ref
  /// The records: either JSON Lines text (one record per non-blank line, numbered by line)...
  std::string records_jsonl;
  /// ...or the records themselves. Giving both is a usage error.
  std::vector<BatchRecord> records;
  std::string records_name;  ///< file name shown in diagnostics ("children.jsonl")
  std::string locale;        ///< for every record; empty = each record's "locale", else en-GB
  OutputFormat format = OutputFormat::Pdf;
  bool strict = false;
  bool allow_missing_glyphs = false;  ///< as RenderJob::allow_missing_glyphs, for every record
  bool embed_fonts = true;            ///< as RenderJob::embed_fonts, for every record
  bool bilingual = false;
  std::string theme = "default";  ///< as RenderJob
  unsigned jobs = 0;              ///< worker threads; 0 = one per core; never more than there are records
  /// Budget for the whole batch from its start: records not started by then are not rendered
  /// and a record in progress stops at its next stage boundary or poll (`job.deadline`).
  std::optional<long long> deadline_ms;
  std::optional<long long> record_deadline_ms;  ///< budget of each record (RenderJob::deadline_ms)
  std::optional<int> max_pages;                 ///< per document (RenderJob::max_pages)
  bool allow_template_folders = false;          ///< as RenderJob; never from JSON
};

/// What became of one record.
enum class RecordStatus {
  Rendered,     ///< the document was made
  Failed,       ///< its diagnostics say why (data, template, locale, checks, page limit...)
  NotRendered,  ///< stopped by cancellation or the deadline (before it started or between stages)
};

/// One record's outcome, in record order in BatchResult and as delivered to the sink.
struct BatchItem {
  std::size_t index = 0;    ///< position among the records (0-based)
  int line = 0;             ///< line in the records file (or position + 1)
  std::string output_name;  ///< file name for its document: the record's "id" if safe, else "record-<line>"
  RecordStatus status = RecordStatus::NotRendered;
  RenderResult result;  ///< bytes when rendered (unless the sink moved them out), diagnostics
  [[nodiscard]] int exit_code() const {
    if (status == RecordStatus::Rendered) return 0;
    int code = result.exit_code();
    return code ? code : 1;
  }
};

/// A batch's outcome: every record in order, the batch's own diagnostics, and totals.
struct BatchResult {
  std::vector<BatchItem> items;
  Diagnostics diagnostics;  ///< problems with the batch itself (bad job, missing fonts)
  std::size_t rendered = 0, failed = 0, not_rendered = 0;
  unsigned jobs = 0;  ///< worker threads that ran
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors() && failed == 0 && not_rendered == 0; }
  /// The worst exit code of the batch and of its records (exit_code_for's order), 0 when ok.
  [[nodiscard]] int exit_code() const;
};

/// Receives each record as soon as it is finished (Rendered or Failed; records that were
/// never rendered are only in the BatchResult). Calls are one at a time, in completion
/// order, from worker threads. The sink may move `item.result.bytes` out (to write or store
/// them), and may add an error to `item.result.diagnostics` (say, the output could not be
/// written): the record then counts as Failed.
using BatchSink = std::function<void(BatchItem& item)>;

/// Which documents of a pack are in it: all (`Full`), or those not exempt from publication
/// (`Public`: a confidential document is left out whole, with a fixed notice in its place).
enum class PackEdition { Full, Public };

/// The most documents one pack may hold; more is `job.too-many-documents` (exit 6).
inline constexpr std::size_t kMaxPackDocuments = 200;

/// One document of a pack: rendered through the same template path as a RenderJob.
struct PackDocument {
  std::string template_ref;  ///< as RenderJob::template_ref
  std::string data;          ///< the JSON data, as text
  std::string data_name;     ///< file name shown in diagnostics; empty = the pack's name
  std::string locale;        ///< as RenderJob::locale
  /// The edition of this document's own template: "full" (or empty) is the only one any
  /// template has; anything else is `usage.edition-unavailable`.
  std::string edition;
  std::string title;          ///< its outline entry in the pack (empty = the document's own title)
  bool confidential = false;  ///< exempt from publication (a Part 2 item): never in a Public pack
};

/// Several documents laid out one after another as one PDF (a committee's agenda pack):
/// page numbers run on, one outline (a top entry per document), one structure tree, ids
/// shared so a reference from one document to another resolves. PDF only: a DOCX pack is
/// `usage.pack-format`. Limits (deadline, page limit, cancellation) apply to the whole pack.
struct PackJob {
  std::vector<PackDocument> documents;  ///< in order; at most kMaxPackDocuments
  PackEdition edition = PackEdition::Full;
  OutputFormat format = OutputFormat::Pdf;
  std::string name = "pack";             ///< file name shown in diagnostics of inline data ("pack.json")
  std::string title;                     ///< the PDF's title; empty = the first document's
  bool strict = false;                   ///< as RenderJob, for every document
  bool allow_missing_glyphs = false;     ///< as RenderJob, for every document
  std::string theme = "default";         ///< as RenderJob, for every document
  std::optional<long long> deadline_ms;  ///< budget of the whole pack
  std::optional<int> max_pages;          ///< pages of the whole pack
  bool allow_template_folders = false;   ///< as RenderJob; never from JSON
};

/// What became of one document of a pack.
struct PackPart {
  std::size_t index = 0;  ///< position in PackJob::documents
  bool withheld = false;  ///< left out of a Public pack (confidential)
  std::string locale;     ///< the locale used (empty when withheld or failed)
};

/// A pack's outcome: the PDF (empty when any document or the pack has an error) and every
/// diagnostic, each document's pointed into it (`/documents/N/...`).
struct PackResult {
  std::string bytes;
  Diagnostics diagnostics;
  int pages = 0;
  std::vector<PackPart> parts;  ///< one per document, in order
  std::size_t included = 0, withheld = 0;
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
  [[nodiscard]] int exit_code() const { return exit_code_for(diagnostics); }
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

  /// Renders every record of `job` with job.jobs worker threads. Never throws. A bad record
  /// is reported in its item (with its line) and the others still render. `sink` (optional)
  /// gets each finished record; without one, the bytes stay in the result. Setting `cancel`
  /// stops new records from starting (they are NotRendered with `job.cancelled`).
  BatchResult run_batch(const BatchJob& job, const BatchSink& sink = {}, const CancelToken* cancel = nullptr) const;

  /// Renders a pack on a Renderer of its own (PackJob). Never throws. Thread-safe.
  PackResult run_pack(const PackJob& job, const CancelToken* cancel = nullptr) const;

  /// Checks one plan record against its template's rules (checks.yaml; docs/CHECKS.md).
  /// Never throws; a template without rules is `usage.no-checks`. Thread-safe.
  [[nodiscard]] CheckResult check(const CheckJob& job) const;

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
  /// `cancel` (optional) is polled at every stage boundary and inside layout and the writers,
  /// as is the job's deadline.
  RenderResult render(const RenderJob& job, const CancelToken* cancel = nullptr);
  /// As render, with the stop check given (a batch passes its own deadline and token).
  RenderResult render(const RenderJob& job, const StopCheck& stop);
  /// Renders a pack: each document through the same path as render(), then all laid out
  /// as one (layout::lay_out_all) and written as one PDF. Never throws.
  PackResult render_pack(const PackJob& job, const CancelToken* cancel = nullptr);
  /// The text dump of `stage` for the job (empty with diagnostics on failure).
  std::string dump(const RenderJob& job, Stage stage, Diagnostics& diags);

 private:
  RenderResult render_unguarded(const RenderJob& job, const StopCheck& stop);
  PackResult render_pack_unguarded(const PackJob& job, const StopCheck& stop);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire
