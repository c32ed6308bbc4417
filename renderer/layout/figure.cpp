// Figures: raster images (size from the PNG/JPEG header, never decoded here), icons
// (vector paths from the model's built-in set) and charts (axes, gridlines, bars, lines
// with markers, labels in the document's digits), each tagged Figure with alternative text.
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
    p.items.push_back(
        make_item(ImageBox{x, 0, w, h, std::make_shared<const std::string>(img.data)}, node, 0, h, false));
  }
  p.space_after = static_cast<float>(ctx.doc.typography.paragraph_space);
  if (!img.id.empty()) {
    p.marks.push_back({Mark::Kind::Start, img.id, 0, {}, 0});
    p.marks.push_back({Mark::Kind::End, img.id, p.height, {}, 0});
  }
  out.push_back(std::move(p));
}

int icon_tag(Context& ctx, const model::Icon& icon, int parent) {
  if (icon.decorative) return -1;
  int node = ctx.node(Role::Figure, parent, {}, icon.id);
  if (node >= 0) ctx.nodes[static_cast<size_t>(node)].alt = icon.alt;
  return node;
}

void draw_icon(Context& ctx, const model::Icon& icon, float x, float y, float size, int tag,
               std::vector<PItem>& items) {
  if (ctx.measure_only) {  // pagination needs the icon's place, not its paths (the fit's probes)
    const auto& names = model::icon_names();
    if (!std::binary_search(names.begin(), names.end(), icon.name))
      ctx.warn("layout.icon-unknown", "there is no icon '" + icon.name + "'; nothing is drawn", "icon:" + icon.name);
    return;
  }
  const model::Color color = icon.color ? *icon.color : ctx.doc.styles.color("primary");
  auto drawing = model::icon_drawing(icon.name, color);
  if (!drawing) {
    ctx.warn("layout.icon-unknown", "there is no icon '" + icon.name + "'; nothing is drawn", "icon:" + icon.name);
    return;
  }
  const float scale = size / std::max(drawing->width, drawing->height);
  for (auto& path : drawing->paths)
    items.push_back(make_item(PathItem{x, y, scale, std::move(path)}, tag, y, y + size, false));
}

void lay_out_icon(Context& ctx, const model::Icon& icon, const Box& box, std::vector<Piece>& out) {
  const float size =
      std::min(box.width, static_cast<float>(icon.size > 0 ? icon.size : 2 * ctx.doc.typography.body_size));
  Piece p;
  p.height = size;
  draw_icon(ctx, icon, box.dir == model::Direction::Rtl ? box.width - size : 0, 0, size,
            icon_tag(ctx, icon, box.parent), p.items);
  p.space_after = static_cast<float>(ctx.doc.typography.paragraph_space);
  if (!icon.id.empty()) {
    p.marks.push_back({Mark::Kind::Start, icon.id, 0, {}, 0});
    p.marks.push_back({Mark::Kind::End, icon.id, p.height, {}, 0});
  }
  out.push_back(std::move(p));
}

namespace {

// A step of 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
  if (!(raw > 0)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

// Decimals needed to write multiples of `step` (0.25 -> 2, 5 -> 0).
int decimals_of(double step) {
  int d = 0;
  while (d < 4 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6) ++d;
  return d;
}

// Inked extent of a piece's glyph runs: [left, right).
std::pair<float, float> extent(const Piece& p) {
  float lo = 1e9f, hi = -1e9f;
  for (const auto& it : p.items)
    if (const auto* g = std::get_if<GlyphRun>(&it.item.value)) {
      float w = 0;
      for (const auto& gl : g->glyphs) w += gl.x_advance;
      lo = std::min(lo, g->x);
      hi = std::max(hi, g->x + w);
    }
  return lo > hi ? std::pair{0.f, 0.f} : std::pair{lo, hi};
}

// Chart drawing state: one Figure node, the labels' box, the palette.
struct ChartPen {
  Context& ctx;
  Piece& p;
  Box lb;
  int node;

  // A one-line label whose ink starts at `x` (or ends there when `end`), top at `y`.
  // Returns its width and height.
  std::pair<float, float> label(const std::string& text, float size, float x, float y, bool end = false,
                                model::Color color = {}, bool bold = false, int tag = -2) {
    Box b = lb;
    b.width = 1000;
    Piece t = text_line(ctx, text, size, bold, b, tag == -2 ? node : tag, model::Align::Start, color);
    auto [lo, hi] = extent(t);
    const float w = hi - lo, h = t.height;
    merge_into(p, std::move(t), (end ? x - w : x) - lo, y);
    return {w, h};
  }
  float width_of(const std::string& text, float size) {
    Box b = lb;
    b.width = 1000;
    const bool was = ctx.artifact;
    ctx.artifact = true;  // measuring only: no structure nodes
    Piece t = text_line(ctx, text, size, false, b, -1, model::Align::Start);
    ctx.artifact = was;
    auto [lo, hi] = extent(t);
    return hi - lo;
  }
  void rect(float x, float y, float w, float h, model::Color fill, int tag) {
    p.items.push_back(make_item(Rect{x, y, w, h, fill, std::nullopt, 0}, tag, y, y + h, false));
  }
  void path(model::Path&& path, int tag, float top, float bottom) {
    p.items.push_back(make_item(PathItem{0, 0, 1, std::move(path)}, tag, top, bottom, false));
  }
};

}  // namespace

void lay_out_chart(Context& ctx, const model::Chart& chart, const Box& box, std::vector<Piece>& out) {
  int node = ctx.node(Role::Figure, box.parent, {}, chart.id);
  if (node >= 0) ctx.nodes[static_cast<size_t>(node)].alt = chart.alt.empty() ? chart.title : chart.alt;
  const auto& styles = ctx.doc.styles;
  const std::string& digits = ctx.doc.meta.digits;
  const bool rtl = box.dir == model::Direction::Rtl;
  const bool line_chart = chart.kind == model::Chart::Kind::Line;
  const model::Color text = styles.color("text"), muted = styles.color("muted"), grid = styles.color("grid");
  auto series_color = [&](size_t s) { return styles.color("series-" + std::to_string(s % 6 + 1)); };
  const float width = std::min(box.width, 480.f);
  const float x0 = rtl ? box.width - width : 0;  // the chart's left edge (start side)
  Piece p;
  ChartPen pen{ctx, p, box, node};
  float y = 0;

  // Title, then the legend (more than one series), then the axis title.
  if (!chart.title.empty()) {
    Box tb = box;
    tb.width = width;
    Piece title = text_line(ctx, chart.title, 10, true, tb, node, model::Align::Start, text);
    float h = title.height;
    merge_into(p, std::move(title), x0, 0);
    y += h + 4;
  }
  if (chart.series.size() > 1) {
    float x = 0, row_h = 0;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const float w = pen.width_of(chart.series[s].name, 8) + 18;
      if (x > 0 && x + w > width) {
        x = 0;
        y += row_h + 3;
      }
      const float at = rtl ? x0 + width - x - w : x0 + x;  // the entry's left edge
      const float key = rtl ? at + w - 12 : at;            // the key's left edge
      const model::Color c = series_color(s);
      auto [tw, th] = pen.label(chart.series[s].name, 8, rtl ? key - 4 : key + 16, y, rtl, text);
      (void)tw;
      row_h = std::max(row_h, th);
      const float mid = y + th / 2;
      if (line_chart) {
        model::Path l;
        l.stroke = c;
        l.stroke_width = 2;
        l.move(key, mid).line(key + 12, mid);
        pen.path(std::move(l), -1, mid - 1, mid + 1);
        model::Path m;
        m.fill = c;
        m.circle(key + 6, mid, 2.5f);
        pen.path(std::move(m), -1, mid - 3, mid + 3);
      } else {
        pen.rect(key + 1, mid - 4.5f, 9, 9, c, -1);
      }
      x += w + 12;
    }
    y += row_h + 6;
  }

  // The value range: the data (and zero for bars), widened to whole steps.
  double vmin = 0, vmax = 0;
  bool any = false;
  size_t ncat = chart.categories.size();
  for (const auto& s : chart.series) {
    ncat = std::max(ncat, s.values.size());
    for (double v : s.values) {
      if (!any && line_chart) vmin = vmax = v;
      any = true;
      vmin = std::min(vmin, v);
      vmax = std::max(vmax, v);
    }
  }
  if (!line_chart || !any) {
    vmin = std::min(vmin, 0.0);
    vmax = std::max(vmax, 0.0);
  }
  if (chart.y_min) vmin = *chart.y_min;
  if (chart.y_max) vmax = *chart.y_max;
  if (vmax <= vmin) vmax = vmin + 1;
  const double step = nice_step((vmax - vmin) / 5);
  const double lo = chart.y_min ? *chart.y_min : std::floor(vmin / step + 1e-9) * step;
  const double hi = chart.y_max ? *chart.y_max : std::ceil(vmax / step - 1e-9) * step;
  const int tick_decimals = decimals_of(step);
  auto tick_text = [&](double v) { return model::format_decimal(v, tick_decimals, digits) + chart.value_suffix; };
  auto value_text = [&](double v) { return model::format_decimal(v, 2, digits) + chart.value_suffix; };

  float label_w = 0;
  std::vector<double> ticks;
  for (double v = lo; v <= hi + step * 1e-6; v += step) {
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
    label_w = std::max(label_w, pen.width_of(tick_text(ticks.back()), 7.5f));
  }
  if (!chart.y_title.empty()) {
    pen.label(chart.y_title, 8, rtl ? x0 + width : x0, y, rtl, muted);
    y += 12;
  }
  const float plot_top = y + 6;
  const float plot_h = chart.height > 0 ? static_cast<float>(chart.height) : std::max(120.f, width / 3);
  const float axis_w = label_w + 6;
  const float plot_w = std::max(20.f, width - axis_w - 2);
  const float plot_left = rtl ? x0 + 2 : x0 + axis_w;
  const float plot_bottom = plot_top + plot_h;
  auto ypos = [&](double v) {
    return plot_top + static_cast<float>((hi - std::clamp(v, lo, hi)) / (hi - lo)) * plot_h;
  };

  // Gridlines and axis labels.
  for (double v : ticks) {
    const float gy = ypos(v);
    if (v != lo) pen.rect(plot_left, gy - 0.25f, plot_w, 0.5f, grid, -1);
    const float lx = rtl ? plot_left + plot_w + 5 : plot_left - 5;
    pen.label(tick_text(v), 7.5f, lx, gy - 5, !rtl, muted);
  }

  // Bars, grouped by category; or lines with round markers.
  const size_t ns = std::max<size_t>(1, chart.series.size());
  const float group = plot_w / static_cast<float>(std::max<size_t>(1, ncat));
  const float bar = std::min(group * 0.75f / static_cast<float>(ns), 48.f);
  auto slot_left = [&](size_t i) {  // categories run from the start side
    return rtl ? plot_left + plot_w - static_cast<float>(i + 1) * group : plot_left + static_cast<float>(i) * group;
  };
  const float zero = ypos(std::clamp(0.0, lo, hi));
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const model::Color c = series_color(s);
    if (line_chart) {
      model::Path line;
      line.stroke = c;
      line.stroke_width = 2;
      for (size_t i = 0; i < series.values.size(); ++i) {
        const float cx = slot_left(i) + group / 2, cy = ypos(series.values[i]);
        if (i == 0)
          line.move(cx, cy);
        else
          line.line(cx, cy);
      }
      if (series.values.size() > 1) pen.path(std::move(line), node, plot_top, plot_bottom);
      for (size_t i = 0; i < series.values.size(); ++i) {
        const float cx = slot_left(i) + group / 2, cy = ypos(series.values[i]);
        model::Path marker;
        marker.fill = c;
        marker.stroke = model::Color{0xff, 0xff, 0xff};
        marker.stroke_width = 1;
        marker.circle(cx, cy, 3.5f);
        pen.path(std::move(marker), node, cy - 4, cy + 4);
        if (chart.show_values) {
          const std::string t = value_text(series.values[i]);
          const float w = pen.width_of(t, 7.5f);
          pen.label(t, 7.5f, cx - w / 2, cy - 15, false, text);
        }
      }
    } else {
      const float inner = bar * static_cast<float>(ns);
      for (size_t i = 0; i < series.values.size(); ++i) {
        const double v = series.values[i];
        const size_t k = rtl ? ns - 1 - s : s;  // the first series on the start side
        const float x = slot_left(i) + (group - inner) / 2 + static_cast<float>(k) * bar;
        const float top = std::min(ypos(v), zero), bottom = std::max(ypos(v), zero);
        pen.rect(x + 0.5f, top, bar - 1, std::max(bottom - top, 0.5f), c, node);
        if (chart.show_values) {
          const std::string t = value_text(v);
          const float w = pen.width_of(t, 7.5f);
          pen.label(t, 7.5f, x + bar / 2 - w / 2, v < 0 ? bottom + 1 : top - 11, false, text);
        }
      }
    }
  }
  // The category axis (at zero when the range crosses it).
  pen.rect(plot_left, zero - 0.4f, plot_w, 0.8f, muted, -1);

  // Category labels under the plot, wrapped to their slot.
  float label_h = 0;
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    Box cb = box;
    cb.width = std::max(group - 4, 12.f);
    Piece t = text_line(ctx, chart.categories[i], 8, false, cb, node, model::Align::Center, text);
    label_h = std::max(label_h, t.height);
    merge_into(p, std::move(t), slot_left(i) + 2, plot_bottom + 4);
  }
  p.height = plot_bottom + 4 + label_h + 2;
  p.cuts.clear();  // a chart is never split
  p.space_after = static_cast<float>(ctx.doc.typography.paragraph_space) + 4;
  if (!chart.id.empty()) {
    p.marks.push_back({Mark::Kind::Start, chart.id, 0, {}, 0});
    p.marks.push_back({Mark::Kind::End, chart.id, p.height, {}, 0});
  }
  out.push_back(std::move(p));
}

}  // namespace quire::layout::detail
