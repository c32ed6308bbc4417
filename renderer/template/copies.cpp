// <copy for="carer">: the document rendered again for another reader, after the original.
// Each copy starts its own numbering part (its pages count from 1, and field('part-pages')
// counts its pages only), numbers its headings and paragraphs as the original does, and has
// ids of its own, so references, bookmarks and structure ids stay unique in the file.
#include <set>

#include "model/visit.hpp"
#include "template/render.hpp"

namespace quire::tmpl {
namespace {

// Gives every id of the sections [from, end) a suffix naming the copy, and points the
// references and links of those sections at the copy's own blocks.
class Renamer {
 public:
  explicit Renamer(std::string suffix) : suffix_(std::move(suffix)) {}

  void run(std::vector<model::Section>& sections, size_t from) {
    collect_ = true;
    walk(sections, from);
    collect_ = false;
    walk(sections, from);
  }

 private:
  std::string suffix_;
  std::set<std::string> ids_;  // ids defined in the copy, before renaming
  bool collect_ = true;

  void walk(std::vector<model::Section>& sections, size_t from) {
    for (size_t i = from; i < sections.size(); ++i) {
      auto& s = sections[i];
      id(s.id);
      for (auto& p : s.header.paragraphs) paragraph(p);
      for (auto& p : s.footer.paragraphs) paragraph(p);
      blocks(s.blocks);
    }
  }
  void id(std::string& v) {
    if (v.empty()) return;
    if (collect_)
      ids_.insert(v);
    else
      v += suffix_;
  }
  void target(std::string& v) {
    if (!collect_ && ids_.count(v)) v += suffix_;
  }
  void inlines(std::vector<model::Inline>& content) {
    for (auto& in : content)
      model::match(
          in,
          [&](model::TextRun& r) {
            if (!collect_ && r.link.size() > 1 && r.link[0] == '#' && ids_.count(r.link.substr(1))) r.link += suffix_;
          },
          [](model::LineBreak&) {}, [](model::Field&) {}, [&](model::CrossRef& r) { target(r.target); },
          [&](model::Footnote& f) { blocks(f.body); });
  }
  void paragraph(model::Paragraph& p) {
    id(p.id);
    inlines(p.content);
  }
  void blocks(std::vector<model::Block>& list) {
    for (auto& b : list)
      model::match(
          b.value,
          [&](model::Heading& h) {
            id(h.id);
            h.in_contents = false;  // the contents and the outline list the original's headings once
            inlines(h.content);
          },
          [&](model::Paragraph& p) { paragraph(p); },
          [&](model::List& l) {
            for (auto& item : l.items) blocks(item.blocks);
          },
          [&](model::Table& t) {
            id(t.id);
            for (auto& row : t.rows)
              for (auto& cell : row.cells) blocks(cell.blocks);
          },
          [&](model::Image& i) { id(i.id); }, [&](model::Chart& c) { id(c.id); }, [](model::PageBreak&) {},
          [](model::Contents&) {}, [&](model::KeepTogether& k) { blocks(k.blocks); },
          [&](model::Columns& c) {
            for (auto& col : c.columns) blocks(col);
          },
          [&](model::Panel& p) {
            id(p.id);
            if (p.icon) id(p.icon->id);
            blocks(p.blocks);
          },
          [&](model::Icon& i) { id(i.id); });
  }
};

}  // namespace

void Emitter::set_copy(const std::string& recipient, int number) {
  if (st_.copy_slot < 0 || static_cast<size_t>(st_.copy_slot) >= st_.cx.frame.size()) return;
  auto value = std::make_shared<nlohmann::json>(nlohmann::json{{"for", recipient}, {"number", number}});
  Value v = Value::from_json(*value);
  v.owned = value;
  st_.cx.frame[static_cast<size_t>(st_.copy_slot)] = std::move(v);
}

void Emitter::copy(const Node& n, Out& out) {
  if (!out.doc || st_.in_copy) return;  // inside a copy, <copy> asks for nothing more
  auto recipient = text(n, At::For);
  if (!recipient) return;
  if (static_cast<int>(st_.copies.size()) >= st_.limits.max_copies) {
    if (!st_.stopped)
      st_.cx.error(n.pos, "template.limit",
                   "more than " + std::to_string(st_.limits.max_copies) + " copies of one document");
    st_.stopped = true;
    return;
  }
  st_.copies.push_back(std::move(*recipient));
}

void Emitter::render_copies(const Node& root, model::Document& doc) {
  for (size_t k = 0; k < st_.copies.size() && !st_.stopped; ++k) {
    const int number = static_cast<int>(k) + 2;
    const size_t from = doc.sections.size();
    set_copy(st_.copies[k], number);
    st_.in_copy = true;
    Flow flow(&doc, st_);
    Out out;
    out.flow = &flow;
    out.doc = &doc;
    nodes(root.children, out);
    flow.close();
    st_.in_copy = false;
    if (doc.sections.size() == from) continue;  // nothing in this copy
    model::Section& first = doc.sections[from];
    first.starts_copy = true;
    if (!first.first_page_number) first.first_page_number = 1;  // its own part: "Page 1 of 1"
    Renamer("~copy" + std::to_string(number)).run(doc.sections, from);
  }
  set_copy({}, 1);
}

}  // namespace quire::tmpl
