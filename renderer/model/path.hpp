// Vector geometry shared by both writers: icons and chart marks are paths computed once
// here (or in layout) and drawn by the PDF content writer and as DrawingML in DOCX.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/color.hpp"

namespace quire::model {

/// One step of a path. Coordinates are in the path's own units, y growing downwards.
struct PathOp {
  enum class Kind { Move, Line, Cubic, Close } kind = Kind::Move;
  float x1 = 0, y1 = 0;  ///< Cubic: first control point; Move/Line: the point
  float x2 = 0, y2 = 0;  ///< Cubic: second control point
  float x = 0, y = 0;    ///< Cubic: end point
};

/// A figure of subpaths, filled (non-zero rule) and/or stroked.
struct Path {
  std::vector<PathOp> ops;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  float stroke_width = 1;
  bool round_joins = true;  ///< round joins and caps (icons, chart lines)

  Path& move(float x, float y);
  Path& line(float x, float y);
  Path& cubic(float x1, float y1, float x2, float y2, float x, float y);
  Path& close();
  /// A rectangle with corners of radius `r` (0 = square), as one closed subpath.
  Path& rounded_rect(float x, float y, float w, float h, float r);
  /// A circle (four cubic arcs).
  Path& circle(float cx, float cy, float r);
  /// An axis-aligned ellipse.
  Path& ellipse(float cx, float cy, float rx, float ry);
};

/// A drawing: paths in a box of `width` x `height` units.
struct Drawing {
  float width = 24, height = 24;
  std::vector<Path> paths;
};

/// The built-in icon `name` on a 24 x 24 grid, every path filled or stroked with
/// `color`; nullopt if there is no such icon.
std::optional<Drawing> icon_drawing(std::string_view name, const Color& color);
/// Names of the built-in icons, sorted.
const std::vector<std::string>& icon_names();

}  // namespace quire::model
