// Layout: document model -> pages of positioned glyph runs (frames).
#pragma once

#include "layout/frame.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"

namespace quire::text {
class FontLibrary;
class Hyphenators;
}  // namespace quire::text

namespace quire::layout {

/// Shared, read-only resources layout needs. All must outlive the call.
struct LayoutResources {
  const text::FontLibrary* fonts = nullptr;
  const text::Hyphenators* hyphenators = nullptr;  ///< may be null: no hyphenation
};

/// Lays out `doc`: shapes text, breaks lines, paginates (widows/orphans, keep-with-next,
/// tables split with repeated header rows), fills page fields, resolves contents and
/// cross-references after pagination, and records where each identified block landed.
LaidOutDocument lay_out(const model::Document& doc, const LayoutResources& res, Diagnostics& diags);

}  // namespace quire::layout
