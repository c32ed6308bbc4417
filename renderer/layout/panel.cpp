// Boxes (model::Panel): blocks inside a background, a border and an accent bar on the
// start side, with an optional icon column (a card). A box that fits on a page is one
// piece with rounded corners, moved whole to the next page when it does not fit where
// it is; a taller box, or one that may split, is drawn with square frames that are
// clipped at the page break, so the border continues on the next page.
#include <algorithm>
#include <span>

#include "layout/context.hpp"

namespace quire::layout::detail {
namespace {

struct Geometry {
  float pad = 0, accent = 0, border = 0, radius = 0, icon = 0, icon_gap = 0;
  std::optional<model::Color> fill, stroke, bar;
};

Geometry geometry(const Context& ctx, const model::Panel& panel) {
  const model::StyleSheet& sheet = ctx.doc.styles;
  const model::BoxStyle& bs = sheet.box(panel.style);
  const float body = static_cast<float>(ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11);
  Geometry g;
  g.pad = static_cast<float>(bs.padding) * body;
  g.radius = static_cast<float>(bs.radius);
  if (!bs.fill.empty()) g.fill = sheet.color(bs.fill);
  if (!bs.border.empty()) {
    g.stroke = sheet.color(bs.border);
    g.border = static_cast<float>(bs.border_width);
  }
  if (panel.accent || !bs.accent.empty()) {
    g.bar = panel.accent ? *panel.accent : sheet.color(bs.accent);
    g.accent = static_cast<float>(bs.accent_width);
  }
  if (panel.icon) {
    g.icon = panel.icon->size > 0 ? static_cast<float>(panel.icon->size) : static_cast<float>(bs.icon_size) * body;
    g.icon_gap = static_cast<float>(bs.icon_gap) * body;
  }
  return g;
}

// The frame of a box `w` x `h` whose start side is at x = 0 (LTR) or x = w (RTL), drawn
// once (rounded) when the box never splits.
void rounded_frame(const Geometry& g, float w, float h, bool rtl, std::vector<PItem>& items) {
  if (g.bar) {  // the accent: the whole shape in the bar's colour, the body inset over it
    model::Path bar;
    bar.fill = g.bar;
    bar.rounded_rect(0, 0, w, h, g.radius);
    items.push_back(make_item(PathItem{0, 0, 1, std::move(bar)}, -1, 0, h));
  }
  model::Path body;
  body.fill = g.fill ? g.fill : (g.bar ? std::optional(model::Color{0xff, 0xff, 0xff}) : std::nullopt);
  const float inset = g.bar ? g.accent : 0;
  const float x = rtl ? 0 : inset;
  const float r = g.bar ? std::max(0.f, g.radius - inset / 2) : g.radius;
  if (body.fill || (!g.bar && g.stroke)) {
    if (!g.bar) {
      body.stroke = g.stroke;
      body.stroke_width = g.border;
    }
    body.rounded_rect(x, 0, w - inset, h, r);
    items.push_back(make_item(PathItem{0, 0, 1, std::move(body)}, -1, 0, h));
  }
  if (g.bar && g.stroke) {  // the border round the whole shape, bar included
    model::Path outline;
    outline.stroke = g.stroke;
    outline.stroke_width = g.border;
    outline.rounded_rect(0, 0, w, h, g.radius);
    items.push_back(make_item(PathItem{0, 0, 1, std::move(outline)}, -1, 0, h));
  }
}

// Square frames that stretch with the piece and are clipped at a split.
void split_frame(const Geometry& g, float w, float h, bool rtl, std::vector<PItem>& items) {
  items.push_back(make_item(Rect{0, 0, w, h, g.fill, g.stroke, g.border}, -1, 0, h, true));
  if (g.bar)
    items.push_back(make_item(Rect{rtl ? w - g.accent : 0, 0, g.accent, h, g.bar, std::nullopt, 0}, -1, 0, h, true));
}

}  // namespace

void lay_out_panel(Context& ctx, const model::Panel& panel, const Box& box, std::vector<Piece>& out) {
  const Geometry g = geometry(ctx, panel);
  const bool rtl = box.dir == model::Direction::Rtl;
  const int node = ctx.node(Role::Sect, box.parent, {}, panel.id);
  const float icon_col = g.icon > 0 ? g.icon + g.icon_gap : 0;
  // icon-placement="title": the icon starts the first block's first line (its title), which
  // is set beside it; the blocks after it take the box's full width.
  const bool on_title = g.icon > 0 && !panel.blocks.empty() &&
                        ctx.doc.styles.box(panel.style).icon_placement == model::IconPlacement::Title;
  Box inner = box;
  inner.parent = node < 0 ? box.parent : node;
  const float full = std::max(1.f, box.width - 2 * g.pad - g.accent);
  inner.width = std::max(1.f, full - icon_col);

  // The icon's structure node first, so it comes before the text in reading order.
  const int icon_node = panel.icon ? icon_tag(ctx, *panel.icon, inner.parent) : -1;
  const float text_x = rtl ? g.pad : g.accent + g.pad;  // where the text starts without an icon
  const float icon_x = rtl ? box.width - g.accent - g.pad - g.icon : g.accent + g.pad;
  Piece content;
  float icon_y = 0;
  if (on_title) {
    std::vector<Piece> head, rest;
    lay_out_blocks(ctx, std::span(panel.blocks).first(1), inner, head);
    Box wide = inner;
    wide.width = full;
    lay_out_blocks(ctx, std::span(panel.blocks).subspan(1), wide, rest);
    if (!head.empty()) head.front().space_before = 0;
    // The icon and the first line share their middle: the shorter of the two moves down.
    const float first = head.empty() ? 0 : head.front().height;
    icon_y = std::max(0.f, (first - g.icon) / 2);
    const float text_y = std::max(0.f, (g.icon - first) / 2);
    const float gap = head.empty() || rest.empty() ? 0 : head.back().space_after + rest.front().space_before;
    Piece title = stack(std::move(head));
    const float title_h = title.height;
    if (!rest.empty()) {
      rest.back().space_after = 0;
      rest.front().space_before = 0;
    }
    Piece body = stack(std::move(rest));
    const float body_h = body.height;
    const float body_y = std::max(text_y + title_h, g.icon) + gap;
    content.baseline = title.baseline > 0 ? title.baseline + text_y : 0;
    merge_into(content, std::move(title), rtl ? 0 : icon_col, text_y);
    if (body_h > 0) content.cuts.push_back(body_y);
    merge_into(content, std::move(body), 0, body_y);
    content.height = body_h > 0 ? body_y + body.height : std::max(text_y + title_h, g.icon);
    std::sort(content.cuts.begin(), content.cuts.end());
  } else {
    std::vector<Piece> pieces;
    lay_out_blocks(ctx, panel.blocks, inner, pieces);
    if (!pieces.empty()) {
      pieces.back().space_after = 0;
      pieces.front().space_before = 0;
    }
    content = stack(std::move(pieces));
    content.height = std::max(content.height, g.icon);
  }

  // Content offset: padding and the accent bar on the start side, then the icon column.
  const float content_x = on_title ? text_x : rtl ? g.pad : g.accent + g.pad + icon_col;
  Piece boxed;
  boxed.height = content.height + 2 * g.pad;
  boxed.baseline = content.baseline > 0 ? content.baseline + g.pad : 0;
  const bool whole = boxed.height <= ctx.page_height || ctx.page_height <= 0;
  if (ctx.measure_only) {
    // The fit's probes: only the box's height and cuts decide the pages; no frame is drawn.
  } else if (whole) {
    rounded_frame(g, box.width, boxed.height, rtl, boxed.items);
  } else {
    split_frame(g, box.width, boxed.height, rtl, boxed.items);
  }
  if (panel.icon) draw_icon(ctx, *panel.icon, icon_x, g.pad + icon_y, g.icon, icon_node, boxed.items);
  merge_into(boxed, std::move(content), content_x, g.pad);
  boxed.split_padding = g.pad;
  boxed.space_after = static_cast<float>(ctx.doc.styles.box(panel.style).space_after *
                                         (ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11));
  if (!panel.id.empty()) {
    boxed.marks.push_back({Mark::Kind::Start, panel.id, 0, {}, 0});
    boxed.marks.push_back({Mark::Kind::End, panel.id, boxed.height, {}, 0});
  }
  if (whole) boxed.cuts.clear();  // never split: it fits on a page
  out.push_back(std::move(boxed));
}

}  // namespace quire::layout::detail
