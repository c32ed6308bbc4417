// Figures: raster images (size from the PNG/JPEG header, never decoded here) and simple
// bar charts drawn from rectangles and text, each tagged Figure with alternative text.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/context.hpp"

namespace quire::layout::detail {

bool image_size(const std::string& d, int& width, int& height) {
  auto byte = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(d[i])); };
  if (d.size() >= 24 && d.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 && d.compare(12, 4, "IHDR") == 0) {
    width = static_cast<int>((byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19));
    height = static_cast<int>((byte(20) << 24) | (byte(21) << 16) | (byte(22) << 8) | byte(23));
    return width > 0 && height > 0;
  }
  if (d.size() >= 4 && byte(0) == 0xFF && byte(1) == 0xD8) {
    // Walk the JPEG markers to the first start-of-frame (SOF0-SOF15, except DHT/JPG/DAC).
    size_t i = 2;
    while (i + 9 < d.size()) {
      if (byte(i) != 0xFF) return false;
      unsigned marker = byte(i + 1);
      if (marker == 0xFF) {
        ++i;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      size_t len = (byte(i + 2) << 8) | byte(i + 3);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        height = static_cast<int>((byte(i + 5) << 8) | byte(i + 6));
        width = static_cast<int>((byte(i + 7) << 8) | byte(i + 8));
        return width > 0 && height > 0;
      }
      if (len < 2) return false;
      i += 2 + len;
    }
  }
  return false;
}

void lay_out_image(Context& ctx, const model::Image& img, const Box& box, std::vector<Piece>& out) {
  int px = 0, py = 0;
  int node = img.decorative ? -1 : ctx.node(Role::Figure, box.parent, {}, img.id);
  if (node >= 0) ctx.nodes[static_cast<size_t>(node)].alt = img.alt;
  Piece p;
  if (!image_size(img.data, px, py)) {
    ctx.warn("layout.image-format",
             "image '" + img.source + "' is not a PNG or JPEG file; a framed placeholder is drawn", img.source);
    // A framed box with the alternative text, so nothing disappears silently.
    Box inner = box;
    inner.width = std::min(box.width, 240.f) - 12;
    Piece label = text_line(ctx, img.alt.empty() ? img.source : img.alt, 9, false, inner, node, model::Align::Start);
    p.height = label.height + 12;
    p.items.push_back(
        make_item(Rect{0, 0, inner.width + 12, p.height, std::nullopt, model::Color{0x50, 0x5a, 0x5f}, 0.5f}, -1, 0,
                  p.height, false));
    merge_into(p, std::move(label), 6, 6);
  } else {
    float w = img.width > 0 ? static_cast<float>(img.width) : static_cast<float>(px) * 72.f / 96.f;
    w = std::min(w, box.width);
    float h = w * static_cast<float>(py) / static_cast<float>(px);
    if (ctx.page_height > 0 && h > ctx.page_height) {
      ctx.warn("layout.image-scaled", "image '" + img.source + "' is taller than the page and was scaled down",
               img.source);
      w *= ctx.page_height / h;
      h = ctx.page_height;
    }
    float x = box.dir == model::Direction::Rtl ? box.width - w : 0;
    p.height = h;
    p.items.push_back(make_item(ImageBox{x, 0, w, h, std::make_shared<const std::string>(img.data)}, node, 0, h, false));
  }
  p.space_after = static_cast<float>(ctx.doc.typography.paragraph_space);
  if (!img.id.empty()) {
    p.marks.push_back({Mark::Kind::Start, img.id, 0, {}, 0});
    p.marks.push_back({Mark::Kind::End, img.id, p.height, {}, 0});
  }
  out.push_back(std::move(p));
}

namespace {

std::string format_value(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {  // 0.25, 2.5, 1.75: no trailing zeros
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
  if (raw <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

const model::Color kPalette[] = {{0x1d, 0x70, 0xb8}, {0xf4, 0x77, 0x38}, {0x00, 0x70, 0x3c},
                                 {0xd4, 0x35, 0x1c}, {0x4c, 0x2c, 0x92}, {0x50, 0x5a, 0x5f}};
const model::Color kAxis{0x0b, 0x0c, 0x0c};
const model::Color kGrid{0xdd, 0xdd, 0xdd};

}  // namespace

void lay_out_chart(Context& ctx, const model::Chart& chart, const Box& box, std::vector<Piece>& out) {
  int node = ctx.node(Role::Figure, box.parent, {}, chart.id);
  if (node >= 0) ctx.nodes[static_cast<size_t>(node)].alt = chart.alt.empty() ? chart.title : chart.alt;
  Box lb = box;
  lb.dir = model::Direction::Ltr;  // axes read left to right in every language here
  const float width = std::min(box.width, 440.f);
  Piece p;
  float y = 0;
  if (!chart.title.empty()) {
    lb.width = width;
    Piece title = text_line(ctx, chart.title, 10, true, lb, node, model::Align::Start);
    float h = title.height;
    merge_into(p, std::move(title), 0, 0);
    y += h + 4;
  }
  double vmin = 0, vmax = 0;
  size_t ncat = chart.categories.size();
  for (const auto& s : chart.series) {
    ncat = std::max(ncat, s.values.size());
    for (double v : s.values) {
      vmin = std::min(vmin, v);
      vmax = std::max(vmax, v);
    }
  }
  if (vmax == vmin) vmax = vmin + 1;
  const double step = nice_step((vmax - vmin) / 4);
  const double lo = std::floor(vmin / step) * step, hi = std::ceil(vmax / step) * step;
  const float plot_left = 40, plot_top = y + 6, plot_h = 160, plot_w = width - plot_left - 4;
  auto ypos = [&](double v) { return plot_top + static_cast<float>((hi - v) / (hi - lo)) * plot_h; };

  // grid lines and value labels
  for (double v = lo; v <= hi + step / 2; v += step) {
    float gy = ypos(v);
    p.items.push_back(make_item(Rect{plot_left, gy, plot_w, 0.5f, kGrid, std::nullopt, 0}, -1, gy, gy + 0.5f, false));
    lb.width = plot_left - 4;
    Piece label = text_line(ctx, format_value(v), 7.5f, false, lb, node, model::Align::End);
    float lh = label.height;
    merge_into(p, std::move(label), 0, gy - lh / 2);
  }
  // bars (or markers for line charts) with their values
  const size_t ns = std::max<size_t>(1, chart.series.size());
  const float group = ncat ? plot_w / static_cast<float>(ncat) : plot_w;
  const float bar = group * 0.7f / static_cast<float>(ns);
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const model::Color color = kPalette[s % (sizeof kPalette / sizeof kPalette[0])];
    for (size_t i = 0; i < series.values.size(); ++i) {
      double v = series.values[i];
      float x = plot_left + static_cast<float>(i) * group + group * 0.15f + static_cast<float>(s) * bar;
      float top = ypos(std::max(v, 0.0)), bottom = ypos(std::min(v, 0.0));
      if (chart.kind == model::Chart::Kind::Line) {
        float cy = ypos(v);
        p.items.push_back(make_item(Rect{x + bar / 2 - 2.5f, cy - 2.5f, 5, 5, color, std::nullopt, 0}, node, cy - 2.5f,
                                    cy + 2.5f, false));
        top = cy - 2.5f;
      } else {
        p.items.push_back(make_item(Rect{x, top, bar, std::max(bottom - top, 0.5f), color, std::nullopt, 0}, node, top,
                                    bottom, false));
      }
      lb.width = bar + 16;
      Piece label = text_line(ctx, format_value(v), 7.5f, false, lb, node, model::Align::Center);
      float lh = label.height;
      merge_into(p, std::move(label), x - 8, top - lh);
    }
  }
  // axes
  float zero = ypos(0);
  p.items.push_back(make_item(Rect{plot_left, plot_top, 0.75f, plot_h, kAxis, std::nullopt, 0}, -1, plot_top,
                              plot_top + plot_h, false));
  p.items.push_back(
      make_item(Rect{plot_left, zero, plot_w, 0.75f, kAxis, std::nullopt, 0}, -1, zero, zero + 0.75f, false));
  // category labels under the plot
  float below = plot_top + plot_h + 3, label_h = 0;
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    lb.width = group - 2;
    Piece label = text_line(ctx, chart.categories[i], 8, false, lb, node, model::Align::Center);
    label_h = std::max(label_h, label.height);
    merge_into(p, std::move(label), plot_left + static_cast<float>(i) * group + 1, below);
  }
  y = below + label_h + 4;
  // legend when there is more than one series (or a named one)
  if (chart.series.size() > 1 || (chart.series.size() == 1 && !chart.series[0].name.empty())) {
    float x = plot_left;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const model::Color color = kPalette[s % (sizeof kPalette / sizeof kPalette[0])];
      lb.width = 120;
      Piece name = text_line(ctx, chart.series[s].name, 8, false, lb, node, model::Align::Start);
      float w = 0;
      for (const auto& it : name.items)
        if (const auto* g = std::get_if<GlyphRun>(&it.item.value))
          for (const auto& gl : g->glyphs) w += gl.x_advance;
      if (x + 12 + w > width && x > plot_left) {
        x = plot_left;
        y += name.height + 2;
      }
      float nh = name.height;
      p.items.push_back(make_item(Rect{x, y + nh / 2 - 4, 8, 8, color, std::nullopt, 0}, -1, y, y + nh, false));
      merge_into(p, std::move(name), x + 11, y);
      x += 11 + w + 14;
      if (s + 1 == chart.series.size()) y += nh;
    }
  }
  p.height = y + 2;
  p.cuts.clear();  // a chart is never split
  p.space_after = static_cast<float>(ctx.doc.typography.paragraph_space) + 4;
  if (!chart.id.empty()) {
    p.marks.push_back({Mark::Kind::Start, chart.id, 0, {}, 0});
    p.marks.push_back({Mark::Kind::End, chart.id, p.height, {}, 0});
  }
  out.push_back(std::move(p));
}

}  // namespace quire::layout::detail
