// write_pdf: frames -> PDF bytes, in passes. (1) collect the glyphs of every font,
// (2) subset and embed the fonts, (3) write each page's content with marked
// content for the structure tree, (4) links, structure tree, outline, page
// labels and metadata, (5) serialise to memory.
#include "pdf/pdf_writer.hpp"

#include <unordered_map>

#include "pdf/content.hpp"
#include "pdf/encoding.hpp"
#include "pdf/fonts.hpp"
#include "pdf/haru_adapter.hpp"
#include "pdf/metadata.hpp"
#include "pdf/structure.hpp"
#include "quire/limits.hpp"

namespace quire::pdf {

namespace {

// A bookmark is a string shown by the viewer, not laid-out text: the bidi isolates the
// template puts around interpolated values (U+2066-U+2069, E2 81 A6-A9) are left out.
std::string without_isolates(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x81' && static_cast<unsigned char>(s[i + 2]) >= 0xA6 &&
        static_cast<unsigned char>(s[i + 2]) <= 0xA9) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

struct PendingLink {
  int page;
  const layout::LinkBox* box;
  int tag;
};

// [page /XYZ null top null]: keep the reader's zoom and horizontal scroll.
haru::Array destination(haru::Document& doc, const std::vector<haru::Page>& pages,
                        const std::vector<layout::Page>& frames, int page, float y) {
  haru::Array dest = doc.array(false);
  doc.add(dest, pages[static_cast<std::size_t>(page)]);
  doc.add_name(dest, "XYZ");
  doc.add_null(dest);
  doc.add_real(dest, frames[static_cast<std::size_t>(page)].height - y);
  doc.add_null(dest);
  return dest;
}

class Writer {
 public:
  Writer(const layout::LaidOutDocument& doc, const PdfOptions& options, Diagnostics& diags)
      : doc_(doc), options_(options), diags_(diags), pdf_(options.compress), tree_(doc.structure, doc.pages.size()) {}

  std::string run() {
    for (const auto& page : doc_.pages)
      for (const auto& item : page.items)
        if (std::holds_alternative<layout::LinkBox>(item.value) && item.tag >= 0) link_text_.try_emplace(item.tag);
    for (const auto& page : doc_.pages)
      for (const auto& item : page.items)
        if (const auto* run = std::get_if<layout::GlyphRun>(&item.value)) {
          fonts_.collect(*run);
          if (auto it = link_text_.find(item.tag); it != link_text_.end()) append_text(it->second, *run);
        }
    StopPoll stop(options_.keep_going, 2);
    if (stop.stop()) return {};
    fonts_.embed(pdf_, SubsetCache::process(), options_.compress, diags_);

    for (const auto& page : doc_.pages) pages_.push_back(pdf_.add_page(page.width, page.height));
    if (pdf_.failed()) return fail();

    ImageStore images(pdf_, options_.compress);
    for (std::size_t i = 0; i < doc_.pages.size(); ++i) {
      if (stop.stop()) return {};  // the caller reports the deadline or the cancellation
      write_page(static_cast<int>(i), images);
    }
    if (stop.stop()) return {};
    write_links();
    tree_.write(pdf_, pages_);
    if (tree_.enabled()) {
      haru::Dict mark_info = pdf_.dict(false);
      pdf_.put_bool(mark_info, "Marked", true);
      pdf_.put(pdf_.catalog(), "MarkInfo", mark_info);
    }
    write_outline();
    write_page_labels(pdf_, label_ranges(doc_.pages));
    // An untagged PDF (a model built without structure: tools, tests) makes no claim either.
    std::vector<std::string> gaps = ua_gaps(doc_.structure);
    if (!gaps.empty()) {
      std::string what;
      for (const auto& g : gaps) what += (what.empty() ? "" : "; ") + g;
      diags_.warning(Origin::Template, "pdf.not-pdf-ua", "the PDF is not declared PDF/UA-1 (accessible): " + what);
    }
    write_metadata(pdf_, doc_.meta, options_, tree_.enabled() && gaps.empty());

    std::string bytes = pdf_.save();
    if (pdf_.failed() || bytes.empty()) return fail();
    return bytes;
  }

 private:
  // The logical text of a run (clusters are in visual order).
  static void append_text(std::string& out, const layout::GlyphRun& run) {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
    if (run.rtl)
      for (auto it = run.clusters.rbegin(); it != run.clusters.rend(); ++it) out += it->text;
    else
      for (const auto& c : run.clusters) out += c.text;
  }

  std::string fail() {
    for (const auto& e : pdf_.errors()) diags_.error(Origin::Internal, "pdf.libharu", e);
    if (pdf_.errors().empty()) diags_.error(Origin::Internal, "pdf.libharu", "libharu produced no output");
    return {};
  }

  void write_page(int index, ImageStore& images) {
    const layout::Page& page = doc_.pages[static_cast<std::size_t>(index)];
    PageContent content(pdf_, pages_[static_cast<std::size_t>(index)], page.height, fonts_, images, diags_);
    constexpr int kClosed = -2;  // -1 = inside an artifact, >= 0 = inside that node's content
    int open = kClosed;
    for (const auto& item : page.items) {
      if (const auto* link = std::get_if<layout::LinkBox>(&item.value)) {
        links_.push_back({index, link, item.tag});
        continue;  // annotations are not page content
      }
      int tag = item.tag;
      if (tree_.enabled() && tag >= 0 && !tree_.valid(tag)) {
        if (!warned_tag_)
          diags_.warning(Origin::Internal, "pdf.bad-structure-ref",
                         "content refers to structure node " + std::to_string(tag) + ", which does not exist");
        warned_tag_ = true;
        tag = -1;
      }
      const auto* run = std::get_if<layout::GlyphRun>(&item.value);
      if (tree_.enabled() && tag >= 0 && run && (run->rtl || content.needs_actual_text(*run))) {
        // This run tags its own pieces inside its text object (see PageContent::glyph_run);
        // right-to-left runs too, so their pieces are listed in logical order.
        if (open != kClosed) content.end_marked();
        open = kClosed;
        PageContent::Tagging tagging{tree_.role(tag), [&, tag] { return tree_.mark(index, tag); }};
        content.glyph_run(*run, &tagging);
        continue;
      }
      if (tree_.enabled() && tag != open) {
        // Consecutive items of one node share one marked-content sequence.
        if (open != kClosed) content.end_marked();
        if (tag < 0)
          content.begin_artifact();
        else
          content.begin_tagged(tree_.role(tag), tree_.mark(index, tag));
        open = tag;
      }
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, layout::GlyphRun>) content.glyph_run(v);
            if constexpr (std::is_same_v<T, layout::Rect>) content.rect(v);
            if constexpr (std::is_same_v<T, layout::ImageBox>) content.image(v);
            if constexpr (std::is_same_v<T, layout::PathItem>) content.path(v);
          },
          item.value);
    }
    if (open != kClosed) content.end_marked();
    content.flush();
  }

  void write_links() {
    std::unordered_map<std::string_view, const layout::Placement*> anchors;
    for (const auto& p : doc_.placements) anchors.emplace(p.id, &p);
    for (const auto& link : links_) {
      const layout::LinkBox& box = *link.box;
      const layout::Page& page = doc_.pages[static_cast<std::size_t>(link.page)];
      const layout::Placement* anchor = nullptr;
      bool internal = !box.target.empty() && box.target[0] == '#';
      if (internal) {
        auto it = anchors.find(std::string_view(box.target).substr(1));
        if (it != anchors.end() && it->second->first_page >= 0 &&
            static_cast<std::size_t>(it->second->first_page) < pages_.size())
          anchor = it->second;
        if (!anchor) {
          diags_.warning(Origin::Internal, "pdf.unresolved-link", "no block with id '" + box.target.substr(1) + "'");
          continue;
        }
      }
      haru::Dict annot = pdf_.dict(true);
      pdf_.put_name(annot, "Type", "Annot");
      pdf_.put_name(annot, "Subtype", "Link");
      haru::Array rect = pdf_.array(false);
      pdf_.add_real(rect, box.x);
      pdf_.add_real(rect, page.height - (box.y + box.height));
      pdf_.add_real(rect, box.x + box.width);
      pdf_.add_real(rect, page.height - box.y);
      pdf_.put(annot, "Rect", rect);
      // Links need an alternate description (PDF/UA): their text, else their target.
      auto text = link_text_.find(link.tag);
      pdf_.put_text(annot, "Contents", text != link_text_.end() && !text->second.empty() ? text->second : box.target);
      haru::Array border = pdf_.array(false);
      for (int k = 0; k < 3; ++k) pdf_.add_int(border, 0);
      pdf_.put(annot, "Border", border);
      if (internal) {
        pdf_.put(annot, "Dest", destination(pdf_, pages_, doc_.pages, anchor->first_page, anchor->y));
      } else {
        haru::Dict action = pdf_.dict(false);
        pdf_.put_name(action, "S", "URI");
        pdf_.put_bytes(action, "URI", clean_uri(box.target));
        pdf_.put(annot, "A", action);
      }
      if (tree_.enabled() && tree_.valid(link.tag))
        pdf_.put_int(annot, "StructParent", tree_.annotate(link.page, link.tag, annot));
      pdf_.add_annotation(pages_[static_cast<std::size_t>(link.page)], annot);
    }
  }

  void write_outline() {
    std::vector<std::pair<int, haru::Dict>> open;  // level, item
    int entries = 0;
    for (const auto& e : doc_.outline) {
      if (e.page < 0 || static_cast<std::size_t>(e.page) >= pages_.size()) continue;
      while (!open.empty() && open.back().first >= e.level) open.pop_back();
      haru::Dict parent = open.empty() ? haru::Dict{} : open.back().second;
      haru::Dict item = pdf_.outline_item(parent, without_isolates(e.title), e.level <= 1);
      pdf_.put(item, "Dest", destination(pdf_, pages_, doc_.pages, e.page, e.y));
      open.emplace_back(e.level, item);
      ++entries;
    }
    // Open the bookmarks pane only when it helps to find one's way: several entries over several pages.
    if (entries >= 2 && pages_.size() > 1) pdf_.show_outline();
  }

  const layout::LaidOutDocument& doc_;
  const PdfOptions& options_;
  Diagnostics& diags_;
  haru::Document pdf_;
  FontSet fonts_;
  StructureTree tree_;
  std::vector<haru::Page> pages_;
  std::vector<PendingLink> links_;
  std::unordered_map<int, std::string> link_text_;  // structure node of a link -> its text
  bool warned_tag_ = false;
};

}  // namespace

std::string write_pdf(const layout::LaidOutDocument& doc, const PdfOptions& options, Diagnostics& diags) {
  if (doc.pages.empty()) {
    diags.error(Origin::Internal, "pdf.no-pages", "the laid-out document has no pages");
    return {};
  }
  return Writer(doc, options, diags).run();
}

}  // namespace quire::pdf
