// Charts as native, editable DrawingML chart parts: word/charts/chartN.xml (a clustered
// c:barChart or a c:lineChart with markers, value and category axes with gridlines, a
// legend for several series, the palette's series colours) whose data also lives in an
// embedded workbook (word/embeddings/chartN.xlsx), so Word's "Edit data" works. The part
// is shown by an inline graphic frame with the chart's alternative text.
#include <algorithm>
#include <charconv>
#include <chrono>

#include "docx/package.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

constexpr const char* kChartType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kNsSheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string number_text(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// Spreadsheet column name: 0 -> A, 25 -> Z, 26 -> AA.
std::string column(size_t i) {
  std::string out;
  for (++i; i > 0; i = (i - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (i - 1) % 26));
  return out;
}

std::string series_name(const model::Chart& chart, size_t s) {
  const std::string& n = chart.series[s].name;
  return n.empty() ? "Series " + std::to_string(s + 1) : clean_text(n);
}

void val(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).append_attribute("val") = value.c_str();
}

void solid(pugi::xml_node parent, const model::Color& c) {
  parent.append_child("a:solidFill").append_child("a:srgbClr").append_attribute("val") = model::hex(c).c_str();
}

// c:tx / c:title rich text: one paragraph of `text`, `size` hundredths of a point.
void rich(pugi::xml_node parent, const std::string& text, int size, bool bold, const std::string& lang) {
  pugi::xml_node r = parent.append_child("c:tx").append_child("c:rich");
  r.append_child("a:bodyPr");
  r.append_child("a:lstStyle");
  pugi::xml_node p = r.append_child("a:p");
  pugi::xml_node def = p.append_child("a:pPr").append_child("a:defRPr");
  def.append_attribute("sz") = size;
  def.append_attribute("b") = bold ? 1 : 0;
  pugi::xml_node run = p.append_child("a:r");
  pugi::xml_node rpr = run.append_child("a:rPr");
  rpr.append_attribute("lang") = lang.c_str();
  rpr.append_attribute("sz") = size;
  rpr.append_attribute("b") = bold ? 1 : 0;
  run.append_child("a:t").text() = clean_text(text).c_str();
}

void str_ref(pugi::xml_node parent, const std::string& formula, const std::vector<std::string>& values) {
  pugi::xml_node ref = parent.append_child("c:strRef");
  ref.append_child("c:f").text() = formula.c_str();
  pugi::xml_node cache = ref.append_child("c:strCache");
  val(cache, "c:ptCount", std::to_string(values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    pugi::xml_node pt = cache.append_child("c:pt");
    pt.append_attribute("idx") = i;
    pt.append_child("c:v").text() = clean_text(values[i]).c_str();
  }
}

// A number format showing the value suffix ("%" as text: a % format would multiply by 100).
std::string format_code(const model::Chart& chart) {
  if (chart.value_suffix.empty()) return "General";
  std::string s = "General\"";
  for (char c : clean_text(chart.value_suffix))
    if (c != '"') s += c;
  return s + "\"";
}

void num_fmt(pugi::xml_node parent, const model::Chart& chart) {
  pugi::xml_node f = parent.append_child("c:numFmt");
  f.append_attribute("formatCode") = format_code(chart).c_str();
  f.append_attribute("sourceLinked") = 0;
}

void axis_text(pugi::xml_node parent, const model::Color& color, int size) {
  pugi::xml_node tx = parent.append_child("c:txPr");
  tx.append_child("a:bodyPr");
  tx.append_child("a:lstStyle");
  pugi::xml_node def = tx.append_child("a:p").append_child("a:pPr").append_child("a:defRPr");
  def.append_attribute("sz") = size;
  solid(def, color);
}

void line_props(pugi::xml_node sp_pr, const model::Color& color, long width_emu) {
  pugi::xml_node ln = sp_pr.append_child("a:ln");
  ln.append_attribute("w") = width_emu;
  solid(ln, color);
}

std::string chart_xml(const Context& ctx, const model::Chart& chart, size_t ncat) {
  const auto& styles = ctx.doc.styles;
  const bool line = chart.kind == model::Chart::Kind::Line;
  std::vector<std::string> categories = chart.categories;
  categories.resize(ncat);
  const std::string last_row = std::to_string(ncat + 1);

  pugi::xml_document doc;
  pugi::xml_node space = doc.append_child("c:chartSpace");
  space.append_attribute("xmlns:c") = kNsC;
  space.append_attribute("xmlns:a") = kNsA;
  space.append_attribute("xmlns:r") = kNsR;
  val(space, "c:date1904", "0");
  val(space, "c:lang", ctx.lang);
  val(space, "c:roundedCorners", "0");
  pugi::xml_node c = space.append_child("c:chart");
  if (!chart.title.empty()) {
    pugi::xml_node title = c.append_child("c:title");
    rich(title, chart.title, 1100, true, ctx.lang);
    val(title, "c:overlay", "0");
  }
  val(c, "c:autoTitleDeleted", chart.title.empty() ? "1" : "0");
  pugi::xml_node plot = c.append_child("c:plotArea");
  plot.append_child("c:layout");
  pugi::xml_node kind = plot.append_child(line ? "c:lineChart" : "c:barChart");
  if (!line) val(kind, "c:barDir", "col");
  val(kind, "c:grouping", line ? "standard" : "clustered");
  val(kind, "c:varyColors", "0");
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const model::Color color = styles.color("series-" + std::to_string(s % 6 + 1));
    const std::string col = column(s + 1);
    pugi::xml_node ser = kind.append_child("c:ser");
    val(ser, "c:idx", std::to_string(s));
    val(ser, "c:order", std::to_string(s));
    str_ref(ser.append_child("c:tx"), "Sheet1!$" + col + "$1", {series_name(chart, s)});
    pugi::xml_node sp = ser.append_child("c:spPr");
    if (line) {
      pugi::xml_node ln = sp.append_child("a:ln");
      ln.append_attribute("w") = 28575;  // 2.25 pt
      ln.append_attribute("cap") = "rnd";
      solid(ln, color);
      ln.append_child("a:round");
      pugi::xml_node marker = ser.append_child("c:marker");
      val(marker, "c:symbol", "circle");
      val(marker, "c:size", "7");
      pugi::xml_node msp = marker.append_child("c:spPr");
      solid(msp, color);
      line_props(msp, model::Color{0xff, 0xff, 0xff}, 9525);
    } else {
      solid(sp, color);
      val(ser, "c:invertIfNegative", "0");
    }
    str_ref(ser.append_child("c:cat"), "Sheet1!$A$2:$A$" + last_row, categories);
    pugi::xml_node num = ser.append_child("c:val").append_child("c:numRef");
    num.append_child("c:f").text() = ("Sheet1!$" + col + "$2:$" + col + "$" + last_row).c_str();
    pugi::xml_node cache = num.append_child("c:numCache");
    cache.append_child("c:formatCode").text() = "General";
    const auto& values = chart.series[s].values;
    val(cache, "c:ptCount", std::to_string(ncat));
    for (size_t i = 0; i < values.size() && i < ncat; ++i) {
      pugi::xml_node pt = cache.append_child("c:pt");
      pt.append_attribute("idx") = i;
      pt.append_child("c:v").text() = number_text(values[i]).c_str();
    }
    if (line) val(ser, "c:smooth", "0");
  }
  pugi::xml_node labels = kind.append_child("c:dLbls");
  num_fmt(labels, chart);
  if (chart.show_values) val(labels, "c:dLblPos", line ? "t" : "outEnd");
  val(labels, "c:showLegendKey", "0");
  val(labels, "c:showVal", chart.show_values ? "1" : "0");
  for (const char* n : {"c:showCatName", "c:showSerName", "c:showPercent", "c:showBubbleSize"}) val(labels, n, "0");
  if (line)
    val(kind, "c:marker", "1");
  else
    val(kind, "c:gapWidth", "60");
  val(kind, "c:axId", "500001");
  val(kind, "c:axId", "500002");

  const model::Color muted = styles.color("muted");
  pugi::xml_node cat = plot.append_child("c:catAx");
  val(cat, "c:axId", "500001");
  val(cat.append_child("c:scaling"), "c:orientation", ctx.doc_rtl ? "maxMin" : "minMax");
  val(cat, "c:delete", "0");
  val(cat, "c:axPos", "b");
  val(cat, "c:majorTickMark", "none");
  val(cat, "c:minorTickMark", "none");
  val(cat, "c:tickLblPos", "low");
  line_props(cat.append_child("c:spPr"), muted, 9525);
  axis_text(cat, styles.color("text"), 800);
  val(cat, "c:crossAx", "500002");
  val(cat, "c:crosses", "autoZero");
  val(cat, "c:auto", "1");
  val(cat, "c:lblAlgn", "ctr");
  val(cat, "c:lblOffset", "100");
  val(cat, "c:noMultiLvlLbl", "0");

  pugi::xml_node ax = plot.append_child("c:valAx");
  val(ax, "c:axId", "500002");
  pugi::xml_node scaling = ax.append_child("c:scaling");
  val(scaling, "c:orientation", "minMax");
  if (chart.y_max) val(scaling, "c:max", number_text(*chart.y_max));
  if (chart.y_min) {
    val(scaling, "c:min", number_text(*chart.y_min));
  } else if (!line) {  // bars start at zero, as in the PDF (a word processor would zoom in on the tops)
    bool negative = false;
    for (const auto& series : chart.series)
      for (double v : series.values) negative = negative || v < 0;
    if (!negative) val(scaling, "c:min", "0");
  }
  val(ax, "c:delete", "0");
  val(ax, "c:axPos", ctx.doc_rtl ? "r" : "l");
  line_props(ax.append_child("c:majorGridlines").append_child("c:spPr"), styles.color("grid"), 6350);
  if (!chart.y_title.empty()) {
    pugi::xml_node title = ax.append_child("c:title");
    rich(title, chart.y_title, 800, false, ctx.lang);
    val(title, "c:overlay", "0");
  }
  num_fmt(ax, chart);
  val(ax, "c:majorTickMark", "none");
  val(ax, "c:minorTickMark", "none");
  val(ax, "c:tickLblPos", "nextTo");
  ax.append_child("c:spPr").append_child("a:ln").append_child("a:noFill");
  axis_text(ax, muted, 800);
  val(ax, "c:crossAx", "500001");
  val(ax, "c:crosses", "autoZero");
  val(ax, "c:crossBetween", "between");

  if (chart.series.size() > 1) {
    pugi::xml_node legend = c.append_child("c:legend");
    val(legend, "c:legendPos", "t");
    val(legend, "c:overlay", "0");
  }
  val(c, "c:plotVisOnly", "1");
  val(c, "c:dispBlanksAs", "gap");
  pugi::xml_node frame = space.append_child("c:spPr");  // no box around the chart
  frame.append_child("a:noFill");
  frame.append_child("a:ln").append_child("a:noFill");
  axis_text(space, styles.color("text"), 900);
  pugi::xml_node external = space.append_child("c:externalData");
  external.append_attribute("r:id") = "rId1";
  val(external, "c:autoUpdate", "0");
  return serialize(doc);
}

// The parts of a one-sheet workbook other than the sheet.
struct FixedParts {
  std::string types, root_rels, book, book_rels;
};

FixedParts fixed_parts() {
  FixedParts out;
  pugi::xml_document book;
  pugi::xml_node root = book.append_child("workbook");
  root.append_attribute("xmlns") = kNsSheet;
  root.append_attribute("xmlns:r") = kNsR;
  pugi::xml_node sh = root.append_child("sheets").append_child("sheet");
  sh.append_attribute("name") = "Sheet1";
  sh.append_attribute("sheetId") = 1;
  sh.append_attribute("r:id") = "rId1";
  out.book = serialize(book);
  ContentTypes types;
  types.add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
  types.add_default("xml", "application/xml");
  types.add_override("/xl/workbook.xml", std::string(kXlsxType) + ".main+xml");
  types.add_override("/xl/worksheets/sheet1.xml",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
  out.types = types.xml();
  Relationships root_rels, book_rels;
  root_rels.add(rel_type("officeDocument"), "xl/workbook.xml");
  book_rels.add(rel_type("worksheet"), "worksheets/sheet1.xml");
  out.root_rels = root_rels.xml();
  out.book_rels = book_rels.xml();
  return out;
}

// The chart's data as a one-sheet workbook: categories in column A, one column per series.
std::string workbook(const model::Chart& chart, size_t ncat) {
  pugi::xml_document sheet;
  pugi::xml_node root = sheet.append_child("worksheet");
  root.append_attribute("xmlns") = kNsSheet;
  pugi::xml_node data = root.append_child("sheetData");
  auto cell_text = [](pugi::xml_node row, const std::string& ref, const std::string& text) {
    pugi::xml_node c = row.append_child("c");
    c.append_attribute("r") = ref.c_str();
    c.append_attribute("t") = "inlineStr";
    c.append_child("is").append_child("t").text() = clean_text(text).c_str();
  };
  pugi::xml_node head = data.append_child("row");
  head.append_attribute("r") = 1;
  for (size_t s = 0; s < chart.series.size(); ++s) cell_text(head, column(s + 1) + "1", series_name(chart, s));
  for (size_t i = 0; i < ncat; ++i) {
    const std::string r = std::to_string(i + 2);
    pugi::xml_node row = data.append_child("row");
    row.append_attribute("r") = r.c_str();
    cell_text(row, "A" + r, i < chart.categories.size() ? chart.categories[i] : std::string());
    for (size_t s = 0; s < chart.series.size(); ++s) {
      if (i >= chart.series[s].values.size()) continue;
      pugi::xml_node c = row.append_child("c");
      c.append_attribute("r") = (column(s + 1) + r).c_str();
      c.append_child("v").text() = number_text(chart.series[s].values[i]).c_str();
    }
  }
  // The parts around the sheet are the same in every workbook: made once per process.
  static const FixedParts fixed = fixed_parts();
  Package pkg;
  pkg.store_only();  // tiny parts: the DOCX's own deflate compresses the workbook whole
  pkg.add("[Content_Types].xml", fixed.types);
  pkg.add("_rels/.rels", fixed.root_rels);
  pkg.add("xl/workbook.xml", fixed.book);
  pkg.add("xl/_rels/workbook.xml.rels", fixed.book_rels);
  pkg.add("xl/worksheets/sheet1.xml", serialize(sheet));
  std::string error;
  // A fixed date: the same chart always gives the same bytes.
  return pkg.zip(std::chrono::system_clock::time_point(std::chrono::seconds(946684800)), error);
}

}  // namespace

void write_chart(Context& ctx, pugi::xml_node parent, const model::Chart& chart, const BlockEnv& env) {
  size_t ncat = chart.categories.size();
  for (const auto& s : chart.series) ncat = std::max(ncat, s.values.size());
  const int n = ctx.next_chart++;
  const std::string name = "chart" + std::to_string(n);
  ctx.parts.emplace_back("word/charts/" + name + ".xml", chart_xml(ctx, chart, ncat));
  ctx.types.add_override("/word/charts/" + name + ".xml", kChartType);
  const std::string book = workbook(chart, ncat);
  if (!book.empty()) {
    ctx.parts.emplace_back("word/embeddings/" + name + ".xlsx", book);
    ctx.types.add_default("xlsx", kXlsxType);
    Relationships rels;
    rels.add(rel_type("package"), "../embeddings/" + name + ".xlsx");
    ctx.parts.emplace_back("word/charts/_rels/" + name + ".xml.rels", rels.xml());
  }
  const std::string rid = ctx.rels->add(rel_type("chart"), "charts/" + name + ".xml");

  // As wide as the column (at most 17 cm); the plot's height plus title, labels and legend.
  const double width = std::min(ctx.text_width_twips / 20.0, 480.0);
  const double plot = chart.height > 0 ? chart.height : std::max(120.0, width / 3);
  const double height = plot + 56 + (chart.title.empty() ? 0 : 22) + (chart.series.size() > 1 ? 18 : 0);
  // Not a bidi paragraph: LibreOffice mirrors a chart in one, text and all. A chart is
  // mirrored by its own axes instead (categories from the right, the value axis on the right).
  pugi::xml_node p = parent.append_child("w:p");
  drawing_line(p);
  if (env.rtl) prop_val(ppr(p), Props::PPr, "w:jc", "right");
  pugi::xml_node data = append_inline_drawing(ctx, p.append_child("w:r"), width, height,
                                              chart.alt.empty() ? chart.title : chart.alt, false, "Chart", kNsC);
  pugi::xml_node ref = data.append_child("c:chart");
  ref.append_attribute("xmlns:c") = kNsC;
  ref.append_attribute("r:id") = rid.c_str();
  auto bm = ctx.block_bookmarks.find(&chart);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, p, bm->second);
}

}  // namespace quire::docx
