// Diagnostics: every problem a stage finds, as a value. Stages collect as many
// as they can before giving up, so a user sees every problem at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire {

/// How bad a problem is. Errors stop the render; warnings are printed and rendering goes on.
enum class Severity { Warning, Error };

/// What kind of input a diagnostic is about; chooses the exit code (DESIGN.md section 5).
enum class Origin {
  Usage,     ///< command line or job options (exit 2)
  Data,      ///< the JSON data (exit 3)
  Template,  ///< a template or partial (exit 4)
  Locale,    ///< a locale catalogue (exit 4, like a template)
  Check,     ///< a content check (exit 5)
  Internal,  ///< a bug or an environment problem (exit 1)
  Limit,     ///< a job limit: deadline, page limit, cancellation (exit 6)
};

/// Where in a text file a problem is; line and column start at 1, column counts code points.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Turns byte offsets in a text file into 1-based line and column (columns count code
/// points), for parsers whose libraries report offsets (pugixml, nlohmann::json).
class LineIndex {
 public:
  LineIndex(std::string_view text, std::string file);
  [[nodiscard]] SourcePos at(std::size_t offset) const;

 private:
  std::string_view text_;
  std::string file_;
  std::vector<std::size_t> line_starts_;
};

/// One problem. `code` is stable and machine-readable ("template.unknown-filter").
/// For data problems `pointer` is a JSON pointer ("/child/first_name"), for template
/// problems `pos` is the file position.
struct Diagnostic {
  Severity severity = Severity::Error;
  Origin origin = Origin::Internal;
  std::string code;
  std::string message;
  SourcePos pos;
  std::string pointer;
  std::string hint;
  /// For a problem in a partial: where it is included, innermost first
  /// ("tpl/partials/a.xml:3:1, included from tpl/template.xml:20:5"); empty otherwise.
  std::string included_from;
};

/// An ordered collection of diagnostics, appended to by every stage.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(Origin origin, std::string code, std::string message, SourcePos pos = {}) {
    add({Severity::Error, origin, std::move(code), std::move(message), std::move(pos), {}, {}});
  }
  void warning(Origin origin, std::string code, std::string message, SourcePos pos = {}) {
    add({Severity::Warning, origin, std::move(code), std::move(message), std::move(pos), {}, {}});
  }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

/// Formats one diagnostic as `file:line:col: error[code]: message` (templates; a partial's
/// `file:line:col (included from file:line:col): ...`) or
/// `file#/pointer: error[code]: message` (data), with an indented hint line if any.
std::string format_diagnostic(const Diagnostic& d);

/// The exit code of one origin: usage 2, data 3, template and locale 4, checks 5, limits 6, internal 1.
int exit_code_of(Origin origin);

/// The exit code of the worst error in `diags` (0 when there is none), whatever their order.
/// "Worst" ranks errors by how far from the caller their fix lies, most severe first:
///   1 internal  (a bug or a broken installation: nothing renders, and the caller cannot fix it)
///   4 template  (and locale catalogues: every document from that template fails; its author must fix it)
///   3 data      (this record's data is wrong: whoever supplies the data must fix it)
///   2 usage     (the call itself: unknown template or locale, a bad job field; the caller fixes it)
///   5 checks    (a content check refused a document that would otherwise render, e.g. --strict)
///   6 limits    (the job was sound as far as it went but hit its deadline or page limit, or was cancelled)
int exit_code_for(const Diagnostics& diags);

/// The worse of two exit codes by the order of exit_code_for (0 = success is the least severe).
int worse_exit_code(int a, int b);

}  // namespace quire
