// lay_out_all(): documents -> sections -> pieces -> pages (blank pages before odd-page
// starts), then page numbers and labels, then headers and footers; repeated (at most
// three passes) until the page numbers used by contents and cross-references are stable.
// lay_out() is the one-document case.
#include "layout/layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "layout/context.hpp"
#include "layout/paginate.hpp"
#include "text/font.hpp"
#include "text/linebreak.hpp"

namespace quire::layout {
namespace detail {
namespace {

using Docs = std::span<const model::Document* const>;

constexpr const char* kBlankPageText = "This page is intentionally left blank";
const model::Color kMuted{0x50, 0x5a, 0x5f};

// A page left blank so the next section starts on a right-hand page: one centred, muted
// sentence and nothing else (no header or footer), as an artifact. It takes the next number
// of the pages before it (shown by the viewer's page labels, not printed).
void blank_page(Context& ctx, PassOutput& out, const PageArea& area) {
  const auto& meta = ctx.doc.meta;
  Page page;
  page.width = area.page_width;
  page.height = area.page_height;
  Box box;
  box.width = area.width;
  box.parent = -1;
  box.lang = meta.language;
  box.dir = meta.direction;
  const bool saved = ctx.artifact;
  ctx.artifact = true;
  const float size = static_cast<float>(ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11);
  Piece p = text_line(ctx, meta.blank_page_text.empty() ? kBlankPageText : meta.blank_page_text, size, false, box, -1,
                      model::Align::Center, kMuted, meta.direction == model::Direction::Rtl);
  ctx.artifact = saved;
  for (auto& it : p.items) {
    translate(it.item, area.x, area.y + (area.height - p.height) / 2);
    it.item.tag = -1;
    page.items.push_back(std::move(it.item));
  }
  out.doc.pages.push_back(std::move(page));
  out.page_section.push_back(-1);
  out.page_doc.push_back(out.current_doc);
}

// Page numbers and labels, once every page exists. Numbers run on across sections and
// documents; a section's first_page_number restarts them; a blank page takes the next
// number in the numbering of the page before it. A restart also starts a new numbering
// part (a copy for another reader): every page learns how many pages its part has.
void number_pages(Docs docs, PassOutput& out) {
  long n = 0;
  model::PageNumbering style = model::PageNumbering::Decimal;
  std::string unnumbered_label;
  const std::string* digits = nullptr;
  auto& pages = out.doc.pages;
  out.page_numbers.assign(pages.size(), {});
  out.part_pages.assign(pages.size(), 0);
  size_t part_start = 0;
  auto close_part = [&](size_t end) {
    for (size_t k = part_start; k < end; ++k) out.part_pages[k] = static_cast<int>(end - part_start);
    part_start = end;
  };
  for (size_t i = 0; i < pages.size(); ++i) {
    const int d = out.page_doc[i], s = out.page_section[i];
    const model::Document& doc = *docs[static_cast<size_t>(d)];
    digits = &doc.meta.digits;
    ++n;
    if (s >= 0) {
      const model::Section& section = doc.sections[static_cast<size_t>(s)];
      const bool first = i == 0 || out.page_doc[i - 1] != d || out.page_section[i - 1] != s;
      if (first && section.first_page_number) {
        n = *section.first_page_number;
        if (i > 0) close_part(i);
      }
      style = section.numbering;
      // A page without a number still needs a label that is not a number: the section's
      // title ("Front sheet"), else the document's.
      unnumbered_label = !section.title.empty() ? section.title : !doc.meta.title.empty() ? doc.meta.title : "-";
    }
    switch (style) {
      case model::PageNumbering::Decimal:
        pages[i].label = std::to_string(n);
        out.page_numbers[i] = model::format_number(n, *digits);
        break;
      case model::PageNumbering::LowerRoman:
        pages[i].label = out.page_numbers[i] = model::roman(n);
        break;
      case model::PageNumbering::None:
        pages[i].label = unnumbered_label;
        break;
    }
  }
  close_part(pages.size());
}

// A header's or footer's paragraphs as blocks, to lay out.
std::vector<model::Block> furniture_blocks(const std::vector<model::Paragraph>& paragraphs) {
  std::vector<model::Block> blocks;
  blocks.reserve(paragraphs.size());
  for (const auto& p : paragraphs) blocks.push_back(model::Block{p});
  return blocks;
}

// A context for headers and footers: artifacts, sharing the layout's paragraph caches.
void furnish(Context& ctx, const LayoutResources& res, const std::vector<std::u16string>* whole, bool measure_only,
             const PageArea& area) {
  ctx.shared_whole = whole;
  ctx.paragraphs = res.paragraphs;
  ctx.measure_only = measure_only;
  ctx.artifact = true;
  ctx.page_height = area.height;
  ctx.page_width = area.width;
}

// A header or footer laid out across the text width, in one piece; nothing if it is empty.
std::optional<Piece> stack_furniture(Context& ctx, const model::Document& doc, const std::vector<model::Block>& blocks,
                                     const PageArea& area) {
  if (blocks.empty()) return std::nullopt;
  Box box;
  box.width = area.width;
  box.parent = -1;
  box.lang = doc.meta.language;
  box.dir = doc.meta.direction;
  std::vector<Piece> pieces;
  lay_out_blocks(ctx, blocks, box, pieces);
  if (pieces.empty()) return std::nullopt;
  pieces.back().space_after = 0;
  return stack(std::move(pieces));
}

// Headers and footers: laid out per page (fields differ), in the margins, as artifacts.
void page_furniture(Docs docs, const LayoutResources& res, const std::vector<Prescan>& pres,
                    const std::vector<std::vector<std::u16string>>& whole, const PassResult* prev, PassOutput& out,
                    Diagnostics& diags) {
  const int total = static_cast<int>(out.doc.pages.size());
  struct Furniture {
    std::unique_ptr<Context> ctx;
    std::vector<std::vector<model::Block>> headers, footers;
  };
  std::vector<Furniture> per_doc(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    const model::Document& doc = *docs[d];
    auto& f = per_doc[d];
    for (const auto& section : doc.sections) {
      f.headers.push_back(furniture_blocks(section.header.paragraphs));
      f.footers.push_back(furniture_blocks(section.footer.paragraphs));
    }
  }
  for (int page = 0; page < total; ++page) {
    const auto index = static_cast<size_t>(page);
    if (out.page_section[index] < 0) continue;  // blank pages carry no header or footer
    const auto d = static_cast<size_t>(out.page_doc[index]);
    const auto s = static_cast<size_t>(out.page_section[index]);
    auto& f = per_doc[d];
    if (f.headers[s].empty() && f.footers[s].empty()) continue;
    const model::Document& doc = *docs[d];
    if (!f.ctx) f.ctx = std::make_unique<Context>(doc, *res.fonts, res.hyphenators, pres[d], prev, diags);
    Context& ctx = *f.ctx;
    const auto& section = doc.sections[s];
    const PageArea area = page_area(section.page);
    furnish(ctx, res, &whole[d], res.measure_only, area);
    ctx.fields = {page + 1, total, section.title, out.page_numbers[index], out.part_pages[index]};
    auto& items = out.doc.pages[index].items;
    auto place = [&](const std::vector<model::Block>& blocks, bool top) {
      std::optional<Piece> p = stack_furniture(ctx, doc, blocks, area);
      if (!p) return;
      // As Word places them (w:header, w:footer): the header's top and the footer's foot
      // half the margin from the page's edge; the body keeps clear of both (furnished_area).
      const float margin = top ? area.y : area.page_height - (area.y + area.height);
      const float y = top ? margin / 2 : area.page_height - margin / 2 - p->height;
      for (auto& it : p->items) {
        translate(it.item, area.x, std::max(2.f, y));
        it.item.tag = -1;
        items.push_back(std::move(it.item));
      }
    };
    place(f.headers[s], true);
    place(f.footers[s], false);
  }
}

// The height of a section's header or footer: laid out once, on a scratch context, with
// the page fields at zero (a page number's digits do not change a line's height).
float furniture_height(const model::Document& doc, const std::vector<model::Paragraph>& paragraphs,
                       const PageArea& area, const LayoutResources& res, const Prescan& pre,
                       const std::vector<std::u16string>* whole) {
  if (paragraphs.empty()) return 0;
  Diagnostics scratch;  // the page_furniture() layout reports the footer's problems, once
  Context ctx(doc, *res.fonts, res.hyphenators, pre, nullptr, scratch);
  furnish(ctx, res, whole, true, area);
  std::optional<Piece> p = stack_furniture(ctx, doc, furniture_blocks(paragraphs), area);
  return p ? p->height : 0;
}

// A section's body area with room for its header and footer as Word makes it: a header or
// footer taller than half its margin pushes the body in, so the PDF and the Word file have
// the same room for text (a page that fits in one fits in the other).
PageArea furnished_area(const model::Document& doc, const model::Section& section, const LayoutResources& res,
                        const Prescan& pre, const std::vector<std::u16string>* whole) {
  PageArea a = page_area(section.page);
  const float top_margin = a.y;
  const float bottom_margin = a.page_height - (a.y + a.height);
  const float header = furniture_height(doc, section.header.paragraphs, a, res, pre, whole);
  const float footer = furniture_height(doc, section.footer.paragraphs, a, res, pre, whole);
  const float top = std::max(top_margin, top_margin / 2 + header);
  const float bottom = std::max(bottom_margin, bottom_margin / 2 + footer);
  a.height = std::max(36.f, a.page_height - top - bottom);
  a.y = top;
  return a;
}

// The title a document has in the outline of several documents.
std::string outline_title(const model::Document& doc, size_t index) {
  if (!doc.meta.title.empty()) return doc.meta.title;
  for (const auto& s : doc.sections)
    if (!s.title.empty()) return s.title;
  return "Document " + std::to_string(index + 1);
}

struct Shared {
  Docs docs;
  StopPoll* stop;
  const LayoutResources& res;
  const std::vector<Prescan>& pres;
  const std::map<std::string, model::Target>& targets;
  const std::vector<std::vector<PageArea>>& areas;        ///< per document, per section: furnished_area()
  const std::vector<std::vector<std::u16string>>& whole;  ///< per document: Context::whole_words()
};

PassOutput run_pass(const Shared& sh, const PassResult* prev, Diagnostics& diags) {
  const Docs docs = sh.docs;
  const bool several = docs.size() > 1;
  PassOutput out;
  out.doc.meta = docs.front()->meta;
  std::vector<StructNode> nodes;
  int body_page_fields = 0, tables = 0;  // carried from one document to the next: keys stay unique
  for (size_t d = 0; d < docs.size(); ++d) {
    const model::Document& doc = *docs[d];
    Context ctx(doc, *sh.res.fonts, sh.res.hyphenators, sh.pres[d], prev, diags);
    ctx.shared_whole = &sh.whole[d];
    ctx.stop = sh.stop;
    ctx.paragraphs = sh.res.paragraphs;
    ctx.measure_only = sh.res.measure_only;
    ctx.all_targets = &sh.targets;
    ctx.nodes = std::move(nodes);
    ctx.body_page_fields = body_page_fields;
    ctx.tables = tables;
    out.current_doc = static_cast<int>(d);
    if (d == 0) ctx.nodes[static_cast<size_t>(ctx.node(Role::Document, -1))].lang = doc.meta.language;
    const int parent = several ? ctx.node(Role::Sect, 0, doc.meta.language) : 0;
    const size_t outline_from = out.doc.outline.size();
    int first_page = -1;
    for (size_t s = 0; s < doc.sections.size(); ++s) {
      const auto& section = doc.sections[s];
      const PageArea& area = sh.areas[d][s];
      ctx.fields = {0, 0, section.title, {}};
      ctx.page_height = area.height;
      ctx.page_width = area.width;
      Box box;
      box.width = area.width;
      box.parent = ctx.node(Role::Sect, parent, {}, section.id);
      box.lang = doc.meta.language;
      box.dir = doc.meta.direction;
      std::vector<Piece> pieces;
      lay_out_blocks(ctx, section.blocks, box, pieces);
      ctx.pending_break = false;  // a section starts a new page anyway
      if (section.start == model::SectionStart::OddPage && out.doc.pages.size() % 2 == 1) blank_page(ctx, out, area);
      if (first_page < 0) first_page = static_cast<int>(out.doc.pages.size());
      paginate(ctx, out, static_cast<int>(s), area, std::move(pieces), section.id);
    }
    if (several && first_page >= 0) {  // the document's title above its own headings
      for (size_t i = outline_from; i < out.doc.outline.size(); ++i) ++out.doc.outline[i].level;
      out.doc.outline.insert(out.doc.outline.begin() + static_cast<std::ptrdiff_t>(outline_from),
                             OutlineEntry{outline_title(doc, d), 1, first_page, 0});
    }
    out.used_pages = out.used_pages || ctx.used_pages;
    body_page_fields = ctx.body_page_fields;
    tables = ctx.tables;
    nodes = std::move(ctx.nodes);
  }
  if (out.doc.pages.empty()) {  // no sections: still a valid document, one blank A4 page
    PageArea area = page_area(model::PageSetup{});
    out.doc.pages.push_back(Page{area.page_width, area.page_height, {}, {}});
    out.page_section.push_back(-1);
    out.page_doc.push_back(0);
  }
  out.doc.structure = std::move(nodes);
  number_pages(docs, out);
  // Measuring (a fit's probe, a Word file's size) wants page counts: no headers or footers.
  if (!sh.res.measure_only) page_furniture(docs, sh.res, sh.pres, sh.whole, prev, out, diags);
  return out;
}

PassResult collect(const PassOutput& out) {
  PassResult r;
  for (const auto& p : out.doc.placements) {
    r.pages[p.id] = p.first_page + 1;
    r.last_pages[p.id] = p.last_page + 1;
  }
  for (const auto& [id, page] : out.internal_pages) r.pages[id] = page + 1;
  r.numbers = out.page_numbers;
  r.part_pages = out.part_pages;
  r.page_count = static_cast<int>(out.doc.pages.size());
  return r;
}

// What references can point at, over every document: the first to use an id owns it.
std::map<std::string, model::Target> all_targets(Docs docs, const std::vector<Prescan>& pres, Diagnostics& diags) {
  std::map<std::string, model::Target> targets;
  std::map<std::string, size_t> owner;
  auto add = [&](const std::string& id, const model::Target& t, size_t d) {
    auto [it, fresh] = owner.emplace(id, d);
    if (fresh) {
      targets.emplace(id, t);
    } else if (it->second != d) {
      diags.warning(Origin::Template, "layout.duplicate-id",
                    "'" + id + "' is an id in documents " + std::to_string(it->second + 1) + " and " +
                        std::to_string(d + 1) + " laid out together: references to it go to document " +
                        std::to_string(it->second + 1));
    }
  };
  for (size_t d = 0; d < docs.size(); ++d)  // sections with ids are targets of the numbering pass too
    for (const auto& [id, t] : pres[d].numbering->targets) add(id, t, d);
  return targets;
}

}  // namespace
}  // namespace detail

LaidOutDocument lay_out(const model::Document& doc, const LayoutResources& res, Diagnostics& diags) {
  if (doc.typography.fit_pages > 0 && !doc.typography.fitted) {
    model::Document copy = doc;
    return fit(copy, res, diags);
  }
  const model::Document* one[] = {&doc};
  return lay_out_all(one, res, diags);
}

LaidOutDocument fit(model::Document& doc, const LayoutResources& res, Diagnostics& diags, FitGuess guess) {
  model::Typography& t = doc.typography;
  if (t.fit_pages <= 0 || t.fitted) return lay_out(doc, res, diags);
  // A grid of choices: size step i (top - 0.5 i), leading step j (loosest - 0.05 j). Either
  // step makes the text take less room, so "fits" only turns from false to true along each.
  const double top = t.body_size;
  const double loosest = t.line_height;
  // Without a floor from the template, text is never set below three quarters of its size.
  const double floor = std::min(top, t.min_body_size > 0 ? t.min_body_size : top * 0.75);
  const int sizes = static_cast<int>(std::floor((top - floor) / 0.5 + 1e-9));
  const double closest = t.min_line_height > 0 ? std::min(loosest, t.min_line_height) : loosest;
  const int leadings = static_cast<int>(std::floor((loosest - closest) / 0.05 + 1e-9));
  auto set = [&](int i, int j) {
    t.body_size = top - 0.5 * i;
    t.line_height = loosest - 0.05 * j;
  };
  struct Try {
    LaidOutDocument out;
    Diagnostics diags;
    bool fits = false;
  };
  // What a layout at (i, j) says: whether it fits, and with how many pages and how much
  // room left on the last one.
  struct Probe {
    bool fits = false;
    size_t pages = 0;
    float room = 0;
  };
  std::map<std::pair<int, int>, Try> tried;
  std::map<std::pair<int, int>, Probe> probed;  // measure-only layouts: only the page count is wanted
  const model::Document* one[] = {&doc};
  bool stopped = false;  // the job's deadline or cancellation: the caller drops the result
  auto judge = [&](const LaidOutDocument& out, const Diagnostics& d) {
    return Probe{static_cast<int>(out.pages.size()) <= t.fit_pages || d.has_errors(), out.pages.size(), out.room_left};
  };
  auto attempt = [&](int i, int j) -> Try& {
    auto [it, fresh] = tried.try_emplace({i, j});
    if (fresh) {
      set(i, j);
      it->second.out = lay_out_all(one, res, it->second.diags);
      it->second.fits = judge(it->second.out, it->second.diags).fits;
      if (res.keep_going && !res.keep_going()) stopped = it->second.fits = true;
    }
    return it->second;
  };
  // What (i, j) gives, from a layout that measures lines without drawing them (the page
  // count is the same: the Word file's size is chosen this way too). A full layout already
  // made there answers first.
  LayoutResources measure = res;
  measure.measure_only = true;
  auto probe = [&](int i, int j) -> Probe {
    if (auto it = tried.find({i, j}); it != tried.end()) return judge(it->second.out, it->second.diags);
    auto [it, fresh] = probed.try_emplace({i, j});
    if (fresh) {
      set(i, j);
      Diagnostics probe_diags;
      it->second = judge(lay_out_all(one, measure, probe_diags), probe_diags);
      if (res.keep_going && !res.keep_going()) stopped = it->second.fits = true;
    }
    return it->second;
  };
  auto fits = [&](int i, int j) -> bool { return stopped || probe(i, j).fits; };
  // Whether (i, j) fits with a line in hand: a page to spare, or a line's height (body size x
  // line height) left free at the foot of the last page.
  auto fits_spare = [&](int i, int j) -> bool {
    if (stopped) return true;
    const Probe p = probe(i, j);
    set(i, j);
    return p.fits &&
           (p.pages < static_cast<size_t>(t.fit_pages) || p.room >= static_cast<float>(t.body_size * t.line_height));
  };
  // The first step from `from` (counting up to `last`) at which `ok` holds, `last` if none:
  // from a step that holds, go back while the one before holds too; else forward.
  auto first_fitting = [&](int from, int last, auto ok) {
    int k = from;
    if (ok(k)) {
      while (k > 0 && !stopped && ok(k - 1)) --k;
    } else {
      while (k < last && !stopped && !ok(k + 1)) ++k;
      if (k < last) ++k;
    }
    return k;
  };
  // The guess (the top, without one) is laid out in full first: it is usually the answer.
  const int gi =
      guess.body_size > 0 ? std::clamp(static_cast<int>(std::lround((top - guess.body_size) / 0.5)), 0, sizes) : 0;
  const int gj = guess.line_height > 0
                     ? std::clamp(static_cast<int>(std::lround((loosest - guess.line_height) / 0.05)), 0, leadings)
                     : 0;
  const bool guess_fits = attempt(gi, gj).fits;
  // The largest size that fits with lines at their closest (the guess fitting says the
  // guess's size does), then the loosest lines at that size that fit with a line in hand:
  // the Word file sets a few points taller than layout (LibreOffice: about 15 pt down the
  // Arabic Pledge, 1 to 1.5 pt a promise card), and lines set looser than they need be are
  // not worth a second page there. At the closest lines, no line need be in hand.
  const int i = first_fitting(gi, sizes, [&](int k) { return (k == gi && guess_fits) || fits(k, leadings); });
  const int j =
      first_fitting(i == gi ? gj : leadings, leadings, [&](int k) { return k == leadings || fits_spare(i, k); });
  Try& chosen = attempt(i, j);  // laid out in full (once)
  set(i, j);
  t.fitted = true;
  diags.append(chosen.diags);
  if (!chosen.fits)
    diags.warning(Origin::Template, "layout.fit-pages",
                  "the document takes " + std::to_string(chosen.out.pages.size()) + " pages, more than the " +
                      std::to_string(t.fit_pages) + " it should fit, even at " +
                      std::to_string(t.body_size).substr(0, 4) + " pt");
  return std::move(chosen.out);
}

LaidOutDocument lay_out_all(std::span<const model::Document* const> docs, const LayoutResources& res,
                            Diagnostics& diags) {
  using namespace detail;
  static const model::Document kEmpty;
  const model::Document* empty[] = {&kEmpty};
  if (docs.empty()) docs = empty;
  // Callers that built a model themselves (tests, tools) get it completed here, on a copy.
  std::vector<model::Document> completed;
  std::vector<const model::Document*> ready(docs.begin(), docs.end());
  completed.reserve(docs.size());
  for (auto& d : ready)
    if (!d->numbering.done) {
      completed.push_back(*d);
      model::complete_document(completed.back());
      d = &completed.back();
    }
  docs = ready;
  if (!res.fonts || res.fonts->size() == 0) {
    diags.error(Origin::Internal, "layout.no-fonts", "no fonts are loaded, so no text can be laid out");
    LaidOutDocument none;
    none.meta = docs.front()->meta;
    return none;
  }
  std::vector<Prescan> pres;
  bool needs_pages = false;
  for (const auto* doc : docs) {
    pres.push_back(prescan(*doc));
    needs_pages = needs_pages || pres.back().needs_pages;
  }
  const auto targets = all_targets(docs, pres, diags);
  // Each section's text area, once for every pass: a header's or footer's height does not
  // depend on the page numbers it shows.
  std::vector<std::vector<std::u16string>> whole(docs.size());  // every context's, made once
  std::vector<std::vector<PageArea>> areas(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    whole[d] = text::letter_words(docs[d]->typography.unhyphenated);
    for (const auto& section : docs[d]->sections)
      areas[d].push_back(furnished_area(*docs[d], section, res, pres[d], &whole[d]));
  }
  StopPoll stop(res.keep_going, 4);
  const Shared shared{docs, &stop, res, pres, targets, areas, whole};
  std::optional<PassResult> prev;
  for (int pass = 0;; ++pass) {
    Diagnostics pass_diags;
    PassOutput out = run_pass(shared, prev ? &*prev : nullptr, pass_diags);
    if (stop.stopped()) return std::move(out.doc);  // incomplete: the caller reports the stop and drops it
    PassResult now = collect(out);
    bool stable = !(needs_pages || out.used_pages) || (prev && *prev == now);
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
