// word/styles.xml: document defaults (fonts in all four slots, languages, size and
// spacing from the template's typography) and real named styles, built-in names where
// Word has one (Title, heading 1-6, List Paragraph, Table Grid, caption...) so users and
// assistive technology see the structure, plus quire's Lead, Small and Notice.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>

#include "docx/recent.hpp"
#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

// One w:style, children added in CT_Style's sequence order.
class Style {
 public:
  Style(pugi::xml_node root, const char* type, const std::string& id, const std::string& name, bool is_default = false)
      : s_(root.append_child("w:style")) {
    s_.append_attribute("w:type") = type;
    if (is_default) s_.append_attribute("w:default") = 1;
    s_.append_attribute("w:styleId") = id.c_str();
    add_val(s_, "w:name", name);
  }
  Style& based_on(const std::string& id) { return val("w:basedOn", id); }
  Style& next(const std::string& id) { return val("w:next", id); }
  Style& priority(int p) { return val("w:uiPriority", std::to_string(p)); }
  Style& semi_hidden() {
    s_.append_child("w:semiHidden");
    s_.append_child("w:unhideWhenUsed");
    return *this;
  }
  Style& q_format() {
    s_.append_child("w:qFormat");
    return *this;
  }
  pugi::xml_node ppr() { return child("w:pPr"); }
  pugi::xml_node rpr() { return child("w:rPr"); }
  pugi::xml_node tblpr() { return child("w:tblPr"); }

  /// w:sz for Latin text, w:szCs (complex scripts) scaled as the style sheet says so
  /// Arabic-script and Bengali text read the same size as Latin.
  Style& size(double points, double cs_scale = 1.0) {
    prop_val(rpr(), Props::RPr, "w:sz", std::to_string(half_points(points)));
    prop_val(rpr(), Props::RPr, "w:szCs", std::to_string(half_points(points * cs_scale)));
    return *this;
  }
  Style& bold() {
    prop(rpr(), Props::RPr, "w:b");
    prop(rpr(), Props::RPr, "w:bCs");
    return *this;
  }
  Style& italic() {
    prop(rpr(), Props::RPr, "w:i");
    prop(rpr(), Props::RPr, "w:iCs");
    return *this;
  }
  Style& color(const std::string& rrggbb) {
    prop_val(rpr(), Props::RPr, "w:color", rrggbb);
    return *this;
  }
  Style& spacing(long before, long after) {
    pugi::xml_node sp = prop(ppr(), Props::PPr, "w:spacing");
    sp.append_attribute("w:before") = before;
    sp.append_attribute("w:after") = after;
    return *this;
  }
  Style& line(long in_240ths) {
    pugi::xml_node sp = prop(ppr(), Props::PPr, "w:spacing");
    sp.append_attribute("w:line") = in_240ths;
    sp.append_attribute("w:lineRule") = "auto";
    return *this;
  }

 private:
  Style& val(const char* name, const std::string& v) {
    add_val(s_, name, v);
    return *this;
  }
  pugi::xml_node child(const char* name) {
    // pPr, rPr, tblPr come last, in this order
    pugi::xml_node n = s_.child(name);
    if (n) return n;
    if (std::string_view(name) == "w:pPr" && s_.child("w:rPr")) return s_.insert_child_before(name, s_.child("w:rPr"));
    return s_.append_child(name);
  }
  pugi::xml_node s_;
};

void border(pugi::xml_node parent, const char* side, int eighths, int space, const std::string& color) {
  pugi::xml_node b = parent.append_child(side);
  b.append_attribute("w:val") = "single";
  b.append_attribute("w:sz") = eighths;
  b.append_attribute("w:space") = space;
  b.append_attribute("w:color") = color.c_str();
}

// The scale of complex-script text (w:szCs): the document's own script where it is sized
// with szCs (Arabic, Bengali; Ethiopic, whose runs are marked w:cs), else Arabic's, the
// complex script most often mixed in. Latin text keeps w:sz, unscaled, as in the PDF.
double cs_scale(const Context& ctx) {
  if (ctx.doc.styles.unscaled(ctx.lang)) return 1.0;  // Urdu's Nastaliq, as layout sets it
  const Script s = script_of_language(ctx.lang);
  return ctx.doc.styles.scale_for_script(s == Script::Bengali ? "Beng" : s == Script::Ethiopic ? "Ethi" : "Arab");
}

// Writes one paragraph style of the style sheet (sizes, spacing, colours, fill, borders).
Style& paragraph_style(Style& st, const Context& ctx, std::string_view name) {
  const model::ResolvedStyle r = model::resolve_style(ctx.doc, name);
  const model::Typography& t = ctx.doc.typography;
  const double line = t.line_height > 0 ? t.line_height : 1.35;
  st.spacing(twips(r.space_before), twips(r.space_after));
  if (r.line_height != line) st.line(auto_line(r.line_height, ctx.lang, ctx.doc.styles.tallest_line));
  pugi::xml_node pr = st.ppr();
  if (r.keep_with_next) {
    prop(pr, Props::PPr, "w:keepNext");
    prop(pr, Props::PPr, "w:keepLines");
  }
  // A notice: layout's padding between the text and the border on every side (w:space),
  // and the border inside the text column (the indent), as the PDF draws it.
  const double pad = ctx.doc.styles.notice_padding, rule = ctx.doc.styles.notice_border_width;
  if (r.border || r.bar) {
    pugi::xml_node bdr = prop(pr, Props::PPr, "w:pBdr");
    if (r.border)
      for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"})
        border(bdr, side, std::clamp(static_cast<int>(std::lround(rule * 8)), 2, 96),
               std::clamp(static_cast<int>(std::lround(pad)), 0, 31), hex(*r.border));
    else
      border(bdr, "w:left", 24, 8, hex(*r.bar));
  }
  if (r.fill) {
    pugi::xml_node shd = prop(pr, Props::PPr, "w:shd");
    shd.append_attribute("w:val") = "clear";
    shd.append_attribute("w:color") = "auto";
    shd.append_attribute("w:fill") = hex(*r.fill).c_str();
  }
  if (r.indent_start > 0 || r.indent_end > 0 || r.fill || r.border) {
    pugi::xml_node ind = prop(pr, Props::PPr, "w:ind");
    const long inset = r.fill || r.border ? twips(pad + rule) : 0;
    ind.append_attribute("w:left") = twips(r.indent_start) + inset;
    ind.append_attribute("w:right") = twips(r.indent_end) + inset;
  }
  const double body = t.body_size > 0 ? t.body_size : 11;
  if (std::abs(r.size - body) > 0.01) st.size(r.size, cs_scale(ctx));
  if (r.bold) st.bold();
  if (r.italic) st.italic();
  if (r.color != ctx.doc.styles.color("text")) st.color(hex(r.color));
  return st;
}

void doc_defaults(pugi::xml_node root, const Context& ctx) {
  const model::Typography& t = ctx.doc.typography;
  pugi::xml_node defaults = root.append_child("w:docDefaults");
  pugi::xml_node rpr = defaults.append_child("w:rPrDefault").append_child("w:rPr");
  // Runs leave out what these say (inlines.cpp, run_props): both are read from script.cpp.
  const FontSlots& slots = default_slots(ctx.lang);
  pugi::xml_node fonts = prop(rpr, Props::RPr, "w:rFonts");
  fonts.append_attribute("w:ascii") = slots.ascii.c_str();
  fonts.append_attribute("w:hAnsi") = slots.h_ansi.c_str();
  fonts.append_attribute("w:eastAsia") = slots.east_asia.c_str();
  fonts.append_attribute("w:cs") = slots.cs.c_str();
  const double body = t.body_size > 0 ? t.body_size : 11;
  prop_val(rpr, Props::RPr, "w:sz", std::to_string(half_points(body)));
  prop_val(rpr, Props::RPr, "w:szCs", std::to_string(half_points(body * cs_scale(ctx))));
  prop_val(rpr, Props::RPr, "w:color", hex(ctx.doc.styles.color("text")));
  // w:val for Latin text, w:eastAsia for Han, w:bidi for complex scripts: the document's
  // language where it is of that kind, else a sensible neighbour.
  const DefaultLangs& langs = default_langs(ctx.lang);
  pugi::xml_node lang = prop(rpr, Props::RPr, "w:lang");
  lang.append_attribute("w:val") = langs.val.c_str();
  lang.append_attribute("w:eastAsia") = langs.east_asia.c_str();
  lang.append_attribute("w:bidi") = langs.bidi.c_str();

  pugi::xml_node ppr = defaults.append_child("w:pPrDefault").append_child("w:pPr");
  // Widows and orphans as layout keeps them: two lines at least at the foot and the head of
  // a page, so a paragraph of two or three lines is never split (absent, it is off in Word).
  prop(ppr, Props::PPr, "w:widowControl");
  pugi::xml_node sp = prop(ppr, Props::PPr, "w:spacing");
  sp.append_attribute("w:after") = twips(std::max(0.0, t.paragraph_space));
  sp.append_attribute("w:line") =
      auto_line(t.line_height > 0 ? t.line_height : 1.35, ctx.lang, ctx.doc.styles.tallest_line);
  sp.append_attribute("w:lineRule") = "auto";
}

}  // namespace

std::string style_id(std::string_view name) {
  static const std::map<std::string_view, std::string_view> word = {{"Body", "Normal"}};
  if (auto it = word.find(name); it != word.end()) return std::string(it->second);
  std::string id;
  for (unsigned char c : name)
    if (std::isalnum(c)) id += static_cast<char>(c);
  return id.empty() || !std::isalpha(static_cast<unsigned char>(id[0])) ? "q" + id : id;
}

std::string char_style_id(std::string_view name) {
  return style_id(name) + "Char";
}

namespace {

std::string build_styles_xml(const Context& ctx) {
  pugi::xml_document doc;
  pugi::xml_node root = new_word_root(doc, "w:styles");
  doc_defaults(root, ctx);

  Style(root, "paragraph", "Normal", "Normal", true).q_format();
  Style(root, "character", "DefaultParagraphFont", "Default Paragraph Font", true).priority(1).semi_hidden();
  {
    Style t(root, "table", "TableNormal", "Normal Table", true);
    t.priority(99).semi_hidden();
    pugi::xml_node pr = t.tblpr();
    pugi::xml_node ind = prop(pr, Props::TblPr, "w:tblInd");
    ind.append_attribute("w:w") = 0;
    ind.append_attribute("w:type") = "dxa";
    pugi::xml_node mar = prop(pr, Props::TblPr, "w:tblCellMar");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
      pugi::xml_node m = mar.append_child(side);
      m.append_attribute("w:w") = (side[2] == 't' || side[2] == 'b') ? 0 : 108;
      m.append_attribute("w:type") = "dxa";
    }
  }
  Style(root, "numbering", "NoList", "No List", true).priority(99).semi_hidden();

  // Every paragraph style of the style sheet, resolved as layout resolves it
  // (model::resolve_style), with Word's built-in ids where Word has one.
  {
    Style t(root, "paragraph", "Title", "Title");
    paragraph_style(t.based_on("Normal").next("Normal").priority(10).q_format(), ctx, "Title");
    Style st(root, "paragraph", "Subtitle", "Subtitle");
    paragraph_style(st.based_on("Normal").next("Normal").priority(11).q_format(), ctx, "Subtitle");
  }
  for (int level = 1; level <= 6; ++level) {
    Style h(root, "paragraph", "Heading" + std::to_string(level), "heading " + std::to_string(level));
    h.based_on("Normal").next("Normal").priority(9).q_format();
    paragraph_style(h, ctx, model::heading_style_name(level));
    prop_val(h.ppr(), Props::PPr, "w:outlineLvl", std::to_string(level - 1));
  }
  {
    Style s(root, "paragraph", "ListParagraph", "List Paragraph");
    s.based_on("Normal").priority(34).q_format();
    // The indent of a first-level bullet (numbering.xml sets each level's); no
    // w:contextualSpacing: layout gives list items the paragraph space of body text.
    const double body = ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11;
    prop(s.ppr(), Props::PPr, "w:ind").append_attribute("w:left") = twips(ctx.doc.styles.lists.bullet_indent * body);
  }
  {
    Style c(root, "paragraph", "Caption", "caption");
    paragraph_style(c.based_on("Normal").next("Normal").priority(35).q_format(), ctx, "Caption").bold();
    Style q(root, "paragraph", "Quote", "Quote");
    paragraph_style(q.based_on("Normal").next("Normal").priority(29).q_format(), ctx, "Quote").italic();
  }
  // The rest of the sheet, quire's own and the template's, under their own names.
  for (const auto& [name, style] : ctx.doc.styles.paragraphs) {
    if (name == "Body" || name == "Title" || name == "Subtitle" || name == "Caption" || name == "Quote" ||
        name.rfind("Heading", 0) == 0)
      continue;
    Style p(root, "paragraph", style_id(name), name);
    paragraph_style(p.based_on("Normal").next("Normal").q_format(), ctx, name);
  }
  for (const auto& [name, style] : ctx.doc.styles.characters) {
    Style c(root, "character", char_style_id(name), name);
    const double body = ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11;
    if (style.size > 0 && std::abs(style.size - 1.0) > 0.001) c.size(body * style.size, cs_scale(ctx));
    if (style.bold) c.bold();
    if (style.italic) c.italic();
    if (!style.color.empty()) c.color(hex(ctx.doc.styles.color(style.color)));
  }
  {
    Style s(root, "table", "TableGrid", "Table Grid");
    s.based_on("TableNormal").priority(39);
    s.spacing(0, 0);  // the body's line height, as layout sets table text
    const model::TableStyle& ts = ctx.doc.styles.table;
    pugi::xml_node bdr = prop(s.tblpr(), Props::TblPr, "w:tblBorders");
    const int eighths = std::clamp(static_cast<int>(std::lround(ts.border_width * 8)), 2, 96);
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
      border(bdr, side, eighths, 0, hex(ctx.doc.styles.color("border")));
    // The cell padding of layout's tables (the style sheet's), not Word's 5.4 pt sides and none above.
    pugi::xml_node mar = prop(s.tblpr(), Props::TblPr, "w:tblCellMar");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
      pugi::xml_node m = mar.append_child(side);
      m.append_attribute("w:w") = twips(side[2] == 't' || side[2] == 'b' ? ts.padding_y : ts.padding_x);
      m.append_attribute("w:type") = "dxa";
    }
    // tblPr goes after pPr: Style::child() keeps that order.
  }
  {
    Style s(root, "paragraph", "TOCHeading", "TOC Heading");
    s.based_on("Heading1").next("Normal").priority(39).semi_hidden().q_format();
    prop_val(s.ppr(), Props::PPr, "w:outlineLvl", "9");  // the contents' title is not listed in itself
  }
  for (int level = 1; level <= 9; ++level) {
    Style s(root, "paragraph", "TOC" + std::to_string(level), "toc " + std::to_string(level));
    s.based_on("Normal").next("Normal").priority(39).semi_hidden();
    s.spacing(0, 100);
    prop(s.ppr(), Props::PPr, "w:ind").append_attribute("w:left") = 220 * (level - 1);
  }
  const double small = model::resolve_style(ctx.doc, "Small").size;
  Style(root, "paragraph", "Header", "header").based_on("Normal").priority(99).semi_hidden().spacing(0, 0).size(small);
  Style(root, "paragraph", "Footer", "footer").based_on("Normal").priority(99).semi_hidden().spacing(0, 0).size(small);
  {
    Style s(root, "character", "Hyperlink", "Hyperlink");
    s.priority(99).semi_hidden();
    s.color(hex(ctx.doc.styles.color("link")));
    prop_val(s.rpr(), Props::RPr, "w:u", "single");
  }
  Style(root, "paragraph", "FootnoteText", "footnote text")
      .based_on("Normal")
      .priority(99)
      .semi_hidden()
      .spacing(0, 0)
      .size(small);
  {
    Style s(root, "character", "FootnoteReference", "footnote reference");
    s.priority(99).semi_hidden();
    prop_val(s.rpr(), Props::RPr, "w:vertAlign", "superscript");
  }
  return serialize(doc);
}

// The style sheet part is a function of the document's style sheet, its typography and its
// language, which every document of a batch shares: building it again was a tenth of a
// Pledge's Word file. The key spells out every field of the sheet and the typography that
// can reach it (not the typography's unhyphenated words, the data's: a child's name), and is
// compared in full. The structured bindings stop the build when a field is added to one of
// these structs, so the key cannot silently miss it.
void put(std::string& key, double v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put(std::string& key, bool v) {
  key += v ? '1' : '0';
}
void put(std::string& key, std::string_view v) {
  put(key, static_cast<double>(v.size()));
  key += v;
}
void put(std::string& key, const model::Color& c) {
  key += static_cast<char>(c.r);
  key += static_cast<char>(c.g);
  key += static_cast<char>(c.b);
}

std::string styles_key(const Context& ctx) {
  const model::StyleSheet& sheet = ctx.doc.styles;
  [[maybe_unused]] const auto& [palette, paragraphs, characters, boxes, table, lists, notice_padding,
                                notice_border_width, rag, script_scale, unscaled_languages, tallest_line, column_gap] =
      sheet;
  [[maybe_unused]] const auto& [body_size, line_height, paragraph_space, hyphenate, fit_pages, min_body_size,
                                min_line_height, unhyphenated, fitted] = ctx.doc.typography;
  std::string key;
  key.reserve(2048);
  put(key, ctx.lang);
  for (double v : {body_size, line_height, paragraph_space}) put(key, v);
  put(key, hyphenate);
  put(key, static_cast<double>(palette.size()));
  for (const auto& [name, color] : palette) {
    put(key, name);
    put(key, color);
  }
  put(key, static_cast<double>(paragraphs.size()));
  for (const auto& [name, p] : paragraphs) {
    const auto& [size, bold, italic, color, line, before, after, start, end, hyph, keep, fill, border, bar] = p;
    put(key, name);
    for (double v : {size, line, before, after, start, end}) put(key, v);
    for (bool v : {bold, italic, hyph, keep}) put(key, v);
    for (const std::string* v : {&color, &fill, &border, &bar}) put(key, *v);
  }
  put(key, static_cast<double>(characters.size()));
  for (const auto& [name, c] : characters) {
    const auto& [size, bold, italic, color] = c;
    put(key, name);
    put(key, size);
    put(key, bold);
    put(key, italic);
    put(key, color);
  }
  {
    const auto& [padding_x, padding_y, border_width, space_after, caption_space_after] = table;
    for (double v : {padding_x, padding_y, border_width, space_after, caption_space_after}) put(key, v);
    const auto& [bullet_indent, number_indent, label_gap] = lists;
    for (double v : {bullet_indent, number_indent, label_gap}) put(key, v);
  }
  for (double v : {notice_padding, notice_border_width, tallest_line}) put(key, v);
  put(key, static_cast<double>(script_scale.size()));
  for (const auto& [script, scale] : script_scale) {
    put(key, script);
    put(key, scale);
  }
  put(key, static_cast<double>(unscaled_languages.size()));
  for (const std::string& l : unscaled_languages) put(key, l);
  // Boxes and RAG colours are drawn in the body, never in the style sheet part.
  return key;
}

// The style sheet parts made so far, by key (the documents of a batch share one).
RecentList<std::string, std::shared_ptr<const std::string>, 16>& styles_made() {
  static RecentList<std::string, std::shared_ptr<const std::string>, 16> made;
  return made;
}

}  // namespace

std::string styles_xml(const Context& ctx) {
  std::string key = styles_key(ctx);
  if (auto xml = styles_made().find(key)) return **xml;
  auto xml = std::make_shared<const std::string>(build_styles_xml(ctx));
  styles_made().add(std::move(key), xml);
  return *xml;
}

}  // namespace quire::docx
