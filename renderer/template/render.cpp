// Rendering, part 1: control flow (<for>, <if>, <let>), inline content, sections
// and the document. Block elements are in blocks.cpp.
#include "template/render.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace quire::tmpl {

bool RenderState::count_block(Pos at) {
  if (++blocks <= limits.max_blocks) return true;
  if (at.line == 0) at = doc_pos;
  if (!stopped)
    cx.error(at, "template.limit", "the document has more than " + std::to_string(limits.max_blocks) + " blocks");
  stopped = true;
  return false;
}

InlineBuilder& Flow::inlines() {
  if (!open_) {
    open_ = true;
    builder_.reset(anon_.content);
  }
  return builder_;
}

std::vector<model::Block>& Flow::target() {
  if (blocks_) return *blocks_;
  if (implicit_ < 0) {
    doc_->sections.emplace_back();  // A4 portrait, default margins
    implicit_ = static_cast<long>(doc_->sections.size() - 1);
  }
  return doc_->sections[static_cast<size_t>(implicit_)].blocks;
}

void Flow::close() {
  if (!open_) return;
  open_ = false;
  builder_.finish();
  if (anon_.content.empty()) return;
  if (st_->count_block({})) target().push_back(model::Block{std::move(anon_)});
  anon_ = model::Paragraph{};
}

std::vector<model::Block>& Flow::blocks() {
  close();
  return target();
}

void Flow::end_implicit_section() {
  close();
  implicit_ = -1;
}

InlineBuilder& Emitter::inl(Out& out) {
  if (out.inl) return *out.inl;
  if (out.flow) return out.flow->inlines();
  sink_.clear();
  return sink_builder_;
}

void Emitter::push_block(Out& out, model::Block block, Pos at) {
  if (!out.flow || !st_.count_block(at)) return;
  out.flow->blocks().push_back(std::move(block));
}

void Emitter::nodes(const std::vector<Node>& ns, Out& out) {
  for (const auto& n : ns) {
    if (st_.stopped) return;
    node(n, out);
  }
}

void Emitter::node(const Node& n, Out& out) {
  switch (n.el) {
    case El::Text:
      inl(out).text(n.text);
      break;
    case El::Output:
      output(n, out);
      break;
    case El::Let:
      st_.cx.frame[static_cast<size_t>(n.slot)] = eval(*n.expr, st_.cx);
      st_.cx.slot_origin[static_cast<size_t>(n.slot)] = {n.expr.get(), false};
      break;
    case El::If:
      for (const auto& b : n.branches)
        if (!b.test || eval(*b.test, st_.cx).truthy()) {  // undefined is simply false here
          nodes(b.body, out);
          break;
        }
      break;
    case El::For:
      loop(n, out);
      break;
    case El::Strong:
    case El::Em:
    case El::Span:
    case El::A:
      styled(n, out);
      break;
    case El::Br:
      inl(out).line_break();
      break;
    case El::Ref: {
      auto target = text(n, At::Target);
      auto form = typed<model::RefForm>(n, At::Form, parse_form);
      if (target) inl(out).cross_ref(std::move(*target), form.value_or(model::RefForm::Page));
      break;
    }
    case El::Footnote:
      footnote(n, out);
      break;
    case El::P:
      paragraph(n, out);
      break;
    case El::H:
      heading(n, out);
      break;
    case El::Ul:
    case El::Ol:
      list(n, out);
      break;
    case El::Li:
      list_item(n, out);
      break;
    case El::Table:
      table(n, out);
      break;
    case El::Tr:
      row(n, out);
      break;
    case El::Td:
      cell(n, out);
      break;
    case El::Img:
      image(n, out);
      break;
    case El::Chart:
      chart(n, out);
      break;
    case El::Series:
      series(n, out);
      break;
    case El::Icon:
      icon(n, out);
      break;
    case El::PageBreak:
      push_block(out, model::Block{model::PageBreak{}}, n.pos);
      break;
    case El::Contents: {
      model::Contents c;
      c.title = text(n, At::Title).value_or("");
      c.max_level = typed<int>(n, At::MaxLevel, parse_count).value_or(3);
      push_block(out, model::Block{std::move(c)}, n.pos);
      break;
    }
    case El::KeepTogether:
    case El::Columns:
    case El::Column:
      container(n, out);
      break;
    case El::Section:
      section(n, out);
      break;
    case El::Header:
    case El::Footer:
      if (out.section) {
        Out inner;
        inner.paras = n.el == El::Header ? &out.section->header.paragraphs : &out.section->footer.paragraphs;
        nodes(n.children, inner);
      }
      break;
    case El::Typography:
      if (out.doc && !st_.in_copy) typography(n, *out.doc);
      break;
    case El::Styles:
      if (out.doc && !st_.in_copy) {
        Out inner;
        inner.doc = out.doc;
        nodes(n.children, inner);
      }
      break;
    case El::ColourDef:
    case El::ParagraphStyle:
    case El::CharacterStyle:
    case El::BoxStyle:
      if (out.doc) style_def(n, *out.doc);
      break;
    case El::Box:
      box(n, out);
      break;
    case El::Copy:
      copy(n, out);
      break;
    case El::Document:
      break;
  }
}

void Emitter::output(const Node& n, Out& out) {
  // A message (<t>, t()) is the sentence itself, its arguments isolated inside it; field()
  // is a placeholder; any other value is isolated in the sentence it is interpolated into.
  const bool sentence = n.expr->op == Op::Call && (n.expr->fn == Fn::T || n.expr->fn == Fn::Field);
  const bool saved = std::exchange(st_.cx.in_text, true);
  Value v = eval(*n.expr, st_.cx);
  st_.cx.in_text = saved;
  InlineBuilder& b = inl(out);
  if (v.kind == Value::Kind::String) {  // the common case: straight from the data, no copy
    sentence ? b.text(v.str()) : b.value(v.str());
    return;
  }
  std::string s;
  if (value_text(v, *n.expr, st_.cx, s)) sentence ? b.text(s) : b.value(s);
}

bool Emitter::tick(const Node& n) {
  if (++st_.iterations <= st_.limits.max_loop_iterations) return true;
  if (!st_.stopped)
    st_.cx.error(n.pos, "template.limit",
                 "more than " + std::to_string(st_.limits.max_loop_iterations) + " loop iterations in one document");
  st_.stopped = true;
  return false;
}

void Emitter::loop(const Node& n, Out& out) {
  Value list = eval(*n.expr, st_.cx);
  auto& frame = st_.cx.frame;
  auto set_loop = [&](size_t i, size_t len) {
    Value l = Value::null();
    l.kind = Value::Kind::Loop;
    l.n = static_cast<double>(i);
    l.length = static_cast<int>(len);
    frame[static_cast<size_t>(n.loop_slot)] = std::move(l);
  };
  switch (list.kind) {
    case Value::Kind::Null:
      return;  // an absent optional list: nothing to repeat
    case Value::Kind::Error:
      return;
    case Value::Kind::Undefined:
      st_.cx.undefined(list, n.expr->pos);
      return;
    case Value::Kind::Array: {
      size_t len = list.size();
      st_.cx.slot_origin[static_cast<size_t>(n.slot)] = {n.expr.get(), true};
      for (size_t i = 0; i < len && tick(n); ++i) {
        frame[static_cast<size_t>(n.slot)] = list.item(i);
        if (n.key_slot >= 0) frame[static_cast<size_t>(n.key_slot)] = Value::number(static_cast<double>(i));
        set_loop(i, len);
        nodes(n.children, out);
      }
      return;
    }
    case Value::Kind::Object: {
      size_t len = list.size(), i = 0;
      for (auto it = list.j->begin(); it != list.j->end() && tick(n); ++it, ++i) {
        Value key = Value::string({});
        key.sref = &it.key();
        if (n.key_slot >= 0) {
          frame[static_cast<size_t>(n.key_slot)] = key;
          frame[static_cast<size_t>(n.slot)] = Value::from_json(it.value());
        } else {
          frame[static_cast<size_t>(n.slot)] = key;  // like Python: a lone name gets the keys
        }
        set_loop(i, len);
        nodes(n.children, out);
      }
      return;
    }
    default:
      st_.cx.error(n.expr->pos, "template.type",
                   std::string("<for> needs a list or an object, not ") + kind_name(list.kind));
  }
}

void Emitter::styled(const Node& n, Out& out) {
  InlineBuilder& b = inl(out);
  InlineStyle saved = b.style();
  InlineStyle& s = b.style();
  std::optional<model::Direction> dir;
  switch (n.el) {
    case El::Strong:
      s.style.strong = true;
      break;
    case El::Em:
      s.style.emphasis = true;
      break;
    case El::Span:
      if (auto lang = text(n, At::Lang)) s.lang = std::move(*lang);
      dir = typed<model::Direction>(n, At::Dir, parse_dir);
      if (auto style = text(n, At::Style))
        if (st_.doc && known_style(n, *style, "character", *st_.doc)) s.style.style = std::move(*style);
      break;
    default:
      if (auto href = text(n, At::Href)) s.link = std::move(*href);
      break;
  }
  // dir isolates, as in HTML: the span's text cannot reorder the sentence around it.
  const bool isolated = dir && b.open_isolate(*dir);
  Out inner;
  inner.inl = &b;
  nodes(n.children, inner);
  b.close_isolate(isolated);
  b.style() = std::move(saved);
}

void Emitter::footnote(const Node& n, Out& out) {
  InlineBuilder& b = inl(out);
  model::Footnote note;
  Flow body(&note.body, st_);
  Out inner;
  inner.flow = &body;
  nodes(n.children, inner);
  body.close();
  b.footnote(std::move(note));
}

void Emitter::section(const Node& n, Out& out) {
  if (!out.doc) return;
  if (out.flow) out.flow->end_implicit_section();
  model::Section s;
  s.title = text(n, At::Title).value_or("");
  if (auto size = typed<std::pair<double, double>>(n, At::Size, parse_page_size)) {
    s.page.width = size->first;
    s.page.height = size->second;
  }
  if (auto o = typed<model::Orientation>(n, At::Orientation, parse_orientation)) s.page.orientation = *o;
  if (s.page.orientation == model::Orientation::Landscape && s.page.width < s.page.height)
    std::swap(s.page.width, s.page.height);
  if (auto m = typed<double>(n, At::Margin, parse_length))
    s.page.margin_top = s.page.margin_right = s.page.margin_bottom = s.page.margin_left = *m;
  if (auto m = typed<double>(n, At::MarginTop, parse_length)) s.page.margin_top = *m;
  if (auto m = typed<double>(n, At::MarginRight, parse_length)) s.page.margin_right = *m;
  if (auto m = typed<double>(n, At::MarginBottom, parse_length)) s.page.margin_bottom = *m;
  if (auto m = typed<double>(n, At::MarginLeft, parse_length)) s.page.margin_left = *m;
  s.id = text(n, At::Id).value_or("");
  if (auto v = typed<model::SectionStart>(n, At::SectionStart, parse_section_start)) s.start = *v;
  if (auto v = typed<int>(n, At::FirstPage, parse_first_page)) s.first_page_number = *v;
  if (auto v = typed<model::PageNumbering>(n, At::Numbering, parse_numbering)) s.numbering = *v;

  Flow body(&s.blocks, st_);
  Out inner;
  inner.flow = &body;
  inner.section = &s;
  nodes(n.children, inner);
  body.close();
  out.doc->sections.push_back(std::move(s));
}

void Emitter::typography(const Node& n, model::Document& doc) {
  auto& t = doc.typography;
  if (auto v = typed<double>(n, At::BodySize, parse_length)) t.body_size = *v;
  if (auto v = typed<double>(n, At::LineHeight, parse_length)) t.line_height = *v;
  if (auto v = typed<double>(n, At::ParagraphSpace, parse_length)) t.paragraph_space = *v;
  if (auto v = typed<bool>(n, At::Hyphenate, parse_bool)) t.hyphenate = *v;
  if (auto v = typed<int>(n, At::FitPages, parse_count)) t.fit_pages = *v;
  if (auto v = typed<double>(n, At::MinBodySize, parse_length)) t.min_body_size = *v;
  if (auto v = typed<double>(n, At::MinLineHeight, parse_length)) t.min_line_height = *v;
}

void Emitter::document(const Node& root, model::Document& doc) {
  st_.doc = &doc;
  set_copy({}, 1);  // the original: copy.number 1, copy.for
  auto& m = doc.meta;
  m.language = st_.cx.loc.info().tag;
  m.direction = st_.cx.loc.info().direction;
  m.digits = st_.cx.loc.digits();
  if (m.digits == "0123456789") m.digits.clear();
  if (auto v = text(root, At::Title)) m.title = std::move(*v);
  if (auto v = text(root, At::Author)) m.author = std::move(*v);
  if (auto v = text(root, At::Subject)) m.subject = std::move(*v);
  if (auto v = text(root, At::Classification)) m.classification = std::move(*v);
  m.keywords = string_list(root, At::Keywords);

  Flow flow(&doc, st_);
  Out out;
  out.flow = &flow;
  out.doc = &doc;
  nodes(root.children, out);
  flow.close();
  if (doc.sections.empty()) doc.sections.emplace_back();  // writers expect at least one page
  render_copies(root, doc);
  // The sentence on blank pages before odd-page sections, in the document's language (an
  // engine message; asked for only when used, so a missing translation is noticed then).
  const bool odd = std::any_of(doc.sections.begin(), doc.sections.end(),
                               [](const model::Section& s) { return s.start == model::SectionStart::OddPage; });
  if (odd && st_.cx.loc.has_message(i18n::kBlankPageId))
    m.blank_page_text = st_.cx.loc.message(i18n::kBlankPageId, {}, st_.cx.diags);
}

namespace {

// Every whitespace-separated word of every string in `data` (keys aside), sorted and unique:
// data values are never hyphenated (a child's name cut as "Ama-ni"). Bounded, as the data is.
std::vector<std::string> data_words(const nlohmann::json& data) {
  constexpr size_t kMaxWords = 20000, kMaxWordBytes = 128;
  std::vector<std::string> words;
  std::vector<const nlohmann::json*> stack{&data};
  while (!stack.empty() && words.size() < kMaxWords) {
    const nlohmann::json* j = stack.back();
    stack.pop_back();
    if (j->is_string()) {
      const auto& s = j->get_ref<const std::string&>();
      for (size_t i = 0; i < s.size() && words.size() < kMaxWords;) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        size_t start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i > start && i - start <= kMaxWordBytes) words.emplace_back(s.substr(start, i - start));
      }
    } else if (j->is_structured()) {
      for (const auto& v : *j) stack.push_back(&v);
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace

model::Document render_template(const Compiled& t, const nlohmann::json& data, i18n::Localiser& loc, Diagnostics& diags,
                                const model::Theme* theme, std::string_view highlight_message) {
  Diagnostics found;  // annotated with the include chain of a partial below
  RenderState st{EvalContext{t.sources, data, loc, found, {}, {}}, t.limits, t.root.pos};
  st.cx.highlight_message = highlight_message;
  st.cx.schema = t.schema_json.is_null() ? nullptr : &t.schema_json;
  st.cx.max_string = static_cast<size_t>(std::max(0L, t.limits.max_string_bytes));
  st.cx.text_budget = static_cast<size_t>(std::max(0L, t.limits.max_output_bytes));
  st.cx.frame.resize(static_cast<size_t>(t.frame_size));
  st.cx.slot_origin.resize(static_cast<size_t>(t.frame_size));
  st.copy_slot = t.copy_slot;
  model::Document doc;
  if (theme) {  // the council's colours are the palette's primary and accent, before <styles>
    doc.theme = *theme;
    doc.styles.palette["primary"] = theme->primary;
    doc.styles.palette["accent"] = theme->accent;
  }
  // The RAG words in the document's language (engine messages common.rag.*).
  for (size_t i = 0; i < 4; ++i)
    if (loc.has_message(i18n::kRagIds[i])) doc.styles.rag[i].word = loc.message(i18n::kRagIds[i], {}, diags);
  Emitter(st).document(t.root, doc);
  for (Diagnostic d : found.items()) {
    t.sources.annotate(d);
    diags.add(std::move(d));
  }
  doc.typography.unhyphenated = data_words(data);
  return doc;
}

}  // namespace quire::tmpl
