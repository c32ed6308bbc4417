// Page content streams: glyph runs as TJ arrays, rectangles, paths, images, and the
// marked-content sequences that tie them to the structure tree. Frames use a
// top-left origin with y growing down; PDF user space has y growing up.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "layout/frame.hpp"
#include "pdf/fonts.hpp"
#include "pdf/haru_adapter.hpp"
#include "pdf/images.hpp"

namespace quire::pdf {

/// Builds the operators of one page. Graphics and text state are tracked so that
/// colours, fonts, line widths and render modes are only written when they change.
class PageContent {
 public:
  PageContent(haru::Document& doc, haru::Page page, double page_height, const FontSet& fonts, ImageStore& images,
              Diagnostics& diags);

  /// Structure tagging done inside a glyph run's text object (see glyph_run).
  struct Tagging {
    std::string_view role;
    std::function<int()> next_mcid;  ///< a new MCID on this page for the run's node
  };

  /// True if some cluster of `run` needs ActualText.
  [[nodiscard]] bool needs_actual_text(const layout::GlyphRun& run) const;

  /// Draws `run` in one text object. Clusters that need ActualText are wrapped in
  /// `/Span <</ActualText ...>> BDC ... EMC`. Inside a structure sequence opened by the
  /// caller that span nests, which poppler's structure-text extraction mishandles (it
  /// ends the outer sequence at the span's EMC); so for such runs the caller passes
  /// `tagging` instead and the run tags its own pieces: `/<role> <</MCID n>> BDC` around
  /// plain glyphs and `/Span <</MCID m /ActualText ...>> BDC` around the others.
  void glyph_run(const layout::GlyphRun& run, const Tagging* tagging = nullptr);
  void rect(const layout::Rect& rect);
  void image(const layout::ImageBox& box);
  /// m/l/c/h operators, then f (fill), S (stroke) or B (both); y flipped.
  void path(const layout::PathItem& item);

  /// `/<role> <</MCID n>> BDC`; close with end_marked().
  void begin_tagged(std::string_view role, int mcid);
  /// `/Artifact BMC`; close with end_marked().
  void begin_artifact();
  void end_marked();

  /// Hands the operators to the page.
  void flush();

 private:
  struct Rgb {
    int r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
  };
  void set_fill(Rgb c);
  void set_stroke(Rgb c);
  void set_line_width(double w);
  void set_round(bool round);  ///< round caps and joins (1 J 1 j) or the defaults (0 J 0 j)
  void number(double v, int decimals = 2);
  void colour(Rgb c);
  double y(double top_down) const { return height_ - top_down; }

  haru::Document& doc_;
  haru::Page page_;
  double height_;
  const FontSet& fonts_;
  ImageStore& images_;
  Diagnostics& diags_;
  std::string out_;
  std::unordered_map<const PdfFont*, std::string> font_names_;

  // Current state (graphics state persists across BT/ET; these are its defaults).
  Rgb fill_, stroke_;
  double line_width_ = 1;
  bool round_ = false;
  const PdfFont* font_ = nullptr;
  double font_size_ = 0;
  int render_mode_ = 0;
  double rise_ = 0;
};

}  // namespace quire::pdf
