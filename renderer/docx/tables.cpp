// Tables (header rows repeated on each page, spans, shading, RAG cells, right-to-left
// column order), and side-by-side columns as a borderless table.
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>

#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "model/rag.hpp"

namespace quire::docx {
namespace {

using model::kWhite;
using model::text_on;

// Word merges two tables that touch; a paragraph between them keeps them apart. It is one
// point high: layout puts no line between the two (the space after the first is its own).
void separate_from_previous_table(pugi::xml_node parent) {
  pugi::xml_node last = parent.last_child();
  if (!last || std::string_view(last.name()) != "w:tbl") return;
  pugi::xml_node sp = prop(ppr(parent.append_child("w:p")), Props::PPr, "w:spacing");
  sp.append_attribute("w:before") = 0;
  sp.append_attribute("w:after") = 0;
  sp.append_attribute("w:line") = 20;
  sp.append_attribute("w:lineRule") = "exact";
}

std::vector<long> grid_widths(const std::vector<double>& weights_in, int ncols, long total) {
  std::vector<double> weights(static_cast<size_t>(ncols), 1.0);
  if (weights_in.size() >= static_cast<size_t>(ncols))
    for (int c = 0; c < ncols; ++c) weights[c] = weights_in[c] > 0 ? weights_in[c] : 1.0;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<long> out;
  long used = 0;
  for (int c = 0; c < ncols; ++c) {
    long w = c + 1 == ncols ? total - used : std::lround(total * weights[c] / sum);
    out.push_back(std::max(1L, w));
    used += w;
  }
  return out;
}

// The space layout leaves after a table or box: an empty paragraph exactly that high (a
// paragraph is needed anyway: Word merges two tables that touch).
void space_after_table(pugi::xml_node parent, double points) {
  pugi::xml_node sp = prop(ppr(parent.append_child("w:p")), Props::PPr, "w:spacing");
  sp.append_attribute("w:before") = 0;
  sp.append_attribute("w:after") = 0;
  sp.append_attribute("w:line") = std::max(20L, twips(points));
  sp.append_attribute("w:lineRule") = "exact";
}

// Sets w:spacing/@attr of paragraph p to 0 (direct formatting over its style).
void zero_spacing(pugi::xml_node p, const char* attr) {
  pugi::xml_node sp = prop(ppr(p), Props::PPr, "w:spacing");
  if (pugi::xml_attribute a = sp.attribute(attr))
    a = 0;
  else
    sp.append_attribute(attr) = 0;
}

// Layout sets a cell's or box's blocks without the space before the first and after the
// last (the padding is the space there); Word and LibreOffice would add both inside the cell.
void trim_cell_spacing(pugi::xml_node tc) {
  pugi::xml_node first = tc.child("w:p"), last;
  for (pugi::xml_node n = tc.last_child(); n && !last; n = n.previous_sibling())
    if (std::string_view(n.name()) == "w:p") last = n;
  if (first) zero_spacing(first, "w:before");
  if (last) zero_spacing(last, "w:after");
  // A cell that ends with a table (or box) ends with its spacing paragraph, or the empty
  // one a cell needs: a point high, as layout leaves no space after a cell's last block.
  pugi::xml_node before = last ? last.previous_sibling() : pugi::xml_node();
  if (last && !last.child("w:r") && before && std::string_view(before.name()) == "w:tbl") {
    pugi::xml_node sp = prop(ppr(last), Props::PPr, "w:spacing");
    for (const char* a : {"w:before", "w:line", "w:lineRule"}) sp.remove_attribute(a);
    sp.prepend_attribute("w:before") = 0;
    sp.append_attribute("w:line") = 20;
    sp.append_attribute("w:lineRule") = "exact";
  }
}

pugi::xml_node start_table(pugi::xml_node parent, bool rtl, const std::vector<long>& widths, const char* style) {
  separate_from_previous_table(parent);
  pugi::xml_node tbl = parent.append_child("w:tbl");
  pugi::xml_node pr = tbl.append_child("w:tblPr");
  if (style) prop_val(pr, Props::TblPr, "w:tblStyle", style);
  if (rtl) prop(pr, Props::TblPr, "w:bidiVisual");
  pugi::xml_node w = prop(pr, Props::TblPr, "w:tblW");
  w.append_attribute("w:w") = 5000;
  w.append_attribute("w:type") = "pct";
  prop(pr, Props::TblPr, "w:tblLayout").append_attribute("w:type") = "fixed";
  pugi::xml_node grid = tbl.append_child("w:tblGrid");
  for (long cw : widths) grid.append_child("w:gridCol").append_attribute("w:w") = cw;
  return tbl;
}

void set_look(pugi::xml_node tbl, bool header) {
  pugi::xml_node look = prop(tbl.child("w:tblPr"), Props::TblPr, "w:tblLook");
  look.append_attribute("w:val") = header ? "0620" : "0600";
  look.append_attribute("w:firstRow") = header ? 1 : 0;
  look.append_attribute("w:lastRow") = 0;
  look.append_attribute("w:firstColumn") = 0;
  look.append_attribute("w:lastColumn") = 0;
  look.append_attribute("w:noHBand") = 1;
  look.append_attribute("w:noVBand") = 1;
}

pugi::xml_node add_cell(pugi::xml_node tr, long width, int span, const char* vmerge,
                        const std::optional<model::Color>& fill) {
  pugi::xml_node tc = tr.append_child("w:tc");
  pugi::xml_node pr = tc.append_child("w:tcPr");
  pugi::xml_node w = prop(pr, Props::TcPr, "w:tcW");
  w.append_attribute("w:w") = width;
  w.append_attribute("w:type") = "dxa";
  if (span > 1) prop_val(pr, Props::TcPr, "w:gridSpan", std::to_string(span));
  if (vmerge) {
    pugi::xml_node vm = prop(pr, Props::TcPr, "w:vMerge");
    if (*vmerge) vm.append_attribute("w:val") = vmerge;
  }
  if (fill) {
    pugi::xml_node shd = prop(pr, Props::TcPr, "w:shd");
    shd.append_attribute("w:val") = "clear";
    shd.append_attribute("w:color") = "auto";
    shd.append_attribute("w:fill") = hex(*fill).c_str();
  }
  return tc;
}

}  // namespace

void write_table(Context& ctx, pugi::xml_node parent, const model::Table& t, const BlockEnv& env) {
  const int nrows = static_cast<int>(t.rows.size());
  int ncols = 0;
  for (const auto& row : t.rows) {
    int n = 0;
    for (const auto& cell : row.cells) n += std::max(1, cell.col_span);
    ncols = std::max(ncols, n);
  }
  if (ncols == 0) ncols = std::max<int>(1, static_cast<int>(t.column_widths.size()));
  const bool rtl = t.dir == model::Direction::Rtl || (t.dir == model::Direction::Auto && env.rtl);
  const int header_rows = std::clamp(t.header_rows, 0, nrows);
  const std::vector<long> widths = grid_widths(t.column_widths, ncols, ctx.text_width_twips);
  auto span_width = [&](int c, int n) { return std::accumulate(widths.begin() + c, widths.begin() + c + n, 0L); };

  auto bm = ctx.block_bookmarks.find(&t);
  bool bookmarked = false;
  if (!t.caption.empty()) {
    separate_from_previous_table(parent);
    pugi::xml_node cap = write_plain_paragraph(ctx, parent, "Caption", t.caption, env);
    prop(ppr(cap), Props::PPr, "w:keepNext");
    prop(ppr(cap), Props::PPr, "w:spacing").append_attribute("w:after") =
        twips(ctx.doc.styles.table.caption_space_after);
    if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, cap, bm->second);
    bookmarked = true;
  }

  pugi::xml_node tbl = start_table(parent, rtl, widths, "TableGrid");
  set_look(tbl, header_rows > 0);
  if (!t.caption.empty()) prop_val(tbl.child("w:tblPr"), Props::TblPr, "w:tblCaption", clean_text(t.caption));

  // A cell spanning rows occupies its grid columns in the rows below: those rows get
  // a continuation cell (w:vMerge without a value) in its place.
  struct Span {
    int cols = 0, last_row = -1;
    std::optional<model::Color> fill;
  };
  std::vector<Span> spans(static_cast<size_t>(ncols));
  const long saved_width = ctx.text_width_twips;
  const long padding = 2 * twips(ctx.doc.styles.table.padding_x);  // TableGrid's cell margins
  for (int r = 0; r < nrows; ++r) {
    const bool header = r < header_rows;
    pugi::xml_node tr = tbl.append_child("w:tr");
    pugi::xml_node trpr = tr.append_child("w:trPr");
    prop(trpr, Props::TrPr, "w:cantSplit");
    if (header) prop(trpr, Props::TrPr, "w:tblHeader");
    const auto& cells = t.rows[static_cast<size_t>(r)].cells;
    size_t next = 0;
    for (int c = 0; c < ncols;) {
      Span& above = spans[static_cast<size_t>(c)];
      if (above.last_row >= r) {
        pugi::xml_node tc = add_cell(tr, span_width(c, above.cols), above.cols, "", above.fill);
        tc.append_child("w:p");
        c += above.cols;
        continue;
      }
      // free grid columns from c up to the next column taken by a span from above
      int free = 0;
      while (c + free < ncols && spans[static_cast<size_t>(c + free)].last_row < r) ++free;
      if (next >= cells.size()) {  // the row is short: fill it with empty cells
        add_cell(tr, span_width(c, 1), 1, nullptr,
                 header ? std::optional(ctx.doc.styles.color("header-fill")) : std::nullopt)
            .append_child("w:p");
        ++c;
        continue;
      }
      const model::TableCell& cell = cells[next++];
      const int cols = std::clamp(cell.col_span, 1, free);
      const int row_limit = header ? header_rows : nrows;  // spans never cross from header to body
      const int rows = std::clamp(cell.row_span, 1, row_limit - r);
      std::optional<model::Color> fill;
      BlockEnv cenv = env;
      cenv.list_level = -1;
      cenv.para_style = nullptr;
      cenv.rtl = rtl;
      if (cell.align != model::Align::Start) cenv.align = cell.align;
      cenv.runs.strong = env.runs.strong || header;
      if (const auto* rag = model::rag_style(ctx.doc.styles, cell.rag)) {
        fill = rag->fill;
        cenv.runs.color = rag->text;
      } else if (cell.shading) {
        fill = cell.shading;
        if (text_on(*fill) == kWhite) cenv.runs.color = kWhite;
      } else if (header) {
        fill = ctx.doc.styles.color("header-fill");
      }
      pugi::xml_node tc = add_cell(tr, span_width(c, cols), cols, rows > 1 ? "restart" : nullptr, fill);
      ctx.text_width_twips = std::max(200L, span_width(c, cols) - padding);
      write_blocks(ctx, tc, cell.blocks, cenv);
      ctx.text_width_twips = saved_width;
      ensure_ends_with_paragraph(tc);
      trim_cell_spacing(tc);
      if (!bookmarked && bm != ctx.block_bookmarks.end()) {
        add_bookmark(ctx, tc.child("w:p"), bm->second);
        bookmarked = true;
      }
      if (rows > 1) spans[static_cast<size_t>(c)] = {cols, r + rows - 1, fill};
      c += cols;
    }
  }
  if (nrows == 0) {  // a table needs a row; keep the grid valid
    pugi::xml_node tr = tbl.append_child("w:tr");
    add_cell(tr, span_width(0, ncols), ncols, nullptr, std::nullopt).append_child("w:p");
  }
  space_after_table(parent, ctx.doc.typography.paragraph_space + ctx.doc.styles.table.space_after);
}

namespace {
void cell_margins(pugi::xml_node tc, long top, long left, long bottom, long right);
}  // namespace

void write_columns(Context& ctx, pugi::xml_node parent, const model::Columns& cols, const BlockEnv& env) {
  // Word's section columns flow text from one column into the next; side-by-side
  // blocks (bilingual text) need a borderless one-row table instead.
  const int n = std::max<int>(1, static_cast<int>(cols.columns.size()));
  // Each column's text as wide as layout makes it: the gap is the cells' inner margins (half
  // each side), the outer edges have none, so the table spans the text width exactly.
  const long half_gap = twips(ctx.doc.styles.column_gap / 2);
  const std::vector<long> text =
      grid_widths(cols.widths, n, std::max(200L * n, ctx.text_width_twips - 2 * half_gap * (n - 1)));
  std::vector<long> widths;
  for (int c = 0; c < n; ++c) widths.push_back(text[c] + (c > 0 ? half_gap : 0) + (c + 1 < n ? half_gap : 0));
  pugi::xml_node tbl = ctx.columns_table;
  // A row of columns right after another with the same grid joins its table.
  auto same_grid = [&](pugi::xml_node t) {
    std::vector<long> grid;
    for (pugi::xml_node g : t.child("w:tblGrid").children("w:gridCol")) grid.push_back(g.attribute("w:w").as_llong());
    return grid == widths;
  };
  const bool follows = tbl && tbl == parent.last_child() && same_grid(tbl);
  // Layout sets no space above a row of columns at the head of a page. Word and LibreOffice
  // drop a paragraph's space before at the head of a page, but not in a table cell there:
  // so the first paragraph of each cell of a section's first row is given none (a logo
  // beside a heading would otherwise stand lower than in the PDF, and a page the PDF fills
  // run over in Word).
  const pugi::xml_node previous = parent.last_child();
  const bool heads_page =
      std::string_view(parent.name()) == "w:body" && (!previous || previous.child("w:pPr").child("w:sectPr"));
  if (!follows) {
    tbl = start_table(parent, env.rtl, widths, nullptr);
    pugi::xml_node borders = prop(tbl.child("w:tblPr"), Props::TblPr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      pugi::xml_node b = borders.append_child(side);
      b.append_attribute("w:val") = "nil";
    }
    set_look(tbl, false);
    ctx.columns_table = tbl;
  }
  pugi::xml_node tr = tbl.append_child("w:tr");
  prop(tr.append_child("w:trPr"), Props::TrPr, "w:cantSplit");  // a pair stays together
  const long saved_width = ctx.text_width_twips;
  for (int c = 0; c < n; ++c) {
    pugi::xml_node tc = add_cell(tr, widths[c], 1, nullptr, std::nullopt);
    const long before = c > 0 ? half_gap : 0, after = c + 1 < n ? half_gap : 0;    // logical order
    cell_margins(tc, -1, env.rtl ? after : before, -1, env.rtl ? before : after);  // bidiVisual: first on the right
    ctx.text_width_twips = text[c];
    BlockEnv cenv = env;
    cenv.list_level = -1;
    if (c < static_cast<int>(cols.columns.size())) write_blocks(ctx, tc, cols.columns[c], cenv);
    ctx.text_width_twips = saved_width;
    ensure_ends_with_paragraph(tc);
    if (pugi::xml_node first = tc.child("w:p"); heads_page && first && first == tc.child("w:tcPr").next_sibling())
      zero_spacing(first, "w:before");
  }
}

namespace {

// Sets a cell's own margins (w:tcMar), in twips, in the schema's order; a negative side is
// left to the table's.
void cell_margins(pugi::xml_node tc, long top, long left, long bottom, long right) {
  pugi::xml_node mar = prop(tc.child("w:tcPr"), Props::TcPr, "w:tcMar");
  const std::pair<const char*, long> sides[] = {
      {"w:top", top}, {"w:left", left}, {"w:bottom", bottom}, {"w:right", right}};
  for (auto [side, value] : sides) {
    if (value < 0) continue;
    pugi::xml_node m = mar.append_child(side);
    m.append_attribute("w:w") = value;
    m.append_attribute("w:type") = "dxa";
  }
}

// What a box's cell properties are made of.
struct CellLook {
  long width = 0;  ///< twips
  int span = 1;
  std::optional<model::Color> fill;
  bool centre = false;                         ///< w:vAlign center
  std::optional<std::array<long, 4>> margins;  ///< top, left, bottom, right (cell_margins)
  bool operator==(const CellLook&) const = default;
};

// The XML fragments a thread made for each look of a box (its table's head, its cells'
// properties): made once per look and placed in each box, since building them attribute by
// attribute was a tenth of writing a Pledge's cards. Keyed by every value they are made of
// (compared in full); bounded, then started again (documents keep the fragments they hold).
template <class Look, std::size_t N>
class LookFragments {
 public:
  template <class Make>
  std::shared_ptr<const std::string> get(const Look& look, Make&& make) {
    for (const auto& [key, xml] : made_)
      if (key == look) return xml;
    auto xml = std::make_shared<const std::string>(make(look));
    if (made_.size() >= N) made_.clear();
    made_.emplace_back(look, xml);
    return xml;
  }

 private:
  std::vector<std::pair<Look, std::shared_ptr<const std::string>>> made_;
};

// The w:tcPr of a box's cell of `look` (only the writer of the cell reads its properties).
std::string make_cell_head(const CellLook& look) {
  pugi::xml_document scratch;
  pugi::xml_node tc = add_cell(scratch.append_child("w:tr"), look.width, look.span, nullptr, look.fill);
  if (look.centre) prop_val(tc.child("w:tcPr"), Props::TcPr, "w:vAlign", "center");
  if (look.margins) {
    const auto& m = *look.margins;
    cell_margins(tc, m[0], m[1], m[2], m[3]);
  }
  return serialize_node(tc.child("w:tcPr"));
}

// A new cell of a box with the properties of `look`.
pugi::xml_node add_box_cell(Context& ctx, pugi::xml_node tr, const CellLook& look) {
  pugi::xml_node tc = tr.append_child("w:tc");
  thread_local LookFragments<CellLook, 64> cell_heads;
  append_fragment(tc, ctx.fragments, cell_heads.get(look, make_cell_head));
  return tc;
}

// The first row of a box whose icon is on its title line (icon-placement="title"): the icon
// in a cell as wide as the icon and its gap, the first block beside it, both centred on
// each other, as layout sets the icon and the first line; the rest goes in a row below.
void write_title_row(Context& ctx, pugi::xml_node tr, const model::Panel& panel, const std::vector<long>& widths,
                     long pad, const std::optional<model::Color>& fill, const BlockEnv& env) {
  const model::BoxStyle& bs = ctx.doc.styles.box(panel.style);
  const double body = ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11;
  const double icon_pt = panel.icon->size > 0 ? panel.icon->size : bs.icon_size * body;
  const long gap = twips(bs.icon_gap * body);
  const bool last_row = panel.blocks.size() == 1;
  pugi::xml_node icon =
      add_box_cell(ctx, tr, {widths[0], 1, fill, true, std::array<long, 4>{-1, gap / 2, last_row ? -1 : 0, gap / 2}});
  pugi::xml_node ip = icon.append_child("w:p");
  prop(ppr(ip), Props::PPr, "w:keepNext");
  pugi::xml_node sp = prop(ppr(ip), Props::PPr, "w:spacing");
  sp.append_attribute("w:before") = 0;
  sp.append_attribute("w:after") = 0;
  sp.append_attribute("w:line") = 240;
  sp.append_attribute("w:lineRule") = "auto";
  if (env.rtl) prop(ppr(ip), Props::PPr, "w:bidi");
  append_icon_run(ctx, ip, *panel.icon, icon_pt);

  CellLook text{widths[1], 1, fill, true, std::nullopt};
  if (!last_row) text.margins = std::array<long, 4>{-1, -1, 0, -1};
  pugi::xml_node tc = add_box_cell(ctx, tr, text);
  const long saved_width = ctx.text_width_twips;
  ctx.text_width_twips = std::max(200L, widths[1] - 2 * pad);
  write_blocks(ctx, tc, std::span(panel.blocks).first(1), env);
  ctx.text_width_twips = saved_width;
  ensure_ends_with_paragraph(tc);
  if (last_row) {
    trim_cell_spacing(tc);
  } else {  // the space after the title stays: layout keeps it between the title and the rest
    zero_spacing(tc.child("w:p"), "w:before");
    for (pugi::xml_node p : tc.children("w:p")) prop(ppr(p), Props::PPr, "w:keepNext");
  }
}

int eighths(double pt) {
  return std::clamp(static_cast<int>(std::lround(pt * 8)), 2, 96);
}

// What a box's table properties and grid are made of.
struct BoxLook {
  bool rtl = false;
  std::vector<long> widths;  ///< twips
  std::string stroke;        ///< the border's "RRGGBB", empty for none
  int border = 0;            ///< its width in eighths of a point
  std::string accent;        ///< the accent bar's "RRGGBB", empty for none
  int accent_width = 0;      ///< in eighths of a point
  long padding = 0;          ///< the cell margins, twips
  bool operator==(const BoxLook&) const = default;
};

// The w:tblPr and w:tblGrid of a box's table of `look`: a Pledge's ten cards share one.
std::string make_box_head(const BoxLook& look) {
  pugi::xml_document scratch;
  pugi::xml_node tbl = start_table(scratch, look.rtl, look.widths, nullptr);
  pugi::xml_node borders = prop(tbl.child("w:tblPr"), Props::TblPr, "w:tblBorders");
  const char* start_side = look.rtl ? "w:right" : "w:left";
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    pugi::xml_node b = borders.append_child(side);
    const bool start = std::string_view(side) == start_side;
    const bool inside = std::string_view(side).rfind("w:inside", 0) == 0;
    if (start && !look.accent.empty()) {
      b.append_attribute("w:val") = "single";
      b.append_attribute("w:sz") = look.accent_width;
      b.append_attribute("w:space") = 0;
      b.append_attribute("w:color") = look.accent.c_str();
    } else if (!inside && !look.stroke.empty()) {
      b.append_attribute("w:val") = "single";
      b.append_attribute("w:sz") = look.border;
      b.append_attribute("w:space") = 0;
      b.append_attribute("w:color") = look.stroke.c_str();
    } else {
      b.append_attribute("w:val") = "nil";
    }
  }
  pugi::xml_node mar = prop(tbl.child("w:tblPr"), Props::TblPr, "w:tblCellMar");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
    pugi::xml_node m = mar.append_child(side);
    m.append_attribute("w:w") = look.padding;
    m.append_attribute("w:type") = "dxa";
  }
  set_look(tbl, false);
  return serialize_node(tbl.child("w:tblPr")) + serialize_node(tbl.child("w:tblGrid"));
}

}  // namespace

// A box (model::Panel) is a one-row table: the style sheet's fill as cell shading, its
// border on every side, the accent bar as a thick border on the start side, and a
// card's icon in a narrow first cell. The row never splits (as the PDF keeps a box that
// fits on a page whole).
void write_panel(Context& ctx, pugi::xml_node parent, const model::Panel& panel, const BlockEnv& env) {
  const model::StyleSheet& sheet = ctx.doc.styles;
  const model::BoxStyle& bs = sheet.box(panel.style);
  const double body = ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11;
  const double icon_pt = panel.icon ? (panel.icon->size > 0 ? panel.icon->size : bs.icon_size * body) : 0;
  // Layout: padding, icon, the icon gap, text, padding. Here the icon cell is the icon and
  // half the gap on either side (its own margins), the text cell has the box's padding: the
  // text starts where layout starts it, give or take the accent bar.
  const long gap = twips(bs.icon_gap * body);
  const long icon_col = panel.icon ? twips(icon_pt) + gap : 0;
  std::vector<long> widths;
  if (panel.icon) widths.push_back(icon_col);
  widths.push_back(std::max(400L, ctx.text_width_twips - icon_col));
  const std::optional<model::Color> accent =
      panel.accent ? panel.accent : (bs.accent.empty() ? std::nullopt : std::optional(sheet.color(bs.accent)));
  BoxLook look;
  look.rtl = env.rtl;
  look.widths = widths;
  look.stroke = bs.border.empty() ? std::string() : hex(sheet.color(bs.border));
  look.border = eighths(bs.border_width);
  look.accent = accent ? hex(*accent) : std::string();
  look.accent_width = eighths(bs.accent_width);
  look.padding = twips(bs.padding * body);
  separate_from_previous_table(parent);
  pugi::xml_node tbl = parent.append_child("w:tbl");
  thread_local LookFragments<BoxLook, 32> box_heads;
  append_fragment(tbl, ctx.fragments, box_heads.get(look, make_box_head));
  pugi::xml_node tr = tbl.append_child("w:tr");
  prop(tr.append_child("w:trPr"), Props::TrPr, "w:cantSplit");
  const std::optional<model::Color> fill = bs.fill.empty() ? std::nullopt : std::optional(sheet.color(bs.fill));
  const long saved_width = ctx.text_width_twips;
  if (panel.icon && !(bs.icon_placement == model::IconPlacement::Title && !panel.blocks.empty())) {
    pugi::xml_node tc =
        add_box_cell(ctx, tr, {widths[0], 1, fill, false, std::array<long, 4>{-1, gap / 2, -1, gap / 2}});
    append_icon_run(ctx, tc.append_child("w:p"), *panel.icon, icon_pt);
  }
  BlockEnv cenv = env;
  cenv.list_level = -1;
  auto bm = ctx.block_bookmarks.find(&panel);
  if (panel.icon && !panel.blocks.empty() && bs.icon_placement == model::IconPlacement::Title) {
    write_title_row(ctx, tr, panel, widths, twips(bs.padding * body), fill, cenv);
    if (bm != ctx.block_bookmarks.end())
      add_bookmark(ctx, tr.child("w:tc").next_sibling("w:tc").child("w:p"), bm->second);
    if (panel.blocks.size() > 1) {  // the rest of the text under both: the box's full width
      pugi::xml_node rest = tbl.append_child("w:tr");
      prop(rest.append_child("w:trPr"), Props::TrPr, "w:cantSplit");
      pugi::xml_node tc =
          add_box_cell(ctx, rest, {widths[0] + widths[1], 2, fill, false, std::array<long, 4>{0, -1, -1, -1}});
      ctx.text_width_twips = std::max(200L, widths[0] + widths[1] - 2 * twips(bs.padding * body));
      write_blocks(ctx, tc, std::span(panel.blocks).subspan(1), cenv);
      ctx.text_width_twips = saved_width;
      ensure_ends_with_paragraph(tc);
      trim_cell_spacing(tc);
    }
    space_after_table(parent, bs.space_after * body);
    return;
  }
  pugi::xml_node tc = add_box_cell(ctx, tr, {widths.back(), 1, fill, false, std::nullopt});
  ctx.text_width_twips = std::max(200L, widths.back() - 2 * twips(bs.padding * body));
  write_blocks(ctx, tc, panel.blocks, cenv);
  ctx.text_width_twips = saved_width;
  ensure_ends_with_paragraph(tc);
  trim_cell_spacing(tc);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, tc.child("w:p"), bm->second);
  space_after_table(parent, bs.space_after * body);
}

}  // namespace quire::docx
