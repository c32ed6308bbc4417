#include "layout/paginate.hpp"

#include <algorithm>

namespace quire::layout::detail {

PageArea page_area(const model::PageSetup& s) {
  PageArea a;
  a.page_width = static_cast<float>(s.width);
  a.page_height = static_cast<float>(s.height);
  if ((s.orientation == model::Orientation::Landscape) != (a.page_width > a.page_height))
    std::swap(a.page_width, a.page_height);
  a.x = static_cast<float>(s.margin_left);
  a.y = static_cast<float>(s.margin_top);
  a.width = std::max(36.f, a.page_width - static_cast<float>(s.margin_left + s.margin_right));
  a.height = std::max(36.f, a.page_height - static_cast<float>(s.margin_top + s.margin_bottom));
  return a;
}

namespace {

constexpr float kEps = 0.01f;
constexpr float kNoteGap = 10;  // space above the footnotes, with a short rule in it

class Paginator {
 public:
  Paginator(Context& ctx, PassOutput& out, int section, const PageArea& area)
      : ctx_(ctx), out_(out), section_(section), area_(area) {}

  void run(std::vector<Piece>& pieces, const std::string& id) {
    new_page();
    const int first = static_cast<int>(out_.doc.pages.size()) - 1;
    if (!id.empty()) record({Mark::Kind::Start, id, 0, {}, 0}, first, area_.y);
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (ctx_.stopping()) break;
      Piece p = std::move(pieces[i]);
      if (p.break_before && !empty_) new_page();
      place_piece(p, pieces, i);
    }
    finish_page();
    if (!id.empty()) record({Mark::Kind::End, id, 0, {}, 0}, static_cast<int>(out_.doc.pages.size()) - 1, 0);
  }

 private:
  void place_piece(Piece& p, const std::vector<Piece>& pieces, size_t i) {
    const bool keeps = keeps_with_next(p, pieces, i);
    for (int guard = 0; guard < 100000; ++guard) {
      const float notes = notes_height(p);
      const bool repeats = p.repeat && p.table >= 0 && p.table == last_table_;
      const float fresh_room = area_.height - (repeats ? repeat_height(p) : 0) - (notes > 0 ? notes + kNoteGap : 0);
      // Keep chains (headings, widows/orphans, keep-together) move whole to the next page
      // when they fit on one; longer chains are broken wherever needed.
      if (!fresh_ && keeps_with_next(p, pieces, i)) {
        float chain = chain_height(p, pieces, i);
        if (chain <= fresh_room && y_ + gap(p) + chain > limit(notes) + kEps) {
          new_page();
          continue;
        }
      }
      if (fresh_ && repeats && !repeated_) {
        for (const auto& h : *p.repeat) place(Piece(h), true);
        repeated_ = true;
      }
      const float g = gap(p);
      // The next piece keeps with this one (a closing paragraph after a box) but will not fit
      // after it here, and the two are too tall to move on together: leave this piece's last
      // part for the next page, so the next one is not first there on its own.
      if (!fresh_ && i + 1 < pieces.size() && pieces[i + 1].keep_with_previous && !pieces[i + 1].break_before &&
          y_ + g + p.height <= limit(notes) + kEps &&
          y_ + g + p.height + p.space_after + pieces[i + 1].space_before + pieces[i + 1].height > limit(notes) + kEps) {
        float cut = best_cut(p, std::min(limit(notes) - y_ - g, p.height - kEps));
        if (cut > 0) {
          auto [head, rest] = split(std::move(p), cut);
          place(std::move(head));
          new_page();
          p = std::move(rest);
          continue;
        }
      }
      if (y_ + g + p.height <= limit(notes) + kEps) {
        place(std::move(p));
        held_ = keeps;
        return;
      }
      // A piece that would fit on the next page moves there whole, unless the piece before
      // keeps with it (a heading whose chain is too tall to move): then it starts here.
      if (!fresh_ && p.height <= fresh_room + kEps && !(held_ && best_cut(p, limit(notes) - y_ - g) > 0)) {
        new_page();
        continue;
      }
      float cut = best_cut(p, limit(notes) - y_ - g);
      if (cut > 0) {
        auto [head, rest] = split(std::move(p), cut);
        place(std::move(head));
        new_page();
        p = std::move(rest);
        continue;
      }
      if (!fresh_) {
        new_page();
        continue;
      }
      ctx_.warn("layout.overflow", "content taller than the page could not be split and runs past the bottom margin",
                "page " + std::to_string(out_.doc.pages.size()));
      place(std::move(p));
      return;
    }
  }

  float gap(const Piece& p) const { return empty_ ? 0 : prev_space_after_ + p.space_before; }
  float note_area(float extra) const {
    float h = notes_h_ + extra;
    return h > 0 ? h + kNoteGap : 0;
  }
  float limit(float extra_notes) const { return area_.height - note_area(extra_notes); }

  static float notes_height(const Piece& p) {
    float h = 0;
    for (const auto& n : p.footnotes) h += n.height + 2;
    return h;
  }
  static float repeat_height(const Piece& p) {
    float h = 0;
    for (const auto& r : *p.repeat) h += r.height;
    return h;
  }
  // Piece i keeps with the next: its own keep_with_next, or the next one's keep_with_previous.
  static bool keeps_with_next(const Piece& p, const std::vector<Piece>& pieces, size_t i) {
    return p.keep_with_next || (i + 1 < pieces.size() && pieces[i + 1].keep_with_previous);
  }
  static float chain_height(const Piece& p, const std::vector<Piece>& pieces, size_t i) {
    float h = p.height, after = p.space_after;
    bool keep = keeps_with_next(p, pieces, i);
    for (size_t j = i + 1; keep && j < pieces.size() && !pieces[j].break_before; ++j) {
      h += after + pieces[j].space_before + pieces[j].height;
      after = pieces[j].space_after;
      keep = keeps_with_next(pieces[j], pieces, j);
    }
    return h;
  }

  void new_page() {
    finish_page();
    Page page;
    page.width = area_.page_width;
    page.height = area_.page_height;
    out_.doc.pages.push_back(std::move(page));
    out_.page_section.push_back(section_);
    out_.page_doc.push_back(out_.current_doc);
    y_ = 0;
    empty_ = fresh_ = true;
    held_ = false;
    repeated_ = false;
    prev_space_after_ = 0;
    notes_.clear();
    notes_h_ = 0;
  }

  void place(Piece&& p, bool repeated_header = false) {
    const float top = y_ + gap(p);
    const int page_index = static_cast<int>(out_.doc.pages.size()) - 1;
    auto& items = out_.doc.pages.back().items;
    for (auto& it : p.items) {
      translate(it.item, area_.x, area_.y + top);
      items.push_back(std::move(it.item));
    }
    for (const auto& m : p.marks) record(m, page_index, area_.y + top + m.y);
    for (auto& n : p.footnotes) {
      notes_h_ += n.height + 2;
      notes_.push_back(std::move(n));
    }
    y_ = top + p.height;
    empty_ = false;
    fresh_ = fresh_ && repeated_header;
    prev_space_after_ = p.space_after;
    last_table_ = p.table;
  }

  void record(const Mark& m, int page, float y) {
    auto& doc = out_.doc;
    switch (m.kind) {
      case Mark::Kind::Start:
        if (!m.id.empty() && m.id.front() == kInternalMark) {
          out_.internal_pages.emplace(m.id, page);
        } else if (!out_.placement_of.count(m.id)) {  // the first block with an id wins
          out_.placement_of[m.id] = doc.placements.size();
          out_.open.insert(m.id);
          doc.placements.push_back({m.id, page, page, y});
        }
        break;
      case Mark::Kind::End:  // only the end of the block that was placed
        if (out_.open.erase(m.id) > 0) doc.placements[out_.placement_of.at(m.id)].last_page = page;
        break;
      case Mark::Kind::Outline:
        doc.outline.push_back({m.title, m.level, page, y});
        break;
    }
  }

  void finish_page() {
    if (out_.doc.pages.empty()) return;
    out_.doc.room_left = limit(0) - y_;  // the last page's, in the end
    if (notes_.empty()) return;
    auto& items = out_.doc.pages.back().items;
    float y = area_.y + area_.height - notes_h_;
    const model::Color rule{0x50, 0x5a, 0x5f};
    items.push_back(
        page_item(Rect{area_.x, y - kNoteGap / 2, std::min(144.f, area_.width / 3), 0.5f, rule, std::nullopt, 0}, -1));
    for (auto& n : notes_) {
      for (auto& it : n.items) {
        translate(it.item, area_.x, y);
        items.push_back(std::move(it.item));
      }
      y += n.height + 2;
    }
    notes_.clear();
    notes_h_ = 0;
  }

  Context& ctx_;
  PassOutput& out_;
  int section_;
  PageArea area_;
  float y_ = 0;
  bool empty_ = true;  // nothing on the page yet (no space before the first piece)
  bool fresh_ = true;  // nothing but repeated header rows: moving on would not help
  bool held_ = false;  // the piece placed last keeps with the next one
  bool repeated_ = false;
  float prev_space_after_ = 0;
  int last_table_ = -1;
  std::vector<Piece> notes_;
  float notes_h_ = 0;
};

}  // namespace

void paginate(Context& ctx, PassOutput& out, int section, const PageArea& area, std::vector<Piece>&& pieces,
              const std::string& section_id) {
  Paginator(ctx, out, section, area).run(pieces, section_id);
}

}  // namespace quire::layout::detail
