// One walk over the model before writing: bookmark names for everything a link or a
// cross-reference can point at (forward references included), heading numbers
// (counted like layout's prescan, so PDF and DOCX agree), and the contents entries.
#include <algorithm>
#include <cctype>
#include <set>

#include "docx/writer.hpp"

namespace quire::docx {
namespace {

struct Walker {
  Context& ctx;
  std::set<std::string> used;  // bookmark names already taken
  int counters[6] = {0, 0, 0, 0, 0, 0};
  int auto_ids = 0;

  // Word bookmark names: a letter first, then letters, digits and '_', at most 40
  // characters; a leading '_' hides them (used for the contents' own bookmarks).
  std::string bookmark_name(const std::string& id) {
    std::string base;
    for (unsigned char ch : id) base += std::isalnum(ch) ? static_cast<char>(ch) : '_';
    if (base.empty() || !std::isalpha(static_cast<unsigned char>(base[0]))) base = "q_" + base;
    if (base.size() > 40) base.resize(40);
    std::string name = base;
    for (int n = 2; used.count(name); ++n) {
      std::string suffix = "_" + std::to_string(n);
      name = base.substr(0, 40 - suffix.size()) + suffix;
    }
    used.insert(name);
    return name;
  }

  void target(const void* block, const std::string& id, std::string text, std::string number = {}) {
    if (id.empty() || ctx.targets.count(id)) return;  // first definition wins
    std::string name = bookmark_name(id);
    ctx.block_bookmarks[block] = name;
    ctx.targets[id] = {name, std::move(text), std::move(number)};
  }

  void inlines(const std::vector<model::Inline>& content) {
    for (const auto& in : content)
      if (const auto* fn = std::get_if<model::Footnote>(&in)) blocks(fn->body);
  }
  void blocks(const std::vector<model::Block>& list) {
    for (const auto& b : list) block(b);
  }
  void list(const model::List& l) {
    int n = l.start;
    for (const auto& item : l.items) {
      if (!item.blocks.empty())
        if (const auto* p = std::get_if<model::Paragraph>(&item.blocks.front().value)) {
          if (l.ordered) ctx.item_numbers[p] = std::to_string(n);
        }
      ++n;
      blocks(item.blocks);
    }
  }

  void block(const model::Block& b) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, model::Heading>) {
            const int level = std::clamp(v.level, 1, 6);
            std::string number;
            if (v.numbered) {
              ++counters[level - 1];
              for (int k = level; k < 6; ++k) counters[k] = 0;
              for (int k = 0; k < level; ++k) number += (k ? "." : "") + std::to_string(counters[k]);
              ctx.heading_numbers[&v] = number;
            }
            const std::string text = model::visible_text(v.content);
            if (!v.id.empty()) {
              target(&v, v.id, text, number);
            } else {
              std::string name = "_Toc_q" + std::to_string(++auto_ids);  // hidden, like Word's _Toc names
              used.insert(name);
              ctx.block_bookmarks[&v] = name;
            }
            if (v.in_contents)
              ctx.toc.push_back({level, number.empty() ? text : number + " " + text, ctx.block_bookmarks[&v]});
            inlines(v.content);
          } else if constexpr (std::is_same_v<T, model::Paragraph>) {
            if (!v.id.empty()) {
              std::string text = model::visible_text(v.content);
              if (text.size() > 120) text.resize(120);
              auto it = ctx.item_numbers.find(&v);
              target(&v, v.id, text, it == ctx.item_numbers.end() ? std::string() : it->second);
            }
            inlines(v.content);
          } else if constexpr (std::is_same_v<T, model::List>) {
            list(v);
          } else if constexpr (std::is_same_v<T, model::Table>) {
            target(&v, v.id, v.caption);
            for (const auto& row : v.rows)
              for (const auto& cell : row.cells) blocks(cell.blocks);
          } else if constexpr (std::is_same_v<T, model::Image>) {
            target(&v, v.id, v.alt);
          } else if constexpr (std::is_same_v<T, model::Chart>) {
            target(&v, v.id, v.title.empty() ? v.alt : v.title);
          } else if constexpr (std::is_same_v<T, model::KeepTogether>) {
            blocks(v.blocks);
          } else if constexpr (std::is_same_v<T, model::Columns>) {
            for (const auto& col : v.columns) blocks(col);
          }
        },
        b.value);
  }
};

}  // namespace

void prescan(Context& ctx) {
  Walker w{ctx, {}, {}, 0};
  for (const auto& section : ctx.doc.sections) w.blocks(section.blocks);
  if (!ctx.heading_numbers.empty()) ctx.heading_num_id = ctx.add_num(kAbstractHeadings, 0, 1);
}

}  // namespace quire::docx
