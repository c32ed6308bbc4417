// Frames: the output of layout. Pages of positioned glyph runs, rules, images
// and links, plus the logical structure (for tagged PDF), the outline and where
// every identified block landed. The PDF writer consumes frames only.
// Coordinates: points, origin at the page's top-left corner, y grows downwards.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/document.hpp"

namespace quire::text {
struct Face;
}

namespace quire::layout {

/// One shaped glyph. Advances and offsets are in points at the run's size.
struct Glyph {
  std::uint32_t id = 0;  ///< glyph index in the face
  float x_advance = 0;
  float x_offset = 0;
  float y_offset = 0;  ///< positive = up
};

/// The text a run of glyphs stands for, in logical order. When a cluster is not one
/// glyph for one character (ligatures, conjuncts, reordered marks), the PDF writer
/// wraps it in ActualText so copy-paste gives the logical text.
struct Cluster {
  std::uint32_t first_glyph = 0;  ///< index into GlyphRun::glyphs
  std::uint32_t glyph_count = 0;
  std::string text;  ///< UTF-8
};

/// Glyphs of one face, one size, one direction, in visual (left-to-right) order.
struct GlyphRun {
  const text::Face* face = nullptr;
  float size = 11;
  float x = 0, y = 0;  ///< pen position of the first glyph, on the baseline
  bool rtl = false;
  std::string lang;  ///< BCP 47 of the text
  model::Color color;
  std::vector<Glyph> glyphs;
  std::vector<Cluster> clusters;  ///< in visual order, covering every glyph once
};

/// A filled and/or stroked rectangle (table borders, cell shading, RAG, rules).
struct Rect {
  float x = 0, y = 0, width = 0, height = 0;
  std::optional<model::Color> fill;
  std::optional<model::Color> stroke;
  float stroke_width = 0.5f;
};

/// A raster image placed on the page.
struct ImageBox {
  float x = 0, y = 0, width = 0, height = 0;
  /// The image bytes, shared with the model's copy: frames never point into the model,
  /// so they outlive it.
  std::shared_ptr<const std::string> data;
};

/// A clickable area: an external URI or an internal anchor ("#id").
struct LinkBox {
  float x = 0, y = 0, width = 0, height = 0;
  std::string target;
};

/// A vector path (icons, chart lines, markers and bars): the path's coordinates are
/// scaled by `scale` and placed with their origin at (x, y); its stroke width scales too.
struct PathItem {
  float x = 0, y = 0;
  float scale = 1;
  model::Path path;
};

using ItemValue = std::variant<GlyphRun, Rect, ImageBox, LinkBox, PathItem>;

/// One thing drawn on a page, and the structure element it belongs to
/// (-1 = artifact: headers, footers, decoration).
struct Item {
  ItemValue value;
  int tag = -1;
};

/// Roles of the logical structure tree (ISO 32000-1 section 14.8.4).
enum class Role {
  Document,
  Sect,
  H1,
  H2,
  H3,
  H4,
  H5,
  H6,
  P,
  L,
  LI,
  Lbl,
  LBody,
  Table,
  THead,
  TBody,
  TR,
  TH,
  TD,
  Figure,
  Caption,
  TOC,
  TOCI,
  Link,
  Note,
  Span
};

/// A node of the structure tree. Content items point at their node by index.
struct StructNode {
  Role role = Role::P;
  int parent = -1;
  std::vector<int> children;  ///< child nodes, in reading order
  std::string lang;           ///< set only where it differs from the parent's
  std::string alt;            ///< Figure alternative text
  std::string actual_text;    ///< optional replacement text
  std::string id;             ///< anchor id, if the block had one
};

struct Page {
  float width = 595.276f, height = 841.89f;
  std::vector<Item> items;  ///< in reading order within each structure node
  std::string label;        ///< page label ("1", "i"); empty = decimal from 1
};

/// An entry of the PDF outline (bookmarks).
struct OutlineEntry {
  std::string title;
  int level = 1;
  int page = 0;  ///< 0-based
  float y = 0;
};

/// Where a block landed: for agenda packs (page ranges) and cross-references.
struct Placement {
  std::string id;
  int first_page = 0;  ///< 0-based
  int last_page = 0;
  float y = 0;  ///< top of the block on its first page
};

/// A whole laid-out document.
struct LaidOutDocument {
  model::Metadata meta;
  std::vector<Page> pages;
  std::vector<StructNode> structure;  ///< [0] is the Document root
  std::vector<OutlineEntry> outline;
  std::vector<Placement> placements;
  float room_left = 0;  ///< text height left free at the foot of the last page (see fit())
};

/// Diff-friendly text form: pages, runs (font, size, position, text) and the structure tree.
std::string dump(const LaidOutDocument& doc);

}  // namespace quire::layout
