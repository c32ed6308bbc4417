// Small builders for model documents in layout tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "layout/layout.hpp"
#include "model/document.hpp"
#include "unit/text/fonts.hpp"

namespace quire::testing {

inline model::TextRun run(std::string text, std::string lang = {}) {
  model::TextRun r;
  r.text = std::move(text);
  r.lang = std::move(lang);
  return r;
}

inline model::Block para(std::string text, model::ParaRole role = model::ParaRole::Body, std::string id = {}) {
  model::Paragraph p;
  p.content.emplace_back(std::in_place_type<model::TextRun>, run(std::move(text)));
  p.role = role;
  p.id = std::move(id);
  return {p};
}

inline model::Block heading(int level, std::string text, std::string id = {}, bool numbered = false) {
  model::Heading h;
  h.level = level;
  h.content.emplace_back(std::in_place_type<model::TextRun>, run(std::move(text)));
  h.id = std::move(id);
  h.numbered = numbered;
  return {h};
}

inline model::TableCell cell(std::string text) {
  model::TableCell c;
  c.blocks.push_back(para(std::move(text)));
  return c;
}

/// A one-section document with the given blocks.
inline model::Document document(std::vector<model::Block> blocks, std::string lang = "en-GB",
                                model::Direction dir = model::Direction::Ltr) {
  model::Document doc;
  doc.meta.language = std::move(lang);
  doc.meta.direction = dir;
  doc.sections.emplace_back();
  doc.sections.back().blocks = std::move(blocks);
  return doc;
}

/// Lays out with the real fonts and hyphenation dictionaries.
inline layout::LaidOutDocument lay_out(const model::Document& doc, Diagnostics& diags) {
  layout::LayoutResources res{&test_fonts(), &test_hyphenators()};
  return layout::lay_out(doc, res, diags);
}
inline layout::LaidOutDocument lay_out(const model::Document& doc) {
  Diagnostics diags;
  return lay_out(doc, diags);
}

/// The text of every glyph run on a page, in item order, joined with '|'.
inline std::string page_text(const layout::Page& page) {
  std::string out;
  for (const auto& item : page.items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value)) {
      if (!out.empty()) out += "|";
      if (g->rtl)
        for (auto it = g->clusters.rbegin(); it != g->clusters.rend(); ++it) out += it->text;
      else
        for (const auto& c : g->clusters) out += c.text;
    }
  return out;
}

}  // namespace quire::testing

namespace quire::testing {

/// Indices of structure nodes with `role`, in tree order.
inline std::vector<int> nodes_with(const layout::LaidOutDocument& doc, layout::Role role) {
  std::vector<int> out;
  for (size_t i = 0; i < doc.structure.size(); ++i)
    if (doc.structure[i].role == role) out.push_back(static_cast<int>(i));
  return out;
}

/// Glyph runs tagged `tag` (or, with `deep`, any descendant of it) on page `page`.
inline std::vector<const layout::GlyphRun*> runs_of(const layout::LaidOutDocument& doc, size_t page, int tag,
                                                    bool deep = false) {
  auto inside = [&](int t) {
    while (t >= 0) {
      if (t == tag) return true;
      if (!deep) return false;
      t = doc.structure[static_cast<size_t>(t)].parent;
    }
    return false;
  };
  std::vector<const layout::GlyphRun*> out;
  for (const auto& item : doc.pages[page].items)
    if (const auto* g = std::get_if<layout::GlyphRun>(&item.value))
      if (inside(item.tag)) out.push_back(g);
  return out;
}

/// Distinct baselines of the runs tagged `tag` on `page`: the number of its lines there.
inline size_t lines_on(const layout::LaidOutDocument& doc, size_t page, int tag) {
  std::vector<float> ys;
  for (const auto* g : runs_of(doc, page, tag))
    if (std::find_if(ys.begin(), ys.end(), [&](float y) { return std::abs(y - g->y) < 0.5f; }) == ys.end())
      ys.push_back(g->y);
  return ys.size();
}

/// The logical text of a glyph run.
inline std::string text_of(const layout::GlyphRun& g) {
  std::string out;
  if (g.rtl)
    for (auto it = g.clusters.rbegin(); it != g.clusters.rend(); ++it) out += it->text;
  else
    for (const auto& c : g.clusters) out += c.text;
  return out;
}

/// A paragraph of `words` words.
inline std::string words(size_t n, const std::string& word = "promise") {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? " " : "") + word;
  return out;
}

inline bool has_warning(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return true;
  return false;
}

}  // namespace quire::testing
