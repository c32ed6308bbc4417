// The check job: the content checks of a plan record against a template's rules
// (templates/<name>/checks.yaml, docs/CHECKS.md), run by `quire check` and the service
// alike through Engine::check. `render` runs the same checks before it renders a
// template that has rules: their findings are warnings, and with `strict` their errors
// refuse the render (exit 5, no bytes).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quire/diagnostic.hpp"

namespace quire {

/// One record to check.
struct CheckJob {
  std::string template_ref;  ///< built-in name ("care-plan"), or a template folder path if allowed
  std::string data;          ///< the record, as JSON text
  std::string data_name;     ///< file name shown in diagnostics ("plan.json")
  int data_first_line = 1;   ///< line of `data` within data_name
  /// The locale whose jargon list is used besides English's; empty = the record's
  /// "locale", else en-GB.
  std::string locale;
  /// As RenderJob::allow_template_folders; never read from a job's JSON form.
  bool allow_template_folders = false;
};

/// The Flesch reading ease of one area's English text, in a child's edition.
struct AreaReadingEase {
  std::string pointer;  ///< "/areas/2"
  std::string area;     ///< its id
  double score = 0;
  int words = 0;
};

/// The findings: every diagnostic (Check findings "plan.*" with JSON pointers; Data errors
/// for a bad record; Usage or Template errors for a bad job or rules file), and the scores.
struct CheckResult {
  Diagnostics diagnostics;
  std::vector<AreaReadingEase> reading_ease;
  /// No errors (warnings allowed).
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
  /// 0; 5 when a finding is an error; 3 for a bad record, 2 for a bad job, 4 for bad rules.
  [[nodiscard]] int exit_code() const { return exit_code_for(diagnostics); }
};

/// The JSON form of a result:
/// {"findings": [{"code", "severity", "pointer", "message", "hint"}], "reading_ease":
/// [{"pointer", "area", "score", "words"}]}; a finding from a syntax error also has "line", "col".
nlohmann::json findings_json(const CheckResult& result);

/// A check job from JSON text: {"template", "data" (any JSON value) | "data_text", "data_name",
/// "locale"}; bad fields are `usage.job-*` diagnostics with their pointers.
std::optional<CheckJob> parse_check_job(std::string_view text, Diagnostics& diags, const std::string& name = "job");

}  // namespace quire
