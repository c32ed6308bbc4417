// Pieces: what block layout produces and pagination consumes (internal to layout).
//
// Every block is laid out at a given width into a vertical list of pieces: a line of
// text, a table row, an image, a notice box... A piece is placed whole on a page unless
// it is taller than the page, in which case it is split at one of its `cuts` (line
// boundaries). Items in a piece are relative to its top-left corner.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "layout/frame.hpp"

namespace quire::layout::detail {

/// An item inside a piece, with its vertical extent (for splitting).
struct PItem {
  Item item;
  float top = 0, bottom = 0;
  bool stretch = false;  ///< a frame (shading, border): clipped at a split instead of moved
};

/// Mark ids starting with this character are internal (body page-number fields): pagination
/// records their page for the next pass but lists no placement for them.
inline constexpr char kInternalMark = '\x01';

/// Something pagination must record where it lands.
struct Mark {
  enum class Kind { Start, End, Outline } kind = Kind::Start;
  std::string id;     ///< Start/End: block id (placements); Outline: unused
  float y = 0;        ///< relative to the piece
  std::string title;  ///< Outline entry title
  int level = 1;
};

struct Piece {
  float height = 0;
  float space_before = 0;  ///< dropped at the top of a page
  float space_after = 0;   ///< dropped at the foot of a page
  float baseline = 0;      ///< first baseline from the top (list markers align to it); 0 = none
  std::vector<PItem> items;
  std::vector<float> cuts;  ///< ascending y where the piece may be split (0 < cut < height)
  bool keep_with_next = false;
  /// Never first on a page after the piece before it (Paragraph::keep_with_previous): that
  /// piece moves on with it, or leaves its last part to go with it.
  bool keep_with_previous = false;
  bool break_before = false;  ///< start a new page first (PageBreak)
  std::vector<Mark> marks;
  std::vector<Piece> footnotes;  ///< footnote bodies referenced from this piece (placed at the page foot)
  float split_padding = 0;       ///< space kept above the content continued after a split (cell padding)
  int table = -1;                ///< table id, for repeating header rows
  std::shared_ptr<const std::vector<Piece>> repeat;  ///< header rows to draw first when continuing on a new page
};

/// A piece item (out of line: GCC 12 warns falsely about brace-initialised variants of strings).
PItem make_item(ItemValue value, int tag, float top, float bottom, bool stretch = false);
/// A page item, likewise.
Item page_item(ItemValue value, int tag);

/// Moves an item by (dx, dy).
void translate(Item& item, float dx, float dy);

/// Adds `src`'s items, marks, cuts and footnotes to `dst`, offset by (dx, dy).
void merge_into(Piece& dst, Piece&& src, float dx, float dy);

/// Stacks pieces vertically into one piece (spaces between them kept, cuts at every
/// boundary and inside each piece). The result keeps the first piece's space_before
/// and the last one's space_after.
Piece stack(std::vector<Piece>&& pieces);

/// The largest cut <= `limit`, or -1 if none.
float best_cut(const Piece& p, float limit);

/// Splits `p` at `cut`: items wholly above stay, the rest moves up into the second part
/// (frames are clipped into both). Footnotes stay with the first part.
std::pair<Piece, Piece> split(Piece&& p, float cut);

/// Sets every item's tag to -1 (artifact), e.g. for repeated table header rows.
void make_artifact(Piece& p);

}  // namespace quire::layout::detail
