// Rendering, part 2: block elements (paragraphs, headings, lists, tables, images,
// charts, containers) and attribute values at render time.
#include "image/decode.hpp"
#include "template/render.hpp"

namespace quire::tmpl {

std::optional<std::string> Emitter::text(const Node& n, At id) {
  const Attr* a = n.attr(id);
  if (!a) return std::nullopt;
  if (a->literal()) return std::string(a->literal_text());
  std::string out;
  bool ok = true;
  for (const auto& part : a->parts) {
    if (part.expr)
      ok = eval_text(*part.expr, st_.cx, out) && ok;
    else
      out += part.text;
  }
  if (!ok) return std::nullopt;
  if (!st_.cx.highlight_message.empty())  // an attribute has no character styles: no preview marks
    for (char k : {'h', 'H'})
      for (std::size_t at; (at = out.find(std::string(kFieldMark) + k)) != std::string::npos;) out.erase(at, 4);
  return out;
}

// A list attribute: "a, b, c", or {{ expr }} giving a list (or such a text).
std::vector<std::string> Emitter::string_list(const Node& n, At id) {
  std::vector<std::string> out;
  const Attr* a = n.attr(id);
  if (!a) return out;
  if (const Expr* e = a->single_expr()) {
    Value v = eval(*e, st_.cx);
    if (v.kind == Value::Kind::Array) {
      for (size_t i = 0; i < v.size(); ++i) {
        std::string s;
        if (!value_text(v.item(i), *e, st_.cx, s)) return {};
        out.push_back(std::move(s));
      }
      return out;
    }
    std::string s;
    if (value_text(v, *e, st_.cx, s)) out = split_list(s);
    return out;
  }
  if (auto s = text(n, id)) out = split_list(*s);
  return out;
}

std::vector<double> Emitter::number_list(const Node& n, At id) {
  std::vector<double> out;
  const Attr* a = n.attr(id);
  if (!a) return out;
  auto bad = [&](const std::string& what) {
    st_.cx.error(a->pos, "template.type", std::string(attribute_name(id)) + " must be a list of numbers, not " + what);
    return std::vector<double>{};
  };
  if (const Expr* e = a->single_expr()) {
    Value v = eval(*e, st_.cx);
    if (v.kind == Value::Kind::Array) {
      for (size_t i = 0; i < v.size(); ++i) {
        Value item = v.item(i);
        if (item.kind == Value::Kind::Number)
          out.push_back(item.n);
        else if (item.kind == Value::Kind::Null)
          out.push_back(0);  // a gap in the data
        else
          return bad(std::string("a list holding ") + kind_name(item.kind));
      }
      return out;
    }
    if (v.kind == Value::Kind::Undefined) st_.cx.undefined(v, e->pos);
    if (v.kind != Value::Kind::String) return v.kind == Value::Kind::Undefined ? out : bad(kind_name(v.kind));
  }
  auto s = text(n, id);
  if (!s) return out;
  for (const auto& item : split_list(*s)) {
    auto d = parse_length(item[0] == '-' ? item.substr(1) : item);
    if (!d) return bad("'" + *s + "'");
    out.push_back(item[0] == '-' ? -*d : *d);
  }
  return out;
}

void Emitter::paragraph(const Node& n, Out& out) {
  model::Paragraph p;
  if (auto v = typed<model::ParaRole>(n, At::Role, parse_role)) p.role = *v;
  if (auto v = typed<model::Align>(n, At::Align, parse_align)) p.align = *v;
  if (auto v = typed<model::Direction>(n, At::Dir, parse_dir)) p.dir = *v;
  if (auto v = typed<bool>(n, At::KeepWithNext, parse_bool)) p.keep_with_next = *v;
  if (auto v = typed<bool>(n, At::KeepWithPrevious, parse_bool)) p.keep_with_previous = *v;
  if (auto v = text(n, At::Lang)) p.lang = std::move(*v);
  if (auto v = text(n, At::Id)) p.id = std::move(*v);
  if (auto v = typed<bool>(n, At::Numbered, parse_bool)) p.numbered = *v;
  if (auto v = text(n, At::Style))
    if (st_.doc && known_style(n, *v, "paragraph", *st_.doc)) p.style = std::move(*v);
  InlineBuilder b(p.content);
  Out inner;
  inner.inl = &b;
  nodes(n.children, inner);
  b.finish();
  if (p.content.empty()) return;  // nothing to say: an empty paragraph only confuses screen readers
  if (out.paras) {
    if (st_.count_block(n.pos)) out.paras->push_back(std::move(p));
    return;
  }
  push_block(out, model::Block{std::move(p)}, n.pos);
}

void Emitter::heading(const Node& n, Out& out) {
  model::Heading h;
  h.level = n.level;
  if (auto v = text(n, At::Id)) h.id = std::move(*v);
  if (auto v = typed<bool>(n, At::Numbered, parse_bool)) h.numbered = *v;
  if (auto v = typed<bool>(n, At::Contents, parse_bool)) h.in_contents = *v;
  InlineBuilder b(h.content);
  Out inner;
  inner.inl = &b;
  nodes(n.children, inner);
  b.finish();
  push_block(out, model::Block{std::move(h)}, n.pos);
}

void Emitter::list(const Node& n, Out& out) {
  model::List l;
  l.ordered = n.el == El::Ol;
  if (auto v = typed<int>(n, At::Start, parse_count)) l.start = *v;
  Out inner;
  inner.items = &l.items;
  nodes(n.children, inner);
  push_block(out, model::Block{std::move(l)}, n.pos);
}

void Emitter::list_item(const Node& n, Out& out) {
  if (!out.items) return;
  model::ListItem item;
  Flow body(&item.blocks, st_);
  Out inner;
  inner.flow = &body;
  nodes(n.children, inner);
  body.close();
  out.items->push_back(std::move(item));
}

void Emitter::table(const Node& n, Out& out) {
  model::Table t;
  if (auto v = typed<std::vector<double>>(n, At::Widths, parse_widths)) t.column_widths = std::move(*v);
  if (auto v = typed<int>(n, At::HeaderRows, parse_count)) t.header_rows = *v;
  if (auto v = typed<model::Direction>(n, At::Dir, parse_dir)) t.dir = *v;
  if (auto v = text(n, At::Caption)) t.caption = std::move(*v);
  if (auto v = text(n, At::Id)) t.id = std::move(*v);
  Out inner;
  inner.rows = &t.rows;
  nodes(n.children, inner);
  push_block(out, model::Block{std::move(t)}, n.pos);
}

void Emitter::row(const Node& n, Out& out) {
  if (!out.rows) return;
  model::TableRow r;
  Out inner;
  inner.cells = &r.cells;
  nodes(n.children, inner);
  out.rows->push_back(std::move(r));
}

void Emitter::cell(const Node& n, Out& out) {
  if (!out.cells) return;
  model::TableCell c;
  if (auto v = typed<int>(n, At::Colspan, parse_count)) c.col_span = std::max(1, *v);
  if (auto v = typed<int>(n, At::Rowspan, parse_count)) c.row_span = std::max(1, *v);
  if (auto v = typed<model::Align>(n, At::Align, parse_align)) c.align = *v;
  if (auto v = typed<model::Rag>(n, At::Rag, parse_rag)) c.rag = *v;
  if (auto v = typed<model::Color>(n, At::Shading, parse_color)) c.shading = *v;
  Flow body(&c.blocks, st_);
  Out inner;
  inner.flow = &body;
  nodes(n.children, inner);
  body.close();
  out.cells->push_back(std::move(c));
}

namespace {

// Standard base64 (RFC 4648), whitespace allowed; nullopt if malformed.
std::optional<std::string> from_base64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  unsigned bits = 0;
  int count = 0, padding = 0;
  for (char c : in) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    int v = value(c);
    if (v < 0 || padding) return std::nullopt;
    bits = (bits << 6) | static_cast<unsigned>(v);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0, count = 0;
    }
  }
  if (count == 1 || padding > 2) return std::nullopt;
  if (count == 2) out += static_cast<char>((bits >> 4) & 0xFF);
  if (count == 3) {
    out += static_cast<char>((bits >> 10) & 0xFF);
    out += static_cast<char>((bits >> 2) & 0xFF);
  }
  return out;
}

}  // namespace

// A picture from the record: `data:image/png;base64,...` or `data:image/jpeg;base64,...`.
// Empty or null shows nothing (an optional photo); anything else is an error that says why.
std::optional<std::string> Emitter::data_image(const Node& n) {
  const Attr* a = n.attr(At::Src);
  auto uri = text(n, At::Src);
  if (!uri || uri->empty()) return std::nullopt;
  constexpr size_t kMaxUri = 16u << 20;  // the decoder's own pixel limit comes after
  std::string_view v(*uri);
  const size_t comma = v.find(',');
  const std::string_view head = v.substr(0, comma == std::string_view::npos ? 0 : comma);
  if (head != "data:image/png;base64" && head != "data:image/jpeg;base64") {
    st_.cx.error(a->pos, "template.type",
                 "an image from the data must be a data URI (data:image/png;base64,... or "
                 "data:image/jpeg;base64,...); a file path in the data is never read");
    return std::nullopt;
  }
  if (v.size() > kMaxUri) {
    st_.cx.error(a->pos, "template.limit", "an image from the data is larger than 16 MB");
    return std::nullopt;
  }
  auto bytes = from_base64(v.substr(comma + 1));
  std::string why = "it is not valid base64";
  if (!bytes || !image::decoded(*bytes, why)) {
    st_.cx.error(a->pos, "template.type", "cannot use the image from the data: " + why);
    return std::nullopt;
  }
  return bytes;
}

void Emitter::image(const Node& n, Out& out) {
  model::Image img;
  img.source = n.src;
  img.data = n.text;
  if (n.src.empty()) {
    auto bytes = data_image(n);
    if (!bytes) return;
    img.source = "data";
    img.data = std::move(*bytes);
  }
  if (n.src == kThemeLogo) {
    if (!st_.doc || st_.doc->theme.logo.empty()) return;  // a theme without a logo: nothing to show
    img.data = st_.doc->theme.logo;
    img.alt = st_.doc->theme.logo_alt;
  }
  if (auto v = text(n, At::Alt); v && !v->empty()) img.alt = std::move(*v);
  if (auto v = typed<bool>(n, At::Decorative, parse_bool)) img.decorative = *v;
  if (auto v = typed<double>(n, At::Width, parse_length)) img.width = *v;
  if (auto v = text(n, At::Id)) img.id = std::move(*v);
  push_block(out, model::Block{std::move(img)}, n.pos);
}

void Emitter::chart(const Node& n, Out& out) {
  model::Chart c;
  if (auto v = typed<model::Chart::Kind>(n, At::Kind, parse_chart_kind)) c.kind = *v;
  if (auto v = text(n, At::Title)) c.title = std::move(*v);
  if (auto v = text(n, At::Alt)) c.alt = std::move(*v);
  if (auto v = text(n, At::Id)) c.id = std::move(*v);
  if (auto v = typed<double>(n, At::Height, parse_length)) c.height = *v;
  if (auto v = typed<double>(n, At::YMin, parse_number)) c.y_min = *v;
  if (auto v = typed<double>(n, At::YMax, parse_number)) c.y_max = *v;
  if (auto v = text(n, At::YTitle)) c.y_title = std::move(*v);
  if (auto v = text(n, At::Suffix)) c.value_suffix = std::move(*v);
  if (auto v = typed<bool>(n, At::ShowValues, parse_bool)) c.show_values = *v;
  c.categories = string_list(n, At::Categories);
  Out inner;
  inner.series = &c.series;
  nodes(n.children, inner);
  // Every series needs one value per category (data from a JSON file can disagree).
  if (!c.categories.empty())
    for (const auto& series : c.series)
      if (series.values.size() != c.categories.size()) {
        const Attr* cats = n.attr(At::Categories);
        st_.cx.error(cats ? cats->pos : n.pos, "template.type",
                     "series '" + series.name + "' has " + std::to_string(series.values.size()) +
                         " values but the chart has " + std::to_string(c.categories.size()) + " categories");
      }
  push_block(out, model::Block{std::move(c)}, n.pos);
}

void Emitter::icon(const Node& n, Out& out) {
  model::Icon icon;
  if (auto v = text(n, At::Name)) icon.name = std::move(*v);
  if (auto v = text(n, At::Alt)) icon.alt = std::move(*v);
  if (auto v = typed<bool>(n, At::Decorative, parse_bool)) icon.decorative = *v;
  if (auto v = typed<double>(n, At::IconSize, parse_length)) icon.size = *v;
  if (auto v = typed<model::Color>(n, At::Colour, parse_color)) icon.color = *v;
  if (auto v = text(n, At::Id)) icon.id = std::move(*v);
  const Attr* name = n.attr(At::Name);
  if (name && !name->literal() && !model::icon_drawing(icon.name, {})) {  // literal names are checked at load
    st_.cx.error(name->pos, "template.type", "there is no icon '" + icon.name + "'");
    return;
  }
  push_block(out, model::Block{std::move(icon)}, n.pos);
}

void Emitter::series(const Node& n, Out& out) {
  if (!out.series) return;
  model::Series s;
  if (auto v = text(n, At::Name)) s.name = std::move(*v);
  s.values = number_list(n, At::Values);
  out.series->push_back(std::move(s));
}

void Emitter::container(const Node& n, Out& out) {
  if (n.el == El::Column) {
    if (!out.columns) return;
    std::vector<model::Block> column;
    Flow body(&column, st_);
    Out inner;
    inner.flow = &body;
    nodes(n.children, inner);
    body.close();
    out.columns->push_back(std::move(column));
    return;
  }
  if (n.el == El::Columns) {
    model::Columns c;
    if (auto v = typed<std::vector<double>>(n, At::Widths, parse_widths)) c.widths = std::move(*v);
    Out inner;
    inner.columns = &c.columns;
    nodes(n.children, inner);
    // Counted once the columns are made: an <if> may leave one out.
    if (!c.widths.empty() && c.widths.size() != c.columns.size()) {
      st_.cx.error(n.pos, "template.type",
                   "widths gives " + std::to_string(c.widths.size()) + " widths for " +
                       std::to_string(c.columns.size()) + " columns: give one width per <column>");
      c.widths.clear();
    }
    push_block(out, model::Block{std::move(c)}, n.pos);
    return;
  }
  model::KeepTogether k;
  Flow body(&k.blocks, st_);
  Out inner;
  inner.flow = &body;
  nodes(n.children, inner);
  body.close();
  push_block(out, model::Block{std::move(k)}, n.pos);
}

void Emitter::box(const Node& n, Out& out) {
  model::Panel p;
  if (auto v = text(n, At::Style)) {
    if (!st_.doc || !known_style(n, *v, "box", *st_.doc)) return;
    p.style = std::move(*v);
  }
  if (auto v = text(n, At::IconName)) {
    if (!model::icon_drawing(*v, {})) {
      const Attr* a = n.attr(At::IconName);
      std::string names;
      for (const auto& name : model::icon_names()) names += (names.empty() ? "" : ", ") + name;
      st_.cx.error(a ? a->pos : n.pos, "template.unknown-icon", "there is no icon '" + *v + "' (icons: " + names + ")");
      return;
    }
    model::Icon icon;
    icon.name = std::move(*v);
    if (auto alt = text(n, At::IconAlt))
      icon.alt = std::move(*alt);
    else
      icon.decorative = true;  // a card's icon goes with its title, which says the same
    p.icon = std::move(icon);
  }
  if (n.attr(At::Accent) && st_.doc) {
    std::string ref = palette_ref(n, At::Accent, *st_.doc);
    if (ref.empty()) return;
    p.accent = st_.doc->styles.color(ref);
  }
  if (auto v = text(n, At::Id)) p.id = std::move(*v);
  Flow body(&p.blocks, st_);
  Out inner;
  inner.flow = &body;
  nodes(n.children, inner);
  body.close();
  push_block(out, model::Block{std::move(p)}, n.pos);
}

}  // namespace quire::tmpl
