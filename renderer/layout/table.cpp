// Tables: weighted columns, wrapped cells with padding and 0.5pt borders, shaded and
// bold header rows repeated on each page the table continues on, RAG cells, row and
// column spans, mirrored column order for right-to-left tables.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "layout/context.hpp"
#include "model/rag.hpp"

namespace quire::layout::detail {
namespace {

using model::kWhite;
using model::text_on;

struct CellLayout {
  int row = 0, col = 0, cols = 1, rows = 1;
  Piece content;
  std::optional<model::Color> fill;
};

}  // namespace

void lay_out_table(Context& ctx, const model::Table& t, const Box& box, std::vector<Piece>& out) {
  const int nrows = static_cast<int>(t.rows.size());
  int ncols = 0;
  for (const auto& row : t.rows) {
    int n = 0;
    for (const auto& cell : row.cells) n += std::max(1, cell.col_span);
    ncols = std::max(ncols, n);
  }
  if (ncols == 0) ncols = std::max<int>(1, static_cast<int>(t.column_widths.size()));
  std::vector<float> weights(static_cast<size_t>(ncols), 1.f);
  if (t.column_widths.size() >= static_cast<size_t>(ncols))
    for (int c = 0; c < ncols; ++c)
      weights[static_cast<size_t>(c)] = t.column_widths[static_cast<size_t>(c)] > 0
                                            ? static_cast<float>(t.column_widths[static_cast<size_t>(c)])
                                            : 1.f;
  const float total = std::accumulate(weights.begin(), weights.end(), 0.f);
  std::vector<float> col_x(static_cast<size_t>(ncols) + 1, 0.f);
  for (int c = 0; c < ncols; ++c)
    col_x[static_cast<size_t>(c) + 1] =
        col_x[static_cast<size_t>(c)] + box.width * weights[static_cast<size_t>(c)] / total;
  const bool rtl =
      t.dir == model::Direction::Rtl || (t.dir == model::Direction::Auto && box.dir == model::Direction::Rtl);
  // x of the left edge of columns [c, c + n): mirrored for right-to-left tables
  auto cell_x = [&](int c, int n) {
    return rtl ? box.width - col_x[static_cast<size_t>(c + n)] : col_x[static_cast<size_t>(c)];
  };
  auto cell_w = [&](int c, int n) { return col_x[static_cast<size_t>(c + n)] - col_x[static_cast<size_t>(c)]; };

  // Padding, rules and spaces from the style sheet, which the DOCX writer reads too.
  const model::TableStyle& ts = ctx.doc.styles.table;
  const float pad_x = static_cast<float>(ts.padding_x), pad_y = static_cast<float>(ts.padding_y);
  const float rule = static_cast<float>(ts.border_width);
  const int table_id = ctx.tables++;
  const int header_rows = std::clamp(t.header_rows, 0, nrows);
  int table_node = ctx.node(Role::Table, box.parent, {}, t.id);
  size_t first = out.size();
  if (!t.caption.empty()) {
    int cap = ctx.node(Role::Caption, table_node);
    ParaStyle style = style_for(ctx.doc, model::ParaRole::Caption);
    style.bold = true;
    style.space_after = static_cast<float>(ts.caption_space_after);
    std::vector<model::Inline> content{model::TextRun{t.caption, {}, {}, {}, {}}};
    auto set = set_inlines(ctx, content, style, box.lang, model::Direction::Auto, box, cap);
    for (auto& l : set.lines) l.keep_with_next = true;
    set.lines.back().space_after = style.space_after;
    for (auto& l : set.lines) out.push_back(std::move(l));
  }

  // Place cells on the grid (row spans occupy the rows below), lay out their content.
  std::vector<std::vector<bool>> taken(static_cast<size_t>(nrows),
                                       std::vector<bool>(static_cast<size_t>(ncols), false));
  std::vector<CellLayout> cells;
  int head_node = -1, body_node = -1;
  for (int r = 0; r < nrows; ++r) {
    bool header = r < header_rows;
    int& group = header ? head_node : body_node;
    if (group < 0) group = ctx.node(header ? Role::THead : Role::TBody, table_node);
    int tr = ctx.node(Role::TR, group);
    int c = 0;
    for (const auto& cell : t.rows[static_cast<size_t>(r)].cells) {
      while (c < ncols && taken[static_cast<size_t>(r)][static_cast<size_t>(c)]) ++c;
      if (c >= ncols) break;
      CellLayout cl;
      cl.row = r;
      cl.col = c;
      cl.cols = std::clamp(cell.col_span, 1, ncols - c);
      int row_limit = header ? header_rows : nrows;  // spans never cross from header to body
      cl.rows = std::clamp(cell.row_span, 1, row_limit - r);
      for (int rr = r; rr < r + cl.rows; ++rr)
        for (int cc = c; cc < c + cl.cols; ++cc) taken[static_cast<size_t>(rr)][static_cast<size_t>(cc)] = true;
      int cell_node = ctx.node(header ? Role::TH : Role::TD, tr);
      Box cb = box;
      cb.width = std::max(1.f, cell_w(c, cl.cols) - 2 * pad_x);
      cb.parent = cell_node;
      cb.bold = box.bold || header;
      cb.align = cell.align;
      if (const auto* rag = model::rag_style(ctx.doc.styles, cell.rag)) {
        cl.fill = rag->fill;
        cb.color = rag->text;
      } else if (cell.shading) {
        cl.fill = cell.shading;
        if (text_on(*cell.shading) == kWhite) cb.color = kWhite;
      } else if (header) {
        cl.fill = ctx.doc.styles.color("header-fill");
      }
      std::vector<Piece> pieces;
      lay_out_blocks(ctx, cell.blocks, cb, pieces);
      if (!pieces.empty()) {
        pieces.front().space_before = 0;
        pieces.back().space_after = 0;
      }
      cl.content = stack(std::move(pieces));
      cells.push_back(std::move(cl));
      c += cells.back().cols;
    }
  }

  // Row heights: single-row cells first, then spanning cells stretch their last row.
  std::vector<float> heights(static_cast<size_t>(nrows), 0.f);
  const float min_height = 2 * pad_y + style_for(ctx.doc, model::ParaRole::Body).size;
  for (auto& h : heights) h = min_height;
  for (const auto& cl : cells)
    if (cl.rows == 1)
      heights[static_cast<size_t>(cl.row)] =
          std::max(heights[static_cast<size_t>(cl.row)], cl.content.height + 2 * pad_y);
  for (const auto& cl : cells) {
    if (cl.rows == 1) continue;
    float have = 0;
    for (int r = cl.row; r < cl.row + cl.rows; ++r) have += heights[static_cast<size_t>(r)];
    float need = cl.content.height + 2 * pad_y;
    if (need > have) heights[static_cast<size_t>(cl.row + cl.rows - 1)] += need - have;
  }
  // Rows tied by row spans form one piece.
  std::vector<int> group_end(static_cast<size_t>(nrows));
  for (int r = 0; r < nrows; ++r) group_end[static_cast<size_t>(r)] = r + 1;
  for (const auto& cl : cells)
    group_end[static_cast<size_t>(cl.row)] = std::max(group_end[static_cast<size_t>(cl.row)], cl.row + cl.rows);

  std::vector<Piece> header_pieces;
  std::vector<Piece> body_pieces;
  size_t next_cell = 0;
  for (int r = 0; r < nrows;) {
    int end = r + 1;
    for (int k = r; k < end; ++k) end = std::max(end, group_end[static_cast<size_t>(k)]);
    std::vector<float> top(static_cast<size_t>(end - r) + 1, 0.f);
    for (int k = r; k < end; ++k)
      top[static_cast<size_t>(k - r) + 1] = top[static_cast<size_t>(k - r)] + heights[static_cast<size_t>(k)];
    Piece row;
    row.height = top.back();
    row.table = table_id;
    row.split_padding = pad_y;
    for (int k = r + 1; k < end; ++k) row.cuts.push_back(top[static_cast<size_t>(k - r)]);
    for (; next_cell < cells.size() && cells[next_cell].row < end; ++next_cell) {
      auto& cl = cells[next_cell];
      float x = cell_x(cl.col, cl.cols), w = cell_w(cl.col, cl.cols);
      float y = top[static_cast<size_t>(cl.row - r)];
      float h = top[static_cast<size_t>(cl.row - r + cl.rows)] - y;
      row.items.push_back(
          make_item(Rect{x, y, w, h, cl.fill, ctx.doc.styles.color("border"), rule}, -1, y, y + h, true));
      merge_into(row, std::move(cl.content), x + pad_x, y + pad_y);
    }
    std::sort(row.cuts.begin(), row.cuts.end());
    if (row.baseline == 0) row.baseline = pad_y;
    (r < header_rows ? header_pieces : body_pieces).push_back(std::move(row));
    r = end;
  }
  for (auto& h : header_pieces) h.keep_with_next = true;  // a header row never ends a page alone
  if (!header_pieces.empty() && !body_pieces.empty()) {
    auto repeat = std::make_shared<std::vector<Piece>>(header_pieces);
    for (auto& p : *repeat) {
      make_artifact(p);  // the copies are pagination artifacts; the first header carries the structure
      p.footnotes.clear();
      p.repeat.reset();
    }
    for (auto& b : body_pieces) b.repeat = repeat;
  }
  for (auto& p : header_pieces) out.push_back(std::move(p));
  for (auto& p : body_pieces) out.push_back(std::move(p));
  if (out.size() > first) {
    out.back().space_after = static_cast<float>(ctx.doc.typography.paragraph_space + ts.space_after);
    if (!t.id.empty()) {
      out[first].marks.push_back({Mark::Kind::Start, t.id, 0, {}, 0});
      out.back().marks.push_back({Mark::Kind::End, t.id, out.back().height, {}, 0});
    }
  }
}

}  // namespace quire::layout::detail
