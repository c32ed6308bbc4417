// Bookmarks for everything a link or a cross-reference can point at (forward references
// included) and the contents entries, from the model's numbering pass
// (model::complete_document): the DOCX writer counts nothing itself, so its numbers are
// the PDF's.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "docx/writer.hpp"
#include "model/visit.hpp"

namespace quire::docx {
namespace {

struct Walker {
  Context& ctx;
  std::set<std::string> used;                   // bookmark names already taken
  std::map<std::string, const void*> spanning;  // id -> a paragraph, table or box that may span pages
  std::set<std::string> ranged;                 // ids that page ranges point at

  // Word bookmark names: a letter first, then letters, digits and '_', at most 40
  // characters; a leading '_' hides them (generated heading ids, like Word's _Toc names).
  std::string bookmark_name(const std::string& id) {
    std::string base;
    for (unsigned char ch : id) base += std::isalnum(ch) ? static_cast<char>(ch) : '_';
    if (id.rfind("_h", 0) == 0)
      base = "_Toc_q" + base.substr(2);
    else if (base.empty() || !std::isalpha(static_cast<unsigned char>(base[0])))
      base = "q_" + base;
    if (base.size() > 40) base.resize(40);
    std::string name = base;
    for (int n = 2; used.count(name); ++n) {
      std::string suffix = "_" + std::to_string(n);
      name = base.substr(0, 40 - suffix.size()) + suffix;
    }
    used.insert(name);
    return name;
  }

  // The first block with an id gets the bookmark (the numbering pass's rule too).
  void target(const void* block, const std::string& id) {
    if (id.empty()) return;
    auto t = ctx.targets.find(id);
    if (t == ctx.targets.end() || !t->second.bookmark.empty()) return;
    t->second.bookmark = bookmark_name(id);
    ctx.block_bookmarks[block] = t->second.bookmark;
  }

  void inlines(const std::vector<model::Inline>& content) {
    for (const auto& in : content)
      if (const auto* fn = std::get_if<model::Footnote>(&in))
        blocks(fn->body);
      else if (const auto* ref = std::get_if<model::CrossRef>(&in); ref && ref->form == model::RefForm::PageRange)
        ranged.insert(ref->target);
  }
  void may_span(const void* block, const std::string& id) {
    if (!id.empty()) spanning.emplace(id, block);  // the first wins, as for the bookmark
  }
  void blocks(const std::vector<model::Block>& list) {
    for (const auto& b : list) block(b);
  }

  void block(const model::Block& b) {
    model::match(
        b.value,
        [&](const model::Heading& v) {
          target(&v, v.id);
          inlines(v.content);
        },
        [&](const model::Paragraph& v) {
          target(&v, v.id);
          may_span(&v, v.id);
          inlines(v.content);
        },
        [&](const model::List& v) {
          for (const auto& item : v.items) blocks(item.blocks);
        },
        [&](const model::Table& v) {
          target(&v, v.id);
          may_span(&v, v.id);
          for (const auto& row : v.rows)
            for (const auto& cell : row.cells) blocks(cell.blocks);
        },
        [&](const model::Image& v) { target(&v, v.id); }, [&](const model::Chart& v) { target(&v, v.id); },
        [&](const model::PageBreak&) {}, [&](const model::Contents&) {},
        [&](const model::KeepTogether& v) { blocks(v.blocks); },
        [&](const model::Columns& v) {
          for (const auto& col : v.columns) blocks(col);
        },
        [&](const model::Panel& v) {
          target(&v, v.id);
          may_span(&v, v.id);
          blocks(v.blocks);
        },
        [&](const model::Icon& v) { target(&v, v.id); });
  }
};

}  // namespace

void prescan(Context& ctx) {
  const model::Numbering& numbering = ctx.doc.numbering;
  for (const auto& [id, t] : numbering.targets) ctx.targets[id] = {{}, t.title, t.number};
  Walker w{ctx, {}};
  for (const auto& section : ctx.doc.sections) {
    w.blocks(section.blocks);
    for (const auto& p : section.header.paragraphs) w.inlines(p.content);
    for (const auto& p : section.footer.paragraphs) w.inlines(p.content);
  }
  // A page range to a paragraph, table or box ends at an empty bookmark on its last
  // paragraph (sections get theirs in sections.cpp); headings, images, charts and icons
  // are on one page, so their range is their page, as in the PDF.
  int ends = 0;
  for (const auto& id : w.ranged) {
    auto block = w.spanning.find(id);
    auto t = ctx.targets.find(id);
    if (block == w.spanning.end() || t == ctx.targets.end() || ctx.block_bookmarks.count(block->second) == 0) continue;
    const std::string name = "_QEnd" + std::to_string(++ends);
    ctx.end_bookmarks[id] = name;
    ctx.block_end_bookmarks[block->second] = name;
  }
  for (auto it = ctx.targets.begin(); it != ctx.targets.end();)  // ids of sections: no block to mark
    it = it->second.bookmark.empty() ? ctx.targets.erase(it) : std::next(it);
  for (const auto& e : numbering.contents) {
    auto t = ctx.targets.find(e.id);
    ctx.toc.push_back({e.level, e.number.empty() ? e.title : e.number + " " + e.title,
                       t == ctx.targets.end() ? "" : t->second.bookmark});
  }
}

}  // namespace quire::docx
