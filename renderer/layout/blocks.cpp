// Blocks -> pieces: headings, paragraphs, lists, contents, keep-together groups, columns.
// Tables are in table.cpp, images and charts in figure.cpp.
#include <algorithm>
#include <cmath>

#include "layout/context.hpp"
#include "model/visit.hpp"

namespace quire::layout::detail {
namespace {

void mark_block(std::vector<Piece>& pieces, size_t first, const std::string& id) {
  if (id.empty() || first >= pieces.size()) return;
  pieces[first].marks.push_back({Mark::Kind::Start, id, 0, {}, 0});
  pieces.back().marks.push_back({Mark::Kind::End, id, pieces.back().height, {}, 0});
}

// Widows and orphans: a paragraph of 4+ lines leaves at least 2 lines at the foot and the
// head of a page; shorter paragraphs are not split at all.
void keep_lines(std::vector<Piece>& lines) {
  const size_t n = lines.size();
  if (n < 2) return;
  if (n < 4) {
    for (size_t i = 0; i + 1 < n; ++i) lines[i].keep_with_next = true;
    return;
  }
  lines[0].keep_with_next = true;
  lines[n - 2].keep_with_next = true;
}

void heading(Context& ctx, const model::Heading& h, const Box& box, std::vector<Piece>& out) {
  int level = std::clamp(h.level, 1, 6);
  const std::string& id = h.id;  // the numbering pass gave every heading in contents one
  int node = ctx.node(static_cast<Role>(static_cast<int>(Role::H1) + level - 1), box.parent, {}, h.id);
  std::vector<model::Inline> content = h.content;
  if (!h.number.empty()) content.insert(content.begin(), model::TextRun{h.number + " ", {}, {}, {}, {}});
  ParaStyle style = heading_style(ctx.doc, level);
  if (box.small) style.size = std::min(style.size, 9.f);
  auto set = set_inlines(ctx, content, style, box.lang, model::Direction::Auto, box, node);
  auto& lines = set.lines;
  for (auto& l : lines) l.keep_with_next = true;  // never split, never last on a page
  lines.front().space_before = style.space_before;
  lines.back().space_after = style.space_after;
  const std::string title = model::visible_text(h.content);
  if (h.in_contents && !ctx.artifact && !title.empty())
    lines.front().marks.push_back(
        {Mark::Kind::Outline, id, 0, h.number.empty() ? title : h.number + " " + title, level});
  size_t first = out.size();
  for (auto& l : lines) out.push_back(std::move(l));
  mark_block(out, first, id);
}

// A label (list marker, paragraph number) hanging in an indent of `indent` on the start
// side of `pieces` (laid out `indent` narrower), aligned towards the text; the label comes
// first in reading order and its line is never split.
void hang_label(Context& ctx, const std::string& label, float size, const Box& box, float indent, float gap, bool rtl,
                int tag, std::vector<Piece>& pieces) {
  if (!rtl)
    for (auto& p : pieces)
      for (auto& it : p.items) translate(it.item, indent, 0);
  Box mb = box;
  mb.width = indent - gap;
  Piece marker =
      text_line(ctx, label, size, box.bold, mb, tag, model::Align::End, box.color.value_or(model::Color{}), rtl);
  float mx = rtl ? box.width - indent + gap : 0;
  if (pieces.empty()) {
    Piece only;
    only.height = marker.height;
    merge_into(only, std::move(marker), mx, 0);
    pieces.push_back(std::move(only));
    return;
  }
  float dy = (pieces.front().baseline > 0 ? pieces.front().baseline : marker.baseline) - marker.baseline;
  marker.footnotes.clear();
  Piece& first = pieces.front();
  Piece labelled;
  merge_into(labelled, std::move(marker), mx, dy);
  labelled.items.insert(labelled.items.end(), std::make_move_iterator(first.items.begin()),
                        std::make_move_iterator(first.items.end()));
  first.items = std::move(labelled.items);
  first.cuts.clear();
}

void paragraph(Context& ctx, const model::Paragraph& p, const Box& box, std::vector<Piece>& out);

// A numbered paragraph (committee reports: 1, 2, 3... across headings): the paragraph
// laid out narrower, its number hanging in the start margin.
void numbered_paragraph(Context& ctx, const model::Paragraph& p, const Box& box, std::vector<Piece>& out) {
  const ParaStyle style = paragraph_style(ctx.doc, p);
  const float indent = 2.6f * style.size, gap = 0.5f * style.size;
  model::Paragraph body = p;
  body.number.clear();
  Box inner = box;
  inner.width = std::max(1.f, box.width - indent);
  std::vector<Piece> pieces;
  const size_t node = ctx.nodes.size();  // paragraph() makes the P node first
  paragraph(ctx, body, inner, pieces);
  const bool rtl = is_rtl(p.content, p.dir, box, p.lang);
  const int tag = ctx.artifact || node >= ctx.nodes.size() ? -1 : static_cast<int>(node);
  hang_label(ctx, p.number + ".", style.size, box, indent, gap, rtl, tag, pieces);
  for (auto& piece : pieces) out.push_back(std::move(piece));
}

void paragraph(Context& ctx, const model::Paragraph& p, const Box& box, std::vector<Piece>& out) {
  if (!p.number.empty()) return numbered_paragraph(ctx, p, box, out);
  ParaStyle style = paragraph_style(ctx.doc, p);
  if (box.small && p.role == model::ParaRole::Body) {
    style.size = 9;
    style.space_after = 2;
  }
  style.align = p.align;
  std::string lang = p.lang.empty() ? box.lang : p.lang;
  int node = ctx.node(Role::P, box.parent, p.lang, p.id);
  size_t first = out.size();
  if (style.notice) {
    // A shaded box with a border; kept whole unless taller than a page.
    const float pad = static_cast<float>(ctx.doc.styles.notice_padding);
    Box inner = box;
    inner.width = box.width - 2 * pad;
    auto set = set_inlines(ctx, p.content, style, lang, p.dir, inner, node);
    Piece body = stack(std::move(set.lines));
    Piece boxed;
    boxed.height = body.height + 2 * pad;
    boxed.baseline = body.baseline + pad;
    boxed.items.push_back(make_item(Rect{0, 0, box.width, boxed.height, style.fill, style.border,
                                         static_cast<float>(ctx.doc.styles.notice_border_width)},
                                    -1, 0, boxed.height, true));
    merge_into(boxed, std::move(body), pad, pad);
    boxed.space_after = style.space_after;
    boxed.split_padding = pad;
    boxed.keep_with_next = p.keep_with_next;
    boxed.keep_with_previous = p.keep_with_previous;
    out.push_back(std::move(boxed));
  } else {
    auto set = set_inlines(ctx, p.content, style, lang, p.dir, box, node);
    auto& lines = set.lines;
    keep_lines(lines);
    if (style.quote)  // a bar on the start side, one segment per line so it splits with them
      for (auto& l : lines) {
        float x = set.rtl ? box.width - 4 : 0;
        l.items.push_back(make_item(Rect{x, 0, 4, l.height, style.bar, std::nullopt, 0}, -1, 0, l.height, true));
      }
    lines.front().space_before = style.space_before;
    lines.back().space_after = style.space_after;
    if (p.keep_with_next || style.keep_with_next) lines.back().keep_with_next = true;
    lines.front().keep_with_previous = p.keep_with_previous;
    for (auto& l : lines) out.push_back(std::move(l));
  }
  mark_block(out, first, p.id);
}

const char* bullet(int depth) {
  static const char* shapes[] = {"\u2022", "\u25E6", "\u25AA"};
  return shapes[depth % 3];
}

void list(Context& ctx, const model::List& l, const Box& box, std::vector<Piece>& out) {
  const ParaStyle body = style_for(ctx.doc, model::ParaRole::Body);
  const float size = box.small ? 9.f : body.size;
  const model::ListStyle& ls = ctx.doc.styles.lists;
  const float indent = static_cast<float>(l.ordered ? ls.number_indent : ls.bullet_indent) * size;
  const float gap = static_cast<float>(ls.label_gap) * size;
  int list_node = ctx.node(Role::L, box.parent);
  for (size_t k = 0; k < l.items.size(); ++k) {
    const auto& item = l.items[k];
    int li = ctx.node(Role::LI, list_node);
    int lbl = ctx.node(Role::Lbl, li);
    int lbody = ctx.node(Role::LBody, li);
    bool rtl = box.dir == model::Direction::Rtl;
    if (!item.blocks.empty())
      if (const auto* p = std::get_if<model::Paragraph>(&item.blocks.front().value))
        rtl = is_rtl(p->content, p->dir, box, p->lang);

    Box inner = box;
    inner.width = std::max(1.f, box.width - indent);
    inner.parent = lbody;
    inner.list_depth = box.list_depth + 1;
    std::vector<Piece> pieces;
    lay_out_blocks(ctx, item.blocks, inner, pieces);
    std::string label = l.ordered ? item.number + "." : bullet(box.list_depth);
    hang_label(ctx, label, size, box, indent, gap, rtl, lbl, pieces);
    for (auto& p : pieces) out.push_back(std::move(p));
  }
}

void contents(Context& ctx, const model::Contents& c, const Box& box, std::vector<Piece>& out) {
  if (!c.title.empty()) {
    int node = ctx.node(Role::P, box.parent);
    ParaStyle style = heading_style(ctx.doc, 2);
    std::vector<model::Inline> content{model::TextRun{c.title, {}, {}, {}, {}}};
    auto set = set_inlines(ctx, content, style, box.lang, model::Direction::Auto, box, node);
    for (auto& l : set.lines) l.keep_with_next = true;
    set.lines.front().space_before = style.space_before;
    set.lines.back().space_after = style.space_after;
    for (auto& l : set.lines) out.push_back(std::move(l));
  }
  const ParaStyle body = style_for(ctx.doc, model::ParaRole::Body);
  const float number_width = 30;
  const bool rtl = box.dir == model::Direction::Rtl;
  int toc = ctx.node(Role::TOC, box.parent);
  for (const auto& h : ctx.pre.numbering->contents) {
    if (h.level > c.max_level || h.title.empty()) continue;
    int toci = ctx.node(Role::TOCI, toc);
    int link = ctx.node(Role::Link, toci);
    const float indent = static_cast<float>(h.level - 1) * 12;
    std::string page = "00";  // first pass: placeholder of typical width
    if (ctx.prev) {
      auto it = ctx.prev->pages.find(h.id);
      page = it == ctx.prev->pages.end() ? "??" : ctx.page_ref(it->second);
    }
    ParaStyle style = body;
    style.bold = h.level == 1;
    style.space_after = 0;
    Box tb = box;
    tb.width = std::max(1.f, box.width - indent - number_width - 6);
    std::vector<model::Inline> content{
        model::TextRun{h.number.empty() ? h.title : h.number + " " + h.title, {}, {}, {}, {}}};
    // Entries line up on the contents' start side even when a title runs the other way.
    style.align = is_rtl(content, model::Direction::Auto, box) == rtl ? model::Align::Start : model::Align::End;
    auto set = set_inlines(ctx, content, style, box.lang, model::Direction::Auto, tb, link);
    auto& lines = set.lines;
    const float dx = rtl ? number_width + 6 : indent;
    for (auto& l : lines)
      for (auto& it : l.items) translate(it.item, dx, 0);
    // Leader dots from the end of the title to the page number, then the number.
    Piece& last = lines.back();
    float text_end = rtl ? box.width : 0;
    for (const auto& it : last.items)
      if (const auto* g = std::get_if<GlyphRun>(&it.item.value)) {
        float w = 0;
        for (const auto& gl : g->glyphs) w += gl.x_advance;
        text_end = rtl ? std::min(text_end, g->x) : std::max(text_end, g->x + w);
      }
    Box nb = box;
    nb.width = number_width;
    Piece number = text_line(ctx, page, style.size, style.bold, nb, link, model::Align::End, {}, rtl);
    float nx = rtl ? 0 : box.width - number_width;
    Piece dot = text_line(ctx, ".", style.size, false, nb, -1, model::Align::Start, {}, false);
    const GlyphRun* dot_run = nullptr;
    for (const auto& it : dot.items)
      if (const auto* g = std::get_if<GlyphRun>(&it.item.value)) dot_run = g;
    if (dot_run && !dot_run->glyphs.empty()) {
      const float pitch = 4.5f;
      float from = rtl ? nx + number_width + 4 : text_end + 6;
      float to = rtl ? text_end - 6 : nx - 4;
      // dots on a fixed grid, so leaders line up from one entry to the next
      float start = std::ceil(from / pitch) * pitch;
      GlyphRun leader = *dot_run;
      leader.glyphs.clear();
      leader.clusters.clear();
      leader.x = start;
      leader.y = last.baseline;
      for (float x = start; x + dot_run->glyphs.front().x_advance <= to; x += pitch) {
        Glyph g = dot_run->glyphs.front();
        g.x_advance = pitch;
        leader.clusters.push_back({static_cast<std::uint32_t>(leader.glyphs.size()), 1, "."});
        leader.glyphs.push_back(g);
      }
      if (!leader.glyphs.empty()) last.items.push_back(make_item(std::move(leader), -1, 0, last.height, false));
    }
    merge_into(last, std::move(number), nx, last.baseline - number.baseline);
    last.cuts.clear();
    for (auto& l : lines) {
      l.items.push_back(make_item(LinkBox{0, 0, box.width, l.height, "#" + h.id}, link, 0, l.height, false));
    }
    for (size_t i = 0; i + 1 < lines.size(); ++i) lines[i].keep_with_next = true;
    lines.back().space_after = 3;
    for (auto& l : lines) out.push_back(std::move(l));
  }
  if (!out.empty()) out.back().space_after = body.space_after * 2;
}

void columns(Context& ctx, const model::Columns& c, const Box& box, std::vector<Piece>& out) {
  if (c.columns.empty()) return;
  const auto gap = static_cast<float>(ctx.doc.styles.column_gap);
  const auto n = static_cast<float>(c.columns.size());
  const float avail = std::max(1.f, box.width - gap * (n - 1));
  // Relative widths when the template gives one per column, else equal shares.
  const bool weighted = c.widths.size() == c.columns.size();
  double sum = 0;
  for (double w : c.widths) sum += w;
  auto width_of = [&](size_t k) {
    return weighted && sum > 0 ? std::max(1.f, static_cast<float>(avail * c.widths[k] / sum)) : avail / n;
  };
  const bool rtl = box.dir == model::Direction::Rtl;
  Piece row;
  float start = 0;  // of column k, from the start edge
  for (size_t k = 0; k < c.columns.size(); ++k) {
    const float width = width_of(k);
    const float x = rtl ? box.width - start - width : start;
    start += width + gap;
    Box cb = box;
    cb.width = width;
    std::vector<Piece> pieces;
    lay_out_blocks(ctx, c.columns[k], cb, pieces);
    if (pieces.empty()) continue;
    // The row keeps the largest space its columns ask for above them (a heading's), so a
    // pair of headings stands as far from the row above as a heading alone would.
    row.space_before = std::max(row.space_before, pieces.front().space_before);
    row.keep_with_previous = row.keep_with_previous || pieces.front().keep_with_previous;
    // A column ending in a heading keeps the row with the next one, as the heading alone would.
    row.keep_with_next = row.keep_with_next || pieces.back().keep_with_next;
    pieces.front().space_before = 0;
    Piece col = stack(std::move(pieces));
    row.height = std::max(row.height, col.height);
    row.space_after = std::max(row.space_after, col.space_after);
    if (k == 0) row.baseline = col.baseline;
    merge_into(row, std::move(col), x, 0);
  }
  std::sort(row.cuts.begin(), row.cuts.end());
  row.cuts.erase(std::unique(row.cuts.begin(), row.cuts.end()), row.cuts.end());
  out.push_back(std::move(row));
}

}  // namespace

void lay_out_blocks(Context& ctx, std::span<const model::Block> blocks, const Box& box, std::vector<Piece>& out) {
  for (const auto& block : blocks) {
    if (ctx.stopping()) return;
    size_t before = out.size();
    model::match(
        block.value, [&](const model::Heading& v) { heading(ctx, v, box, out); },
        [&](const model::Paragraph& v) { paragraph(ctx, v, box, out); },
        [&](const model::List& v) { list(ctx, v, box, out); },
        [&](const model::Table& v) { lay_out_table(ctx, v, box, out); },
        [&](const model::Image& v) { lay_out_image(ctx, v, box, out); },
        [&](const model::Chart& v) { lay_out_chart(ctx, v, box, out); },
        [&](const model::PageBreak&) { ctx.pending_break = true; },
        [&](const model::Contents& v) { contents(ctx, v, box, out); },
        [&](const model::KeepTogether& v) {
          size_t first = out.size();
          lay_out_blocks(ctx, v.blocks, box, out);
          for (size_t i = first; i + 1 < out.size(); ++i) out[i].keep_with_next = true;
        },
        [&](const model::Columns& v) { columns(ctx, v, box, out); },
        [&](const model::Panel& v) { lay_out_panel(ctx, v, box, out); },
        [&](const model::Icon& v) { lay_out_icon(ctx, v, box, out); });
    if (ctx.pending_break && out.size() > before && !std::holds_alternative<model::PageBreak>(block.value)) {
      out[before].break_before = true;
      ctx.pending_break = false;
    }
  }
}

}  // namespace quire::layout::detail
