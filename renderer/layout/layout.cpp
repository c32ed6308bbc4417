// lay_out(): sections -> pieces -> pages, then headers and footers; repeated (at most
// three passes) until the page numbers used by contents and cross-references are stable.
#include "layout/layout.hpp"

#include <optional>

#include "layout/context.hpp"
#include "layout/paginate.hpp"
#include "text/font.hpp"

namespace quire::layout {
namespace detail {
namespace {

// Headers and footers: laid out per page (fields differ), in the margins, as artifacts.
void page_furniture(const model::Document& doc, const LayoutResources& res, const Prescan& pre, const PassResult* prev,
                    PassOutput& out, Diagnostics& diags) {
  const int total = static_cast<int>(out.doc.pages.size());
  std::vector<std::vector<model::Block>> headers(doc.sections.size()), footers(doc.sections.size());
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    for (const auto& p : doc.sections[s].header.paragraphs) headers[s].push_back(model::Block{p});
    for (const auto& p : doc.sections[s].footer.paragraphs) footers[s].push_back(model::Block{p});
  }
  Context ctx(doc, *res.fonts, res.hyphenators, pre, prev, diags);
  ctx.artifact = true;
  for (int page = 0; page < total; ++page) {
    if (out.page_section[static_cast<size_t>(page)] < 0) continue;
    const auto s = static_cast<size_t>(out.page_section[static_cast<size_t>(page)]);
    if (headers[s].empty() && footers[s].empty()) continue;
    const auto& section = doc.sections[s];
    const PageArea area = page_area(section.page);
    ctx.fields = {page + 1, total, section.title};
    ctx.page_height = area.height;
    ctx.page_width = area.width;
    Box box;
    box.width = area.width;
    box.parent = -1;
    box.lang = doc.meta.language;
    box.dir = doc.meta.direction;
    auto& items = out.doc.pages[static_cast<size_t>(page)].items;
    auto place = [&](const std::vector<model::Block>& blocks, bool top) {
      if (blocks.empty()) return;
      std::vector<Piece> pieces;
      lay_out_blocks(ctx, blocks, box, pieces);
      if (pieces.empty()) return;
      pieces.back().space_after = 0;
      Piece p = stack(std::move(pieces));
      // centred in the margin
      const float margin = top ? area.y : area.page_height - (area.y + area.height);
      const float y = top ? (margin - p.height) / 2 : area.y + area.height + (margin - p.height) / 2;
      for (auto& it : p.items) {
        translate(it.item, area.x, std::max(2.f, y));
        it.item.tag = -1;
        items.push_back(std::move(it.item));
      }
    };
    place(headers[s], true);
    place(footers[s], false);
  }
}

PassOutput run_pass(const model::Document& doc, const LayoutResources& res, const Prescan& pre, const PassResult* prev,
                    Diagnostics& diags) {
  PassOutput out;
  out.doc.meta = doc.meta;
  Context ctx(doc, *res.fonts, res.hyphenators, pre, prev, diags);
  int root = ctx.node(Role::Document, -1);
  ctx.nodes[static_cast<size_t>(root)].lang = doc.meta.language;
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    const auto& section = doc.sections[s];
    const PageArea area = page_area(section.page);
    ctx.fields = {0, 0, section.title};
    ctx.page_height = area.height;
    ctx.page_width = area.width;
    Box box;
    box.width = area.width;
    box.parent = ctx.node(Role::Sect, root);
    box.lang = doc.meta.language;
    box.dir = doc.meta.direction;
    std::vector<Piece> pieces;
    lay_out_blocks(ctx, section.blocks, box, pieces);
    ctx.pending_break = false;  // a section starts a new page anyway
    paginate(ctx, out, static_cast<int>(s), area, std::move(pieces));
  }
  if (doc.sections.empty()) {  // still a valid document: one blank A4 page
    PageArea area = page_area(model::PageSetup{});
    out.doc.pages.push_back(Page{area.page_width, area.page_height, {}, {}});
    out.page_section.push_back(-1);
  }
  out.doc.structure = std::move(ctx.nodes);
  page_furniture(doc, res, pre, prev, out, diags);
  return out;
}

PassResult collect(const PassOutput& out) {
  PassResult r;
  for (const auto& p : out.doc.placements) r.pages[p.id] = p.first_page + 1;
  for (const auto& [id, page] : out.internal_pages) r.pages[id] = page + 1;
  r.page_count = static_cast<int>(out.doc.pages.size());
  return r;
}

}  // namespace
}  // namespace detail

LaidOutDocument lay_out(const model::Document& doc, const LayoutResources& res, Diagnostics& diags) {
  using namespace detail;
  if (!res.fonts || res.fonts->size() == 0) {
    diags.error(Origin::Internal, "layout.no-fonts", "no fonts are loaded, so no text can be laid out");
    LaidOutDocument empty;
    empty.meta = doc.meta;
    return empty;
  }
  if (!doc.numbering.done) {  // callers that built the model themselves (tests, tools)
    model::Document completed = doc;
    model::complete_document(completed);
    return lay_out(completed, res, diags);
  }
  const Prescan pre = prescan(doc);
  std::optional<PassResult> prev;
  for (int pass = 0;; ++pass) {
    Diagnostics pass_diags;
    PassOutput out = run_pass(doc, res, pre, prev ? &*prev : nullptr, pass_diags);
    PassResult now = collect(out);
    bool stable = !pre.needs_pages || (prev && *prev == now);
    if (stable || pass == 2) {
      if (!stable)
        pass_diags.warning(Origin::Template, "layout.unstable-pages",
                           "page numbers in the contents or cross-references did not settle after 3 layout passes");
      diags.append(pass_diags);
      return std::move(out.doc);
    }
    prev = std::move(now);
  }
}

}  // namespace quire::layout
