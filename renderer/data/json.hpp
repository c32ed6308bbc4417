// Data in: JSON parsing with positions for errors, and JSON Schema validation
// (valijson) reporting every violation with its JSON pointer.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "quire/diagnostic.hpp"

namespace quire::data {

/// How deeply JSON (data and schemas) may nest: validation, the template's access to
/// the data and the tree's destruction recurse over it. Deeper text is "data.limit".
inline constexpr int kMaxJsonDepth = 100;

/// Parses `text`. Nesting deeper than kMaxJsonDepth is a Data diagnostic "data.limit"
/// at the bracket that goes too deep. On a syntax error adds a Data diagnostic "data.syntax" whose
/// SourcePos is `file` with the line and column of the error, and returns nullopt.
std::optional<nlohmann::json> parse_json(std::string_view text, const std::string& file, Diagnostics& diags);

/// A compiled JSON Schema (draft 7 subset supported by valijson), reusable across documents.
class Schema {
 public:
  /// Compiles `schema`; an invalid schema is a Template diagnostic "template.schema" against `file`.
  static std::unique_ptr<Schema> compile(const nlohmann::json& schema, const std::string& file, Diagnostics& diags);
  ~Schema();

  /// Validates `data`, adding one Data diagnostic "data.schema" per violation, each with
  /// `pointer` set to the JSON pointer of the offending value and `pos.file` = `data_file`.
  /// Returns true if valid.
  bool validate(const nlohmann::json& data, const std::string& data_file, Diagnostics& diags) const;

 private:
  struct Impl;
  explicit Schema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire::data
