// Path builders (icons and charts draw with these; both writers emit the result).
#include "model/path.hpp"

#include <algorithm>

namespace quire::model {

Path& Path::move(float x, float y) {
  ops.push_back({PathOp::Kind::Move, x, y});
  return *this;
}
Path& Path::line(float x, float y) {
  ops.push_back({PathOp::Kind::Line, x, y});
  return *this;
}
Path& Path::cubic(float x1, float y1, float x2, float y2, float x, float y) {
  ops.push_back({PathOp::Kind::Cubic, x1, y1, x2, y2, x, y});
  return *this;
}
Path& Path::close() {
  ops.push_back({PathOp::Kind::Close});
  return *this;
}

// Kappa: control-point distance for a quarter circle drawn as one cubic.
constexpr float kKappa = 0.5522847f;

Path& Path::rounded_rect(float x, float y, float w, float h, float r) {
  r = std::clamp(r, 0.0f, std::min(w, h) / 2);
  if (r <= 0) return move(x, y).line(x + w, y).line(x + w, y + h).line(x, y + h).close();
  const float k = r * kKappa;
  move(x + r, y).line(x + w - r, y);
  cubic(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
  line(x + w, y + h - r);
  cubic(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
  line(x + r, y + h);
  cubic(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
  line(x, y + r);
  cubic(x, y + r - k, x + r - k, y, x + r, y);
  return close();
}

Path& Path::ellipse(float cx, float cy, float rx, float ry) {
  const float kx = rx * kKappa, ky = ry * kKappa;
  move(cx + rx, cy);
  cubic(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
  cubic(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
  cubic(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
  cubic(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
  return close();
}

Path& Path::circle(float cx, float cy, float r) {
  return ellipse(cx, cy, r, r);
}

}  // namespace quire::model
