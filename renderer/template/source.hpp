// Positions in template files. pugixml gives byte offsets of nodes and decoded
// text (entities expanded); diagnostics need line:column in the file as written,
// with columns counted in code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quire/diagnostic.hpp"

namespace quire::tmpl {

/// A compact position: index into Sources::files, line and column (1-based).
struct Pos {
  int file = 0;
  int line = 0;
  int col = 0;
  bool operator==(const Pos&) const = default;
};

/// One template or partial file as read through the World.
struct SourceFile {
  std::string path;
  std::string text;
  std::vector<size_t> line_starts;  // byte offset of each line
  std::string included_from;        // a partial: its first include, "file:line:col[, included from ...]"
  int times_included = 0;           // a partial: how many <include>s name it (compiled once per include)

  SourceFile(std::string path, std::string text);
  /// Line and column of byte `offset`.
  [[nodiscard]] std::pair<int, int> line_col(size_t offset) const;
};

/// Every file a template was built from; positions refer to them by index.
struct Sources {
  std::vector<SourceFile> files;
  [[nodiscard]] Pos pos(int file, size_t offset) const;
  [[nodiscard]] SourcePos source_pos(Pos p) const;
  /// Says where a problem in a partial is included (Diagnostic::included_from), when `d`
  /// is in one of these files and says nothing yet; problems found while rendering.
  void annotate(Diagnostic& d) const;
};

/// Maps indices in a decoded text (as pugixml returns it) back to byte offsets in the raw
/// file, undoing entity expansion (&amp; -> &) and CR LF folding.
class TextMap {
 public:
  TextMap() = default;
  /// `raw_start` is where the text starts in the file; `entities` is false for CDATA.
  TextMap(const Sources& sources, int file, size_t raw_start, std::string_view decoded, bool entities);
  /// Position of decoded byte `index` (index == size() is the end of the text).
  [[nodiscard]] Pos at(size_t index) const;

 private:
  const Sources* sources_ = nullptr;
  int file_ = 0;
  std::vector<uint32_t> raw_;  // raw offset of each decoded byte, plus one for the end
};

/// Where an attribute's name and value start in the file.
struct AttributeOffsets {
  std::string name;
  size_t name_at = 0;
  size_t value_at = 0;
};
/// The attributes of the start tag whose element name starts at `name_offset`
/// (pugixml's offset_debug() of an element), in document order.
std::vector<AttributeOffsets> attribute_offsets(std::string_view text, size_t name_offset);

/// ", and 2 other places" (a partial included elsewhere too), for Diagnostic::included_from.
std::string other_places(int n);

/// A start tag that is not closed where pugixml found the tags mismatched: which element,
/// where it opens, and the end tag (or the file's end) it runs into.
struct Mismatch {
  std::string message;  // "<strong> opened at 12:5 is not closed before </p> at 14:3"
  std::string hint;
  size_t at = 0;  // byte offset to report it at: the end tag, or the unclosed start tag at the end
};
/// Scans `file` from its start, pairing start and end tags (comments, CDATA, processing
/// instructions and quoted attribute values skipped), up to the first tag that breaks the
/// nesting. Linear in the file's size. nullopt when the tags nest well (pugixml saw
/// something else).
std::optional<Mismatch> find_mismatch(const SourceFile& file);

}  // namespace quire::tmpl
