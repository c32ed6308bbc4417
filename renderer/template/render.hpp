// Rendering: walks the compiled nodes with the data and a Localiser and builds
// the document model. One Emitter per render; the compiled template is shared.
#pragma once

#include <optional>
#include <string>

#include "template/compiled.hpp"
#include "template/inline_builder.hpp"

namespace quire::tmpl {

struct RenderState {
  EvalContext cx;
  const Limits& limits;
  Pos doc_pos;  // where to point when a limit is hit outside any element
  long iterations = 0;
  long blocks = 0;
  bool stopped = false;             // a limit was hit: unwind without doing more work
  model::Document* doc = nullptr;   // the document being made (its style sheet checks style names)
  int copy_slot = -1;               // the frame slot of `copy`
  std::vector<std::string> copies;  // who each <copy> is for, in order (the original not included)
  bool in_copy = false;             // rendering a copy: <copy>, <typography> and <styles> do nothing

  /// Counts one block; false (and a diagnostic, once) when there are too many.
  bool count_block(Pos at);
};

/// Where blocks go, with loose inline content gathered into anonymous paragraphs.
/// At document level the blocks go into implicit A4 sections between <section>s.
class Flow {
 public:
  Flow(std::vector<model::Block>* blocks, RenderState& st) : blocks_(blocks), st_(&st), builder_(anon_.content) {}
  Flow(model::Document* doc, RenderState& st) : doc_(doc), st_(&st), builder_(anon_.content) {}

  InlineBuilder& inlines();
  std::vector<model::Block>& blocks();  // closes the anonymous paragraph first
  void close();
  void end_implicit_section();

 private:
  std::vector<model::Block>& target();

  std::vector<model::Block>* blocks_ = nullptr;
  model::Document* doc_ = nullptr;
  long implicit_ = -1;  // index of the open implicit section in doc_->sections
  RenderState* st_;
  model::Paragraph anon_;
  InlineBuilder builder_;
  bool open_ = false;
};

/// Where the output of a node goes; which member is set depends on the context,
/// which the compiler has already checked.
struct Out {
  Flow* flow = nullptr;
  InlineBuilder* inl = nullptr;
  std::vector<model::ListItem>* items = nullptr;
  std::vector<model::TableRow>* rows = nullptr;
  std::vector<model::TableCell>* cells = nullptr;
  std::vector<model::Series>* series = nullptr;
  std::vector<std::vector<model::Block>>* columns = nullptr;
  std::vector<model::Paragraph>* paras = nullptr;
  model::Section* section = nullptr;
  model::Document* doc = nullptr;
};

class Emitter {
 public:
  explicit Emitter(RenderState& st) : st_(st) {}
  void nodes(const std::vector<Node>& ns, Out& out);
  void document(const Node& root, model::Document& doc);

 private:
  RenderState& st_;
  std::vector<model::Inline> sink_;  // never used unless a context check was missed
  InlineBuilder sink_builder_{sink_};

  void node(const Node& n, Out& out);
  InlineBuilder& inl(Out& out);
  void push_block(Out& out, model::Block block, Pos at);
  void output(const Node& n, Out& out);
  void loop(const Node& n, Out& out);
  bool tick(const Node& n);
  void styled(const Node& n, Out& out);
  void footnote(const Node& n, Out& out);
  void section(const Node& n, Out& out);
  void typography(const Node& n, model::Document& doc);
  // copies.cpp: <copy for="..."> and the document rendered again for each one
  void copy(const Node& n, Out& out);
  void set_copy(const std::string& recipient, int number);
  void render_copies(const Node& root, model::Document& doc);

  // blocks.cpp
  void paragraph(const Node& n, Out& out);
  void heading(const Node& n, Out& out);
  void list(const Node& n, Out& out);
  void list_item(const Node& n, Out& out);
  void table(const Node& n, Out& out);
  void row(const Node& n, Out& out);
  void cell(const Node& n, Out& out);
  void image(const Node& n, Out& out);
  std::optional<std::string> data_image(const Node& n);
  void chart(const Node& n, Out& out);
  void series(const Node& n, Out& out);
  void icon(const Node& n, Out& out);
  void container(const Node& n, Out& out);  // keep-together, columns, column
  void box(const Node& n, Out& out);

  // styles.cpp: the template's style sheet (<styles>)
  void style_def(const Node& n, model::Document& doc);
  /// A palette reference ("primary", "#1d70b8") checked against the document's palette;
  /// hex colours are added to it under their own text. Empty on error (reported).
  std::string palette_ref(const Node& n, At id, const model::Document& doc);
  /// A style name checked against the style sheet (`kind`: paragraph, character, box).
  bool known_style(const Node& n, const std::string& name, const char* kind, const model::Document& doc);

  // Attribute values at render time (literal ones were checked at load).
  std::optional<std::string> text(const Node& n, At id);
  template <class T, class Parse>
  std::optional<T> typed(const Node& n, At id, Parse parse);
  std::vector<std::string> string_list(const Node& n, At id);
  std::vector<double> number_list(const Node& n, At id);
};

template <class T, class Parse>
std::optional<T> Emitter::typed(const Node& n, At id, Parse parse) {
  const Attr* a = n.attr(id);
  if (!a) return std::nullopt;
  if (a->literal()) return parse(a->literal_text());
  auto s = text(n, id);
  if (!s) return std::nullopt;
  auto v = parse(*s);
  if (!v)
    st_.cx.error(a->pos, "template.type",
                 std::string(attribute_name(id)) + " must be " + check_attribute(id, *s) + ", not '" + *s + "'");
  return v;
}

}  // namespace quire::tmpl
