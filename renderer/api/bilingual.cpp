// Pairing two renderings of one template. Both come from the same template and
// data, so their block structure matches; language and direction are stamped on
// every run so layout, PDF /Lang and DOCX w:lang follow each column.
#include "api/bilingual.hpp"

#include <algorithm>
#include <type_traits>

#include "model/visit.hpp"

namespace quire {

namespace {

struct Stamp {
  std::string lang;
  model::Direction dir;
  std::string digits;  ///< the language's own digits (ASCII spelled out: empty means the document's)

  void inlines(std::vector<model::Inline>& content) const {
    for (auto& in : content) {
      if (auto* run = std::get_if<model::TextRun>(&in)) {
        if (run->lang.empty()) run->lang = lang;
      } else if (auto* field = std::get_if<model::Field>(&in)) {
        if (field->digits.empty()) field->digits = digits;
      } else if (auto* note = std::get_if<model::Footnote>(&in)) {
        blocks(note->body);
      }
    }
  }

  void paragraph(model::Paragraph& p) const {
    if (p.lang.empty()) p.lang = lang;
    if (p.dir == model::Direction::Auto) p.dir = dir;
    inlines(p.content);
  }

  void blocks(std::vector<model::Block>& bs) const {
    for (auto& b : bs) block(b);
  }

  void block(model::Block& b) const {
    model::match(
        b.value, [&](model::Heading& v) { inlines(v.content); }, [&](model::Paragraph& v) { paragraph(v); },
        [&](model::List& v) {
          for (auto& item : v.items) blocks(item.blocks);
        },
        [&](model::Table& v) {
          if (v.dir == model::Direction::Auto) v.dir = dir;
          for (auto& row : v.rows)
            for (auto& cell : row.cells) blocks(cell.blocks);
        },
        [&](model::Image&) {}, [&](model::Chart&) {}, [&](model::PageBreak&) {}, [&](model::Contents&) {},
        [&](model::KeepTogether& v) { blocks(v.blocks); },
        [&](model::Columns& v) {
          for (auto& col : v.columns) blocks(col);
        },
        [&](model::Panel& v) { blocks(v.blocks); }, [&](model::Icon&) {});
  }
};

/// Columns of a table: its widths, else its widest row.
std::size_t table_columns(const model::Table& t) {
  std::size_t n = t.column_widths.size();
  for (const auto& r : t.rows) {
    std::size_t cols = 0;
    for (const auto& c : r.cells) cols += static_cast<std::size_t>(std::max(1, c.col_span));
    n = std::max(n, cols);
  }
  return n;
}

/// A table of three columns or more (or a box holding one): at half the width its words
/// break between letters (an action table's "Status", a date), so the two languages are
/// laid out one above the other at full width instead of side by side.
bool needs_full_width(const model::Block& b, int depth = 0) {
  if (depth > 8) return false;
  if (const auto* t = std::get_if<model::Table>(&b.value)) return table_columns(*t) >= 3;
  const std::vector<model::Block>* inner = nullptr;
  if (const auto* p = std::get_if<model::Panel>(&b.value)) inner = &p->blocks;
  if (const auto* k = std::get_if<model::KeepTogether>(&b.value)) inner = &k->blocks;
  if (!inner) return false;
  for (const auto& x : *inner)
    if (needs_full_width(x, depth + 1)) return true;
  return false;
}

model::Block row(std::vector<model::Block> first, std::vector<model::Block> english) {
  return model::Block{model::Columns{{std::move(first), std::move(english)}}};
}

/// One row per list item, each side a one-item list numbered as in the original.
void pair_list(const model::List& a, const model::List& b, std::vector<model::Block>& out) {
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    auto one = [&](const model::List& l) {
      model::List single{l.ordered, l.start + static_cast<int>(i), {l.items[i]}};
      return std::vector<model::Block>{model::Block{std::move(single)}};
    };
    out.push_back(row(one(a), one(b)));
  }
}

void pair_blocks(std::vector<model::Block>& first, std::vector<model::Block>& english, std::vector<model::Block>& out) {
  std::size_t i = 0, j = 0;
  while (i < first.size() || j < english.size()) {
    if (i < first.size() && j < english.size() && first[i].value.index() == english[j].value.index()) {
      const auto* la = std::get_if<model::List>(&first[i].value);
      const auto* lb = std::get_if<model::List>(&english[j].value);
      if (la && lb && la->items.size() == lb->items.size()) {
        pair_list(*la, *lb, out);
      } else if (std::holds_alternative<model::PageBreak>(first[i].value)) {
        out.push_back(std::move(first[i]));
      } else if (needs_full_width(first[i]) || needs_full_width(english[j])) {
        out.push_back(std::move(first[i]));
        out.push_back(std::move(english[j]));
      } else {
        out.push_back(row({std::move(first[i])}, {std::move(english[j])}));
      }
      ++i, ++j;
    } else if (i < first.size()) {
      out.push_back(std::move(first[i++]));  // only in the first language (e.g. the fallback notice)
    } else {
      out.push_back(std::move(english[j++]));
    }
  }
}

}  // namespace

model::Document pair_bilingual(model::Document first, model::Document english) {
  auto own_digits = [](const model::Metadata& m) { return m.digits.empty() ? std::string("0123456789") : m.digits; };
  const Stamp mine{first.meta.language, first.meta.direction, own_digits(first.meta)};
  const Stamp theirs{english.meta.language, english.meta.direction, own_digits(english.meta)};
  for (auto& s : first.sections) {
    mine.blocks(s.blocks);
    for (auto& p : s.footer.paragraphs) mine.paragraph(p);
    for (auto& p : s.header.paragraphs) mine.paragraph(p);
  }
  for (auto& s : english.sections) theirs.blocks(s.blocks);

  model::Document out;
  out.meta = first.meta;
  out.meta.title = first.meta.title + " / " + english.meta.title;
  out.meta.keywords.push_back("bilingual");
  out.meta.custom["quire:languages"] = first.meta.language + " " + english.meta.language;
  out.typography = first.typography;
  for (std::size_t s = 0; s < first.sections.size(); ++s) {
    model::Section section = first.sections[s];
    section.blocks.clear();
    if (s < english.sections.size()) {
      auto& en = english.sections[s];
      // Each English footer line follows its own language's line; a line both say alike (a
      // security marking) is printed once, last, so the footer stays inside the margin.
      auto& mine_lines = first.sections[s].footer.paragraphs;
      std::vector<model::Paragraph> footer, shared;
      for (std::size_t k = 0; k < std::max(mine_lines.size(), en.footer.paragraphs.size()); ++k) {
        const bool both = k < mine_lines.size() && k < en.footer.paragraphs.size();
        if (both && model::plain_text(mine_lines[k].content) == model::plain_text(en.footer.paragraphs[k].content)) {
          shared.push_back(std::move(mine_lines[k]));
          continue;
        }
        if (k < mine_lines.size()) footer.push_back(std::move(mine_lines[k]));
        if (k < en.footer.paragraphs.size()) {
          theirs.paragraph(en.footer.paragraphs[k]);
          footer.push_back(std::move(en.footer.paragraphs[k]));
        }
      }
      for (auto& p : shared) footer.push_back(std::move(p));
      section.footer.paragraphs = std::move(footer);
      pair_blocks(first.sections[s].blocks, en.blocks, section.blocks);
    } else {
      section.blocks = std::move(first.sections[s].blocks);
    }
    out.sections.push_back(std::move(section));
  }
  return out;
}

}  // namespace quire
