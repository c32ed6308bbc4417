// Helpers for the PDF writer tests: real fonts, HarfBuzz shaping into glyph runs,
// hand-built frames, a tiny PNG encoder, and running poppler/qpdf on the output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout/frame.hpp"
#include "text/font.hpp"

namespace quire::pdf::testing {

/// The default font stack, loaded once from /usr/share/fonts.
const text::FontLibrary& fonts();
/// The face the library picks for `c` (script as ISO 15924, e.g. "Arab").
const text::Face& face_for(char32_t c, std::string_view script, std::string_view lang, bool bold = false);

/// Shapes `text` with HarfBuzz into a glyph run at (x, y) (baseline, top-left origin).
/// Glyphs are in visual order; clusters carry their logical text.
layout::GlyphRun shape(const text::Face& face, std::string_view text, float size, float x, float y, bool rtl,
                       std::string_view lang);

/// Frames built by hand: a page, a structure tree and helpers to add items.
struct DocBuilder {
  layout::LaidOutDocument doc;
  DocBuilder();  ///< one A4 page, structure root "Document" (node 0)
  int node(layout::Role role, int parent = 0);
  void add(layout::ItemValue value, int tag, int page = 0);
  int add_page(float width = 595.276f, float height = 841.89f);
};

/// A small RGBA PNG (a gradient with an alpha ramp).
std::string make_png(unsigned width, unsigned height);

/// Output of an external tool.
struct ToolResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};
/// Runs a shell command line (arguments must already be quoted).
ToolResult run_tool(const std::string& command);

/// A temporary directory, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  /// Writes `bytes` to `name` inside the directory and returns the full path.
  std::string write(const std::string& name, const std::string& bytes) const;
  /// Writes `bytes` to the file at `path`.
  static void write_to(const std::string& path, const std::string& bytes);

 private:
  std::string path_;
};

}  // namespace quire::pdf::testing
