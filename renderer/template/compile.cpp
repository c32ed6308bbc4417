// The template compiler, part 1: the root, elements, attributes and text.
#include <algorithm>
#include <unordered_map>

#include "image/decode.hpp"
#include "quire/suggest.hpp"
#include "template/compiler.hpp"

namespace quire::tmpl {

bool whitespace_only(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  if (space) out += ' ';
  return out;
}

// Include paths name files inside the template folder: relative, no "..", no tricks.
bool safe_relative(std::string_view p) {
  if (p.empty() || p[0] == '/' || p.find('\\') != std::string_view::npos || p.find(':') != std::string_view::npos)
    return false;
  size_t i = 0;
  while (i <= p.size()) {
    size_t slash = p.find('/', i);
    std::string_view seg = p.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    if (seg == ".." || seg.empty()) return false;
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return true;
}

void Compiler::run() {
  pugi::xml_document doc;
  int file = load("template.xml", {}, doc);
  if (file < 0) return;
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "document") {
    error(element_pos(root, file), "template.syntax", "the root element of template.xml must be <document>");
    return;
  }
  Node& node = out_.root;
  node.el = El::Document;
  node.pos = element_pos(root, file);
  stack_.push_back("document");
  out_.copy_slot = push("copy");  // copy.for, copy.number: set by the renderer for every copy
  node.attrs = attributes(root, file, *find_element("document"));
  children(root, file, {Cx::Document, "document", true}, node.children);
  stack_.pop_back();
}

void Compiler::error(Pos pos, const char* code, std::string message, std::string hint) {
  diags_.add(
      {Severity::Error, Origin::Template, code, std::move(message), out_.sources.source_pos(pos), {}, std::move(hint)});
}
Pos Compiler::element_pos(pugi::xml_node n, int file) const {
  return out_.sources.pos(file, static_cast<size_t>(std::max<ptrdiff_t>(n.offset_debug() - 1, 0)));
}

// Reads and parses a file of the template folder; returns its index in sources, or -1.
// A partial included again is parsed again from the text already read (its bytes count each
// time), under the same index: its positions, and so its problems, are the same each time.
int Compiler::load(const std::string& rel, Pos at, pugi::xml_document& doc) {
  std::string path = out_.dir + "/" + rel;
  int file = -1;
  for (size_t i = 0; i < out_.sources.files.size(); ++i)
    if (out_.sources.files[i].path == path) file = static_cast<int>(i);
  if (file < 0) {
    auto text = world_.read_file_within(out_.dir, rel);
    if (!text) {
      if (at.line == 0)  // template.xml itself: no position to point at but the file's name
        diags_.add({Severity::Error, Origin::Template, "template.include", "cannot read the template", {path, 0, 0}});
      else
        error(at, "template.include", "cannot read '" + rel + "' in the template folder");
      return -1;
    }
    out_.sources.files.emplace_back(path, std::move(*text));
    file = static_cast<int>(out_.sources.files.size() - 1);
    for (auto it = include_at_.rbegin(); it != include_at_.rend(); ++it)
      out_.sources.files.back().included_from += (it == include_at_.rbegin() ? "" : ", included from ") + *it;
  }
  SourceFile& source = out_.sources.files[static_cast<size_t>(file)];
  if (at.line != 0) ++source.times_included;
  bytes_ += static_cast<long>(source.text.size());
  if (bytes_ > limits_.max_template_bytes) {
    over_limit_ = true;
    error(at, "template.limit",
          "the template and its partials (each time included) are over " + std::to_string(limits_.max_template_bytes) +
              " bytes");
    return -1;
  }
  const std::string& src = source.text;
  auto result = doc.load_buffer(src.data(), src.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    // pugixml says only "Start-end tags mismatch" and where it noticed: name the element.
    std::optional<Mismatch> m;
    if (result.status == pugi::status_end_element_mismatch) m = find_mismatch(source);
    if (m)
      error(out_.sources.pos(file, m->at), "template.syntax", m->message, m->hint);
    else
      error(out_.sources.pos(file, static_cast<size_t>(result.offset)), "template.syntax",
            std::string("XML: ") + result.description());
    return -1;
  }
  return file;
}

int Compiler::push(const std::string& name) {
  scope_.push_back(name);
  out_.frame_size = std::max(out_.frame_size, static_cast<int>(scope_.size()));
  return static_cast<int>(scope_.size() - 1);
}

std::vector<RawAttr> Compiler::raw_attributes(pugi::xml_node el, int file) {
  std::vector<RawAttr> out;
  auto offsets =
      attribute_offsets(out_.sources.files[static_cast<size_t>(file)].text, static_cast<size_t>(el.offset_debug()));
  for (pugi::xml_attribute a : el.attributes()) {
    RawAttr r{a.name(), a.value(), element_pos(el, file), {}};
    for (const auto& o : offsets)
      if (o.name == r.name) {
        r.name_pos = out_.sources.pos(file, o.name_at);
        r.map = TextMap(out_.sources, file, o.value_at, r.value, true);
      }
    out.push_back(r);
  }
  return out;
}

std::vector<Attr> Compiler::attributes(pugi::xml_node el, int file, const ElementSpec& spec) {
  std::vector<Attr> out;
  for (const auto& raw : raw_attributes(el, file)) {
    const At* id = nullptr;
    for (const auto& a : spec.attrs)
      if (raw.name == attribute_name(a)) id = &a;
    if (!id) {
      std::string known;
      for (At a : spec.attrs) known += (known.empty() ? "" : ", ") + std::string(attribute_name(a));
      unknown_attribute(raw, spec.name, known);
      continue;
    }
    size_t before = diags_.items().size();
    Attr attr{*id, raw.map.at(0), parse_interpolated(raw.value, raw.map, scope_, out_.sources, diags_)};
    if (diags_.items().size() != before) continue;
    for (const auto& part : attr.parts) collect(part.expr.get(), raw.name);
    if (attr.literal())
      if (const char* wanted = check_attribute(*id, attr.literal_text()))
        error(attr.pos, "template.type",
              std::string(attribute_name(*id)) + " must be " + wanted + ", not '" + std::string(attr.literal_text()) +
                  "'");
    out.push_back(std::move(attr));
  }
  for (At required : spec.required)
    if (!el.attribute(attribute_name(required)))
      error(element_pos(el, file), "template.syntax",
            "<" + std::string(spec.name) + "> needs a " + attribute_name(required) + " attribute");
  return out;
}

void Compiler::unknown_attribute(const RawAttr& raw, std::string_view element, std::string known) {
  std::vector<std::string> names;
  for (size_t at = 0; at < known.size();) {
    size_t comma = known.find(", ", at);
    names.push_back(known.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    at = comma == std::string::npos ? known.size() : comma + 2;
  }
  std::string best = closest_name(raw.name, names);
  std::string hint = known.empty() ? "it takes no attributes" : "its attributes are: " + known;
  if (!best.empty()) hint = "did you mean '" + best + "'? (" + hint + ")";
  error(raw.name_pos, "template.unknown-attribute",
        "<" + std::string(element) + "> has no attribute '" + std::string(raw.name) + "'", std::move(hint));
}

// An attribute holding one expression: test="a and b" (a {{ }} wrapper is tolerated).
std::unique_ptr<Expr> Compiler::expression(const RawAttr& raw) {
  std::string_view v = raw.value;
  size_t b = v.find_first_not_of(" \t\r\n"), e = v.find_last_not_of(" \t\r\n");
  std::unique_ptr<Expr> expr;
  if (b != std::string_view::npos && v.substr(b, 2) == "{{" && e >= b + 3 && v.substr(e - 1, 2) == "}}" &&
      v.find("{{", b + 2) == std::string_view::npos)
    expr = parse_expression(v.substr(0, e - 1), b + 2, raw.map, scope_, out_.sources, diags_);
  else
    expr = parse_expression(v, 0, raw.map, scope_, out_.sources, diags_);
  collect(expr.get(), {});
  return expr;
}

bool Compiler::misplaced(pugi::xml_node n, int file, Where w, bool inline_kind) {
  if (allowed_in(n.name(), inline_kind, w.cx)) return false;
  error(element_pos(n, file), "template.misplaced",
        "<" + std::string(n.name()) + "> cannot appear inside <" + std::string(w.parent) + ">");
  return true;
}

void Compiler::children(pugi::xml_node parent, int file, Where w, std::vector<Node>& out) {
  if (over_limit_) return;
  if (depth_ >= limits_.max_nesting) {
    over_limit_ = true;
    error(element_pos(parent, file), "template.limit",
          "elements nest more than " + std::to_string(limits_.max_nesting) + " levels deep");
    return;
  }
  ++depth_;
  size_t mark = scope_.size();
  for (pugi::xml_node n = parent.first_child(); n && !over_limit_; n = n.next_sibling()) {
    if (++nodes_ > limits_.max_template_nodes) {
      over_limit_ = true;
      error(element_pos(n, file), "template.limit",
            "the template has more than " + std::to_string(limits_.max_template_nodes) +
                " elements and texts (partials counted each time they are included)");
      break;
    }
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      text(n, file, w, out);
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    std::string_view name = n.name();
    if (name == "if")
      n = if_chain(n, file, w, out);
    else if (name == "elif" || name == "else")
      error(element_pos(n, file), "template.syntax", "<" + std::string(name) + "> must follow an <if> or <elif>");
    else if (name == "for")
      for_loop(n, file, w, out);
    else if (name == "let")
      let(n, file, out);
    else if (name == "include")
      include(n, file, w, out);
    else if (name == "t")
      translate(n, file, w, out);
    else
      element(n, file, w, out);
  }
  scope_.resize(mark);
  --depth_;
}

void Compiler::text(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  std::string_view value = n.value();
  bool blank = whitespace_only(value);
  if (!text_allowed(w.cx)) {
    if (!blank) {
      size_t first = value.find_first_not_of(" \t\r\n");
      TextMap map(out_.sources, file, static_cast<size_t>(n.offset_debug()), value, n.type() == pugi::node_pcdata);
      error(map.at(first), "template.misplaced", "text cannot appear directly inside <" + std::string(w.parent) + ">",
            "put it in a <p>");
    }
    return;
  }
  if (blank && w.cx != Cx::Inline) {
    // Between blocks (or at the edge of a block container) whitespace can never show.
    auto blockish = [&](pugi::xml_node s) { return s ? is_block_element(s.name()) : w.real; };
    if (blockish(n.previous_sibling()) || blockish(n.next_sibling())) return;
  }
  TextMap map(out_.sources, file, static_cast<size_t>(n.offset_debug()), value, n.type() == pugi::node_pcdata);
  for (auto& part : parse_interpolated(value, map, scope_, out_.sources, diags_)) {
    Node node;
    node.pos = map.at(0);
    if (part.expr) {
      collect(part.expr.get(), {});
      node.el = El::Output;
      node.pos = part.expr->pos;
      node.expr = std::move(part.expr);
    } else {
      node.text = collapse(part.text);
    }
    out.push_back(std::move(node));
  }
}

void Compiler::element(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  const ElementSpec* spec = find_element(n.name());
  if (!spec) {
    error(element_pos(n, file), "template.unknown-element", "unknown element <" + std::string(n.name()) + ">",
          suggestion(n.name()));
    return;
  }
  if (misplaced(n, file, w, false)) return;
  Node node;
  node.el = spec->el;
  node.level = spec->level;
  node.pos = element_pos(n, file);
  stack_.push_back(spec->name);
  node.attrs = attributes(n, file, *spec);
  if (node.el == El::Img) image(node);
  children(n, file, {spec->inner, spec->name, true}, node.children);
  if (node.el == El::Icon) icon(n, file, node);
  if (node.el == El::Chart) chart(node);
  stack_.pop_back();
  out.push_back(std::move(node));
}

void Compiler::image(Node& node) {
  const Attr* src = node.attr(At::Src);
  if (!src) return;
  if (!src->literal()) {
    // A picture from the record (a child's chosen photo): read at render time, and only as
    // a data URI, never as a path, so data can make no file be read.
    node.src.clear();
    return;
  }
  std::string rel(src->literal_text());
  if (rel == kThemeLogo) {  // the council's logo, from the theme at render time
    node.src = rel;
    return;
  }
  if (!safe_relative(rel)) {
    error(src->pos, "template.include", "image '" + rel + "' is outside the template folder");
    return;
  }
  auto bytes = world_.read_file_within(out_.dir, rel);
  if (!bytes) {
    error(src->pos, "template.include", "cannot read image '" + rel + "' in the template folder");
    return;
  }
  // Images are untrusted: decoded here (and kept in the process cache for the writers),
  // so that neither writer ever sees one that does not decode.
  std::string why;
  if (!image::decoded(*bytes, why)) {
    error(src->pos, "template.include", "cannot use image '" + rel + "': " + why);
    return;
  }
  node.src = rel;
  node.text = std::move(*bytes);
}

namespace {

// Levenshtein distance, for "did you mean" hints.
size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

// An icon's fixed name must be one of the built-in set; it needs alt text unless decorative.
void Compiler::icon(pugi::xml_node el, int file, const Node& node) {
  if (const Attr* name = node.attr(At::Name); name && name->literal()) {
    const std::string_view wanted = name->literal_text();
    if (!model::icon_drawing(wanted, {})) {
      std::string best;
      size_t best_d = 4;
      for (const auto& known : model::icon_names())
        if (size_t d = distance(wanted, known); d < best_d) {
          best_d = d;
          best = known;
        }
      std::string all;
      for (const auto& known : model::icon_names()) all += (all.empty() ? "" : ", ") + known;
      error(name->pos, "template.type", "there is no icon '" + std::string(wanted) + "'",
            best.empty() ? "the icons are: " + all : "did you mean '" + best + "'?");
    }
  }
  const Attr* decorative = node.attr(At::Decorative);
  const bool is_decorative = decorative && (!decorative->literal() || decorative->literal_text() == "true");
  if (!node.attr(At::Alt) && !is_decorative)
    error(element_pos(el, file), "template.syntax", "<icon> needs an alt attribute",
          "say what the icon means (alt=\"Health\"), or mark it decorative=\"true\"");
}

// A chart whose categories and values are fixed lists must have one value per category.
void Compiler::chart(const Node& node) {
  const Attr* cats = node.attr(At::Categories);
  if (!cats || !cats->literal()) return;
  const size_t n = split_list(cats->literal_text()).size();
  for (const Node& child : node.children) {
    const Attr* values = child.el == El::Series ? child.attr(At::Values) : nullptr;
    if (!values || !values->literal()) continue;
    const size_t k = split_list(values->literal_text()).size();
    if (k != n)
      error(values->pos, "template.type",
            "this series has " + std::to_string(k) + " values but the chart has " + std::to_string(n) + " categories",
            "give one value per category");
  }
}

namespace {

// Adds what the compiler found to `diags`: a problem in a partial included several times is
// found each time, and said once, where it is included first (and how many other places).
void report(const Diagnostics& found, const std::vector<std::string>& chains, Diagnostics& diags) {
  const auto& items = found.items();
  std::vector<int> repeats(items.size(), 0);
  std::vector<bool> repeat(items.size(), false);
  std::unordered_map<std::string, size_t> first;  // a problem in a partial -> where it was first found
  for (size_t i = 0; i < items.size(); ++i) {
    if (i >= chains.size() || chains[i].empty()) continue;  // only partials are compiled more than once
    const Diagnostic& d = items[i];
    std::string key = d.code + '\n' + d.message + '\n' + d.hint + '\n' + d.pos.file + ':' + std::to_string(d.pos.line) +
                      ':' + std::to_string(d.pos.column);
    auto [it, added] = first.emplace(std::move(key), i);
    if (!added) {
      repeat[i] = true;
      ++repeats[it->second];
    }
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (repeat[i]) continue;
    Diagnostic d = items[i];
    if (i < chains.size()) d.included_from = chains[i];
    if (repeats[i] > 0) d.included_from += other_places(repeats[i]);
    diags.add(std::move(d));
  }
}

}  // namespace

LoadedSchema load_schema(const World& world, const std::string& dir, Diagnostics& diags) {
  LoadedSchema out;
  auto text = world.read_file_within(dir, "schema.json");
  if (!text) return out;
  Diagnostics parse;
  auto json = data::parse_json(*text, dir + "/schema.json", parse);
  for (auto d : parse.items()) {  // a broken schema is the template's fault, not the data's
    d.origin = Origin::Template;
    d.code = "template.schema";
    diags.add(std::move(d));
  }
  if (!json) return out;
  out.schema = data::Schema::compile(*json, dir + "/schema.json", diags);
  if (out.schema) out.json = std::move(*json);
  return out;
}

bool compile_template(const World& world, const std::string& dir, const Limits& limits, Diagnostics& diags,
                      Compiled& out) {
  out.dir = dir;
  out.limits = limits;
  auto slash = dir.find_last_of('/');
  out.name = slash == std::string::npos ? dir : dir.substr(slash + 1);
  size_t before = diags.items().size();
  Diagnostics found;
  Compiler compiler(world, limits, found, out);
  compiler.run();
  report(found, compiler.chains(), diags);

  LoadedSchema schema = load_schema(world, dir, diags);
  out.schema = std::move(schema.schema);
  out.schema_json = std::move(schema.json);
  for (size_t i = before; i < diags.items().size(); ++i)
    if (diags.items()[i].severity == Severity::Error) return false;
  return true;
}

}  // namespace quire::tmpl
