// Layout: document model -> pages of positioned glyph runs (frames).
#pragma once

#include <functional>
#include <span>

#include "layout/frame.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"

namespace quire::text {
class FontLibrary;
class Hyphenators;
class ParagraphCache;
}  // namespace quire::text

namespace quire::layout {

/// Shared, read-only resources layout needs. All must outlive the call.
struct LayoutResources {
  const text::FontLibrary* fonts = nullptr;
  const text::Hyphenators* hyphenators = nullptr;  ///< may be null: no hyphenation
  /// "Keep going?" (StopCheck::as_callback), polled per block, per line of a long paragraph
  /// and per piece paginated. Once it returns false, layout stops early and returns an
  /// incomplete document, which the caller must discard. Empty = never stop.
  std::function<bool()> keep_going;
  /// Set paragraphs kept from earlier layouts (the api keeps one per worker); may be null.
  /// Not thread-safe: a cache serves one layout at a time.
  text::ParagraphCache* paragraphs = nullptr;
  /// Only the pages' number and the places of blocks are wanted (a Word file's fitted size):
  /// lines get their heights but no glyph runs, so the pages come out empty of text.
  bool measure_only = false;
};

/// Lays out `doc`: shapes text, breaks lines, paginates (widows/orphans, keep-with-next,
/// tables split with repeated header rows), starts sections on new or odd pages (blank
/// pages put in), numbers pages per section (Page::label), fills page fields, resolves
/// contents and cross-references after pagination, and records where each identified
/// block and section landed. The one-document case of lay_out_all().
/// A document whose typography asks to fit (`fit_pages`) and is not yet `fitted` is laid out
/// on a copy at the size fit() chooses.
LaidOutDocument lay_out(const model::Document& doc, const LayoutResources& res, Diagnostics& diags);

/// Chooses the body size and line height of a document whose typography asks to fit on
/// `fit_pages` pages. Sizes run from `body_size` down in half points to `min_body_size`
/// (else three quarters of `body_size`); line heights from `line_height` down by 0.05 to
/// `min_line_height` (none when unset). The choice is the largest size that fits with lines
/// at their closest, then the loosest line height that fits at that size with a line of
/// text (body size x line height) left free on the last page, as Word sets a few points
/// taller (at the closest, none need be left): text is set closer before it is set smaller.
/// It is recorded in `doc.typography` (`body_size`, `line_height`, `fitted`) so every
/// writer reads the same fact; the layout at that choice is returned. `guess` (what a
/// similar document was fitted at; zeros = none) only saves layouts: the search starts
/// there, so the choice is the same whatever the guess (smaller or closer text never takes
/// more pages). Without `fit_pages`, or once fitted, it is lay_out().
struct FitGuess {
  double body_size = 0;
  double line_height = 0;
};
LaidOutDocument fit(model::Document& doc, const LayoutResources& res, Diagnostics& diags, FitGuess guess = {});

/// Lays out several documents one after another as one (an agenda pack: front sheet,
/// agenda, reports): every document's sections in order, page numbers running on across
/// documents (unless a section restarts them), ids shared (the first document to use an
/// id owns it; a repeat is warned about), so references between documents resolve.
/// Structure: one Document root, a Sect per document holding its sections' Sects. Outline:
/// each document's title (else its first section's) as a top entry, its headings below.
/// The result's metadata is the first document's; the caller may replace it.
LaidOutDocument lay_out_all(std::span<const model::Document* const> docs, const LayoutResources& res,
                            Diagnostics& diags);

}  // namespace quire::layout
