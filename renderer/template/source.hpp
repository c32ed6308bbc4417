// Positions in template files. pugixml gives byte offsets of nodes and decoded
// text (entities expanded); diagnostics need line:column in the file as written,
// with columns counted in code points.
#pragma once

#include <cstdint>
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

  SourceFile(std::string path, std::string text);
  /// Line and column of byte `offset`.
  [[nodiscard]] std::pair<int, int> line_col(size_t offset) const;
};

/// Every file a template was built from; positions refer to them by index.
struct Sources {
  std::vector<SourceFile> files;
  [[nodiscard]] Pos pos(int file, size_t offset) const;
  [[nodiscard]] SourcePos source_pos(Pos p) const;
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

}  // namespace quire::tmpl
