#include "layout/flow.hpp"

#include <algorithm>
#include <limits>

namespace quire::layout::detail {

PItem make_item(ItemValue value, int tag, float top, float bottom, bool stretch) {
  PItem it;
  it.item.value = std::move(value);
  it.item.tag = tag;
  it.top = top;
  it.bottom = bottom;
  it.stretch = stretch;
  return it;
}

Item page_item(ItemValue value, int tag) {
  Item it;
  it.value = std::move(value);
  it.tag = tag;
  return it;
}

void translate(Item& item, float dx, float dy) {
  std::visit(
      [&](auto& v) {
        v.x += dx;
        v.y += dy;
      },
      item.value);
}

void merge_into(Piece& dst, Piece&& src, float dx, float dy) {
  dst.items.reserve(dst.items.size() + src.items.size());
  for (auto& it : src.items) {
    translate(it.item, dx, dy);
    it.top += dy;
    it.bottom += dy;
    dst.items.push_back(std::move(it));
  }
  for (auto& m : src.marks) {
    m.y += dy;
    dst.marks.push_back(std::move(m));
  }
  for (float c : src.cuts) dst.cuts.push_back(c + dy);
  for (auto& f : src.footnotes) dst.footnotes.push_back(std::move(f));
}

Piece stack(std::vector<Piece>&& pieces) {
  Piece out;
  if (pieces.empty()) return out;
  out.space_before = pieces.front().space_before;
  out.baseline = pieces.front().baseline;
  out.keep_with_previous = pieces.front().keep_with_previous;
  float y = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    auto& p = pieces[i];
    if (i > 0) {
      y += pieces[i - 1].space_after + p.space_before;
      if (!p.keep_with_previous) out.cuts.push_back(y);  // never split from the piece before
    }
    float h = p.height;
    merge_into(out, std::move(p), 0, y);
    y += h;
  }
  out.height = y;
  out.space_after = pieces.back().space_after;
  std::sort(out.cuts.begin(), out.cuts.end());
  out.cuts.erase(std::unique(out.cuts.begin(), out.cuts.end()), out.cuts.end());
  out.cuts.erase(std::remove_if(out.cuts.begin(), out.cuts.end(), [&](float c) { return c <= 0 || c >= out.height; }),
                 out.cuts.end());
  return out;
}

float best_cut(const Piece& p, float limit) {
  float best = -1;
  for (float c : p.cuts)
    if (c <= limit && c > 0) best = std::max(best, c);
  return best;
}

namespace {

// Clips a frame rectangle to [a, b) of the piece and shifts it by -a.
bool clip_frame(PItem& it, float a, float b) {
  auto* r = std::get_if<Rect>(&it.item.value);
  float top = std::max(it.top, a), bottom = std::min(it.bottom, b);
  if (bottom <= top) return false;
  if (r) {
    float shift = top - it.top;
    r->y += shift - a;
    r->height = bottom - top;
  } else {
    translate(it.item, 0, -a);
  }
  it.top = top - a;
  it.bottom = bottom - a;
  return true;
}

}  // namespace

std::pair<Piece, Piece> split(Piece&& p, float cut) {
  constexpr float eps = 0.01f;
  Piece first, rest;
  first.space_before = p.space_before;
  first.baseline = p.baseline;
  first.break_before = p.break_before;
  first.keep_with_previous = p.keep_with_previous;
  first.table = rest.table = p.table;
  first.split_padding = rest.split_padding = p.split_padding;
  first.repeat = rest.repeat = p.repeat;
  rest.space_after = p.space_after;
  rest.keep_with_next = p.keep_with_next;
  first.footnotes = std::move(p.footnotes);

  // Where the second part starts: the top of the first moved item, so lines cut by
  // `cut` in other columns/cells move whole and keep their relative positions.
  float start = cut;
  for (const auto& it : p.items)
    if (!it.stretch && it.bottom > cut + eps) start = std::min(start, it.top);
  start = std::max(start - p.split_padding, 0.f);

  for (auto& it : p.items) {
    if (it.stretch) {
      PItem a = it, b = it;
      if (clip_frame(a, 0, cut)) first.items.push_back(std::move(a));
      if (clip_frame(b, start, p.height)) rest.items.push_back(std::move(b));
    } else if (it.bottom <= cut + eps) {
      first.items.push_back(std::move(it));
    } else {
      translate(it.item, 0, -start);
      it.top -= start;
      it.bottom -= start;
      rest.items.push_back(std::move(it));
    }
  }
  for (auto& m : p.marks) {
    if (m.y < cut - eps || (m.kind == Mark::Kind::End && m.y <= cut + eps)) {
      first.marks.push_back(std::move(m));
    } else {
      m.y = std::max(0.f, m.y - start);
      rest.marks.push_back(std::move(m));
    }
  }
  for (float c : p.cuts) {
    if (c < cut - eps) first.cuts.push_back(c);
    if (c > start + eps && c - start < p.height - start) rest.cuts.push_back(c - start);
  }
  first.height = cut;
  rest.height = p.height - start;
  return {std::move(first), std::move(rest)};
}

void make_artifact(Piece& p) {
  for (auto& it : p.items) it.item.tag = -1;
  p.marks.clear();
}

}  // namespace quire::layout::detail
