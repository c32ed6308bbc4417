// Text dump of the model: one node per line, indented by depth, strings quoted
// with JSON-style escapes so the dump is stable and diff-friendly.
#include <cstdio>
#include <sstream>

#include "model/document.hpp"

namespace quire::model {
namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

const char* name(Direction d) {
  return d == Direction::Ltr ? "ltr" : d == Direction::Rtl ? "rtl" : "auto";
}
const char* name(Align a) {
  switch (a) {
    case Align::Start:
      return "start";
    case Align::Center:
      return "center";
    case Align::End:
      return "end";
    case Align::Justify:
      return "justify";
  }
  return "?";
}
const char* name(ParaRole r) {
  switch (r) {
    case ParaRole::Body:
      return "body";
    case ParaRole::Title:
      return "title";
    case ParaRole::Subtitle:
      return "subtitle";
    case ParaRole::Lead:
      return "lead";
    case ParaRole::Small:
      return "small";
    case ParaRole::Notice:
      return "notice";
    case ParaRole::Caption:
      return "caption";
    case ParaRole::Quote:
      return "quote";
  }
  return "?";
}
const char* name(Rag r) {
  switch (r) {
    case Rag::None:
      return "none";
    case Rag::Red:
      return "red";
    case Rag::Amber:
      return "amber";
    case Rag::Green:
      return "green";
    case Rag::Blue:
      return "blue";
  }
  return "?";
}
const char* name(FieldKind k) {
  return k == FieldKind::PageNumber      ? "page"
         : k == FieldKind::PageCount     ? "pages"
         : k == FieldKind::PartPageCount ? "part-pages"
                                         : "section-title";
}
std::string color(const Color& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}
std::string style(const RunStyle& s) {
  std::string out;
  if (s.strong) out += " strong";
  if (s.emphasis) out += " em";
  if (s.small_caps) out += " small-caps";
  if (s.color) out += " color=" + color(*s.color);
  if (!s.style.empty()) out += " style=" + s.style;
  return out;
}

class Dumper {
 public:
  std::ostringstream out;

  void line(int depth, const std::string& text) {
    out << std::string(static_cast<size_t>(depth) * 2, ' ') << text << '\n';
  }

  void inlines(int depth, const std::vector<Inline>& content) {
    for (const auto& in : content) {
      if (const auto* t = std::get_if<TextRun>(&in)) {
        std::string attrs = style(t->style);
        if (!t->lang.empty()) attrs += " lang=" + t->lang;
        if (t->dir != Direction::Auto) attrs += std::string(" dir=") + name(t->dir);
        if (!t->link.empty()) attrs += " link=" + quote(t->link);
        line(depth, "text" + attrs + " " + quote(t->text));
      } else if (std::holds_alternative<LineBreak>(in)) {
        line(depth, "line-break");
      } else if (const auto* f = std::get_if<Field>(&in)) {
        line(depth, std::string("field ") + name(f->kind) + style(f->style));
      } else if (const auto* r = std::get_if<CrossRef>(&in)) {
        const char* form = r->form == RefForm::Page        ? "page"
                           : r->form == RefForm::Title     ? "title"
                           : r->form == RefForm::PageRange ? "pages"
                                                           : "number";
        line(depth, std::string("ref ") + form + " " + quote(r->target));
      } else if (const auto* fn = std::get_if<Footnote>(&in)) {
        line(depth, "footnote");
        blocks(depth + 1, fn->body);
      }
    }
  }

  void paragraph(int depth, const Paragraph& p, const char* kind = "paragraph") {
    std::string attrs = std::string(" role=") + name(p.role) + " align=" + name(p.align);
    if (!p.lang.empty()) attrs += " lang=" + p.lang;
    if (p.dir != Direction::Auto) attrs += std::string(" dir=") + name(p.dir);
    if (!p.id.empty()) attrs += " id=" + quote(p.id);
    if (p.keep_with_next) attrs += " keep-with-next";
    if (p.keep_with_previous) attrs += " keep-with-previous";
    if (!p.style.empty()) attrs += " style=" + quote(p.style);
    if (p.numbered) attrs += p.number.empty() ? std::string(" numbered") : " numbered=" + quote(p.number);
    line(depth, kind + attrs);
    inlines(depth + 1, p.content);
  }

  void blocks(int depth, const std::vector<Block>& bs) {
    for (const auto& b : bs) block(depth, b);
  }

  void block(int depth, const Block& b) {
    std::visit([&](const auto& v) { visit(depth, v); }, b.value);
  }

  void visit(int depth, const Heading& h) {
    std::string attrs = " level=" + std::to_string(h.level);
    if (!h.id.empty()) attrs += " id=" + quote(h.id);
    if (h.numbered) attrs += h.number.empty() ? std::string(" numbered") : " numbered=" + quote(h.number);
    if (!h.in_contents) attrs += " not-in-contents";
    line(depth, "heading" + attrs);
    inlines(depth + 1, h.content);
  }
  void visit(int depth, const Paragraph& p) { paragraph(depth, p); }
  void visit(int depth, const List& l) {
    line(depth, std::string("list ") + (l.ordered ? "ordered start=" + std::to_string(l.start) : "unordered"));
    for (const auto& item : l.items) {
      line(depth + 1, item.number.empty() ? std::string("item") : "item number=" + quote(item.number));
      blocks(depth + 2, item.blocks);
    }
  }
  void visit(int depth, const Table& t) {
    std::string attrs = " header-rows=" + std::to_string(t.header_rows);
    if (!t.column_widths.empty()) {
      attrs += " widths=";
      for (size_t i = 0; i < t.column_widths.size(); ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%g", i ? "," : "", t.column_widths[i]);
        attrs += buf;
      }
    }
    if (t.dir != Direction::Auto) attrs += std::string(" dir=") + name(t.dir);
    if (!t.id.empty()) attrs += " id=" + quote(t.id);
    if (!t.caption.empty()) attrs += " caption=" + quote(t.caption);
    line(depth, "table" + attrs);
    for (const auto& row : t.rows) {
      line(depth + 1, "row");
      for (const auto& cell : row.cells) {
        std::string c;
        if (cell.col_span != 1) c += " colspan=" + std::to_string(cell.col_span);
        if (cell.row_span != 1) c += " rowspan=" + std::to_string(cell.row_span);
        if (cell.shading) c += " shading=" + color(*cell.shading);
        if (cell.rag != Rag::None) c += std::string(" rag=") + name(cell.rag);
        if (cell.align != Align::Start) c += std::string(" align=") + name(cell.align);
        line(depth + 2, "cell" + c);
        blocks(depth + 3, cell.blocks);
      }
    }
  }
  void visit(int depth, const Image& i) {
    line(depth, "image src=" + quote(i.source) + " bytes=" + std::to_string(i.data.size()) +
                    (i.decorative ? " decorative" : " alt=" + quote(i.alt)));
  }
  void visit(int depth, const Chart& c) {
    char geo[96] = "";
    if (c.height > 0) std::snprintf(geo, sizeof geo, " height=%g", c.height);
    line(depth, std::string("chart ") + (c.kind == Chart::Kind::Bar ? "bar" : "line") + " title=" + quote(c.title) +
                    " alt=" + quote(c.alt) + geo + (c.y_title.empty() ? "" : " y-title=" + quote(c.y_title)));
    for (const auto& s : c.series) line(depth + 1, "series " + quote(s.name) + " n=" + std::to_string(s.values.size()));
  }
  void visit(int depth, const Icon& i) {
    line(depth, "icon " + i.name + (i.decorative ? " decorative" : " alt=" + quote(i.alt)) +
                    (i.color ? " color=" + color(*i.color) : std::string()) +
                    (i.id.empty() ? "" : " id=" + quote(i.id)));
  }
  void visit(int depth, const Panel& p) {
    line(depth, "box style=" + quote(p.style) + (p.accent ? " accent=" + color(*p.accent) : std::string()) +
                    (p.id.empty() ? "" : " id=" + quote(p.id)));
    if (p.icon) visit(depth + 1, *p.icon);
    blocks(depth + 1, p.blocks);
  }
  void visit(int depth, const PageBreak&) { line(depth, "page-break"); }
  void visit(int depth, const Contents& c) {
    line(depth, "contents title=" + quote(c.title) + " max-level=" + std::to_string(c.max_level));
  }
  void visit(int depth, const KeepTogether& k) {
    line(depth, "keep-together");
    blocks(depth + 1, k.blocks);
  }
  void visit(int depth, const Columns& c) {
    std::string head = "columns n=" + std::to_string(c.columns.size());
    for (size_t i = 0; i < c.widths.size(); ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s%g", i ? "," : " widths=", c.widths[i]);
      head += buf;
    }
    line(depth, head);
    for (const auto& col : c.columns) {
      line(depth + 1, "column");
      blocks(depth + 2, col);
    }
  }
};

}  // namespace

std::string dump(const Document& doc) {
  Dumper d;
  const auto& m = doc.meta;
  d.line(0, "document lang=" + m.language + " dir=" + name(m.direction));
  d.line(1, "title " + quote(m.title));
  if (!m.author.empty()) d.line(1, "author " + quote(m.author));
  if (!m.subject.empty()) d.line(1, "subject " + quote(m.subject));
  if (!m.digits.empty()) d.line(1, "digits " + quote(m.digits));
  if (!m.classification.empty()) d.line(1, "classification " + quote(m.classification));
  for (const auto& [k, v] : m.custom) d.line(1, "custom " + k + "=" + quote(v));
  if (!m.blank_page_text.empty()) d.line(1, "blank-page " + quote(m.blank_page_text));
  for (const auto& s : doc.sections) {
    char geo[128];
    std::snprintf(geo, sizeof geo, "section page=%gx%g margins=%g,%g,%g,%g", s.page.width, s.page.height,
                  s.page.margin_top, s.page.margin_right, s.page.margin_bottom, s.page.margin_left);
    std::string attrs = s.title.empty() ? std::string() : " title=" + quote(s.title);
    if (!s.id.empty()) attrs += " id=" + quote(s.id);
    if (s.start == SectionStart::OddPage) attrs += " start=odd";
    if (s.first_page_number) attrs += " first-page=" + std::to_string(*s.first_page_number);
    if (s.starts_copy) attrs += " starts-copy";
    if (s.numbering != PageNumbering::Decimal)
      attrs += s.numbering == PageNumbering::None ? " numbering=none" : " numbering=roman";
    d.line(1, geo + attrs);
    for (const auto& p : s.header.paragraphs) d.paragraph(2, p, "header");
    for (const auto& p : s.footer.paragraphs) d.paragraph(2, p, "footer");
    d.blocks(2, s.blocks);
  }
  return d.out.str();
}

std::string plain_text(const std::vector<Inline>& content) {
  std::string out;
  for (const auto& in : content) {
    if (const auto* t = std::get_if<TextRun>(&in))
      out += t->text;
    else if (std::holds_alternative<LineBreak>(in))
      out += ' ';
    else if (const auto* f = std::get_if<Field>(&in))
      out += std::string("{") + name(f->kind) + "}";
    else if (const auto* r = std::get_if<CrossRef>(&in))
      out += "{ref:" + r->target + "}";
  }
  return out;
}

std::string visible_text(const std::vector<Inline>& content) {
  std::string out;
  for (const auto& in : content) {
    if (const auto* t = std::get_if<TextRun>(&in))
      out += t->text;
    else if (std::holds_alternative<LineBreak>(in))
      out += ' ';
  }
  return out;
}

}  // namespace quire::model
