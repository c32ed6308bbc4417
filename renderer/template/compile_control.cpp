// The template compiler, part 2: control elements (<if>/<elif>/<else>, <for>,
// <let>, <include>, <t>) and the list of catalogue messages a template uses.
#include "template/compiler.hpp"

namespace quire::tmpl {

const RawAttr* Compiler::only(const std::vector<RawAttr>& raws, std::initializer_list<std::string_view> allowed,
                              std::string_view element, std::string_view wanted) {
  const RawAttr* found = nullptr;
  for (const auto& r : raws) {
    bool ok = false;
    for (auto a : allowed) ok = ok || r.name == a;
    if (!ok) {
      std::string known;
      for (auto a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      unknown_attribute(r, element, known);
    } else if (r.name == wanted) {
      found = &r;
    }
  }
  return found;
}

bool Compiler::need(const RawAttr* r, pugi::xml_node el, int file, const char* attr) {
  if (r) return true;
  error(element_pos(el, file), "template.syntax", "<" + std::string(el.name()) + "> needs a " + attr + " attribute");
  return false;
}

pugi::xml_node Compiler::if_chain(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  Node node;
  node.el = El::If;
  node.pos = element_pos(n, file);
  pugi::xml_node last = n;
  for (pugi::xml_node b = n; b;) {
    std::string_view name = b.name();
    auto raws = raw_attributes(b, file);
    Branch branch;
    if (name == "else") {
      only(raws, {}, "else", "");
    } else {
      const RawAttr* test = only(raws, {"test"}, name, "test");
      if (need(test, b, file, "test")) branch.test = expression(*test);
    }
    children(b, file, {w.cx, w.parent, false}, branch.body);
    node.branches.push_back(std::move(branch));
    last = b;
    if (name == "else") break;
    pugi::xml_node next = b.next_sibling();
    while (next && next.type() != pugi::node_element && whitespace_only(next.value())) next = next.next_sibling();
    if (!next || next.type() != pugi::node_element) break;
    std::string_view nn = next.name();
    if (nn != "elif" && nn != "else") break;
    b = next;
  }
  out.push_back(std::move(node));
  return last;
}

void Compiler::for_loop(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  auto raws = raw_attributes(n, file);
  const RawAttr* each = only(raws, {"each"}, "for", "each");
  if (!need(each, n, file, "each")) return;
  ForHeader header;
  if (!parse_for(each->value, each->map, scope_, out_.sources, diags_, header)) return;
  Node node;
  node.el = El::For;
  node.pos = element_pos(n, file);
  node.expr = std::move(header.source);
  size_t mark = scope_.size();
  if (header.vars.size() == 2) node.key_slot = push(header.vars[0]);
  node.slot = push(header.vars.back());
  node.loop_slot = push("loop");
  children(n, file, {w.cx, w.parent, false}, node.children);
  scope_.resize(mark);
  out.push_back(std::move(node));
}

void Compiler::let(pugi::xml_node n, int file, std::vector<Node>& out) {
  auto raws = raw_attributes(n, file);
  const RawAttr* name = only(raws, {"name", "value"}, "let", "name");
  const RawAttr* value = nullptr;
  for (const auto& r : raws)
    if (r.name == "value") value = &r;
  if (!need(name, n, file, "name") || !need(value, n, file, "value")) return;
  if (n.first_child()) error(element_pos(n, file), "template.misplaced", "<let> cannot contain anything");
  Node node;
  node.el = El::Let;
  node.pos = element_pos(n, file);
  node.expr = expression(*value);  // before the name is bound: <let name="x" value="x ~ '!'"/>
  node.slot = push(std::string(name->value));
  if (node.expr) out.push_back(std::move(node));
}

void Compiler::include(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  auto raws = raw_attributes(n, file);
  const RawAttr* src = only(raws, {"src"}, "include", "src");
  if (!need(src, n, file, "src")) return;
  std::string rel(src->value);
  Pos at = src->map.at(0);
  if (!safe_relative(rel)) {
    error(at, "template.include", "include '" + rel + "' is outside the template folder",
          "include paths are relative to the template folder and may not contain '..'");
    return;
  }
  for (const auto& open : includes_)
    if (open == rel) {
      std::string chain;
      for (const auto& c : includes_) chain += c + " -> ";
      error(at, "template.include", "recursive include: " + chain + rel);
      return;
    }
  if (static_cast<int>(includes_.size()) >= limits_.max_include_depth) {
    error(at, "template.limit", "includes nested deeper than " + std::to_string(limits_.max_include_depth));
    return;
  }
  const size_t mark = diags_.items().size();
  const SourcePos where = out_.sources.source_pos(at);
  include_at_.push_back(where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column));
  pugi::xml_document doc;
  int partial = load(rel, at, doc);
  if (partial >= 0) {
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "partial") {
      error(element_pos(root, partial), "template.syntax", "the root element of a partial must be <partial>");
    } else {
      includes_.push_back(rel);
      children(root, partial, {w.cx, w.parent, false}, out);
      includes_.pop_back();
    }
  }
  // The problems found in this partial (not in those it includes: they said theirs) are
  // reported with this chain of includes.
  std::string chain;
  for (auto it = include_at_.rbegin(); it != include_at_.rend(); ++it)
    chain += (chain.empty() ? "" : ", included from ") + *it;
  include_at_.pop_back();
  const std::string path = out_.dir + "/" + rel;
  chains_.resize(diags_.items().size());
  for (size_t i = mark; i < chains_.size(); ++i)
    if (chains_[i].empty() && diags_.items()[i].pos.file == path) chains_[i] = chain;
}

// <t id="msg" name="expr">English</t> is {{ t('msg', name=expr) }}; the English inside
// (and note, max-width) are for the catalogue (`quire locales extract`), not for rendering.
void Compiler::translate(pugi::xml_node n, int file, Where w, std::vector<Node>& out) {
  if (misplaced(n, file, w, true)) return;
  auto raws = raw_attributes(n, file);
  auto call = std::make_unique<Expr>();
  call->op = Op::Call;
  call->fn = Fn::T;
  call->name = "t";
  call->pos = element_pos(n, file);
  MessageUse use;
  use.pos = out_.sources.source_pos(call->pos);
  use.context = context({});
  bool literal_id = false;
  for (const auto& r : raws) {
    if (r.name == "id") {
      auto parts = parse_interpolated(r.value, r.map, scope_, out_.sources, diags_);
      auto id = std::make_unique<Expr>();
      id->pos = r.map.at(0);
      if (parts.size() == 1 && parts[0].expr) {
        id = std::move(parts[0].expr);
      } else {
        use.id = parts.empty() ? "" : parts[0].text;
        id->literal = Value::string(use.id);
        literal_id = true;
        if (parts.size() > 1) error(id->pos, "template.syntax", "a message id is either text or one {{ }}");
      }
      call->args.insert(call->args.begin(), std::move(id));
    } else if (r.name == "note") {
      use.note = r.value;
    } else if (r.name == "max-width") {
      if (auto width = parse_count(r.value))
        use.max_width = *width;
      else
        error(r.map.at(0), "template.type", "max-width must be a whole number of characters");
    } else if (auto e = expression(r)) {
      call->arg_names.emplace_back(r.name);
      call->args.push_back(std::move(e));
    }
  }
  if (call->args.size() == call->arg_names.size()) {  // no id among them
    error(element_pos(n, file), "template.syntax", "<t> needs an id attribute");
    return;
  }
  english_text(n, file, use.english, 0);
  use.english = collapse(use.english);
  if (!use.english.empty() && use.english.front() == ' ') use.english.erase(0, 1);
  if (!use.english.empty() && use.english.back() == ' ') use.english.pop_back();
  // A habit from HTML templates: {{ }} in a translated sentence would reach the catalogue
  // as text and fail only when rendered, far from here. Said here, with the way to write it.
  // ICU's own "other {{tag}}" or "carer {{name}, your carer}" (a branch holding a
  // placeholder) has braces between, or no space, dot or filter.
  size_t at = use.english.find("{{"), end = std::string::npos;
  for (; at != std::string::npos; at = use.english.find("{{", at + 1)) {
    end = use.english.find("}}", at);
    if (end == std::string::npos) break;
    const std::string_view between = std::string_view(use.english).substr(at + 2, end - at - 2);
    if (between.find_first_of("{}") == std::string_view::npos &&
        between.find_first_of(" .|(") != std::string_view::npos)
      break;  // {{ child.first_name }}: no braces inside, and a space, path or filter
    end = std::string::npos;
  }
  if (at != std::string::npos && end != std::string::npos) {
    std::string inner = use.english.substr(at + 2, end - at - 2);
    while (!inner.empty() && inner.front() == ' ') inner.erase(0, 1);
    while (!inner.empty() && inner.back() == ' ') inner.pop_back();
    std::string name = inner.substr(inner.rfind('.') == std::string::npos ? 0 : inner.rfind('.') + 1);
    if (name.empty() || name.find_first_of(" |()'\"") != std::string::npos) name = "value";
    error(element_pos(n, file), "template.syntax",
          "<t> holds the English of a translated sentence, so {{ }} cannot be used inside it",
          "write {" + name + "} in the sentence and give the value as an attribute: <t id=\"...\" " + name + "=\"" +
              (inner.empty() ? "..." : inner) + "\">...{" + name + "}...</t>");
    return;
  }
  if (literal_id) record(std::move(use));
  Node node;
  node.el = El::Output;
  node.pos = call->pos;
  node.expr = std::move(call);
  out.push_back(std::move(node));
}

// The English inside <t>: text, and <span dir="ltr|rtl|auto"> around words or a
// placeholder, written into the message as exactly that tag (i18n::dir_spans).
void Compiler::english_text(pugi::xml_node n, int file, std::string& out, int depth) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = c.name();
    if (name != "span") {
      error(element_pos(c, file), "template.misplaced",
            "<t> holds only its English text (and <span dir>), not <" + std::string(name) + ">");
      continue;
    }
    auto raws = raw_attributes(c, file);
    const RawAttr* dir = only(raws, {"dir"}, "span", "dir");
    if (!need(dir, c, file, "dir")) continue;
    if (dir->value != "ltr" && dir->value != "rtl" && dir->value != "auto") {
      error(dir->map.at(0), "template.type", "a <span> inside <t> takes dir=\"ltr\", \"rtl\" or \"auto\"");
      continue;
    }
    if (depth >= 8) {
      error(element_pos(c, file), "template.limit", "<span dir> nested more than 8 deep inside <t>");
      continue;
    }
    out += "<span dir=\"" + std::string(dir->value) + "\">";
    english_text(c, file, out, depth + 1);
    out += "</span>";
  }
}

void Compiler::collect(const Expr* e, std::string_view attr) {
  if (!e) return;
  if (e->op == Op::Call && e->fn == Fn::T && !e->args.empty() && e->args[0] && e->args[0]->op == Op::Literal &&
      e->args[0]->literal.kind == Value::Kind::String) {
    MessageUse use;
    use.id = e->args[0]->literal.s;
    if (e->literal.kind == Value::Kind::String) use.english = collapse(e->literal.s);
    use.pos = out_.sources.source_pos(e->pos);
    use.context = context(attr);
    record(std::move(use));
  }
  for (const auto& a : e->args) collect(a.get(), attr);
}

void Compiler::record(MessageUse use) {
  // A partial included twice is compiled twice: list each place once.
  for (const auto& m : out_.messages)
    if (m.id == use.id && m.pos.file == use.pos.file && m.pos.line == use.pos.line && m.pos.column == use.pos.column)
      return;
  out_.messages.push_back(std::move(use));
}

std::string Compiler::context(std::string_view attr) const {
  if (!attr.empty() && !stack_.empty()) return attribute_context(stack_.back(), attr);
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (*it == "header" || *it == "footer") return std::string(*it);
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
    if (auto c = element_context(*it); !c.empty()) return c;
  return "text";
}

}  // namespace quire::tmpl
