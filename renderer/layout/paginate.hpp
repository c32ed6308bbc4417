// Pagination: pieces -> pages (internal). Honours page breaks, keep-with-next chains
// (headings, widows/orphans, keep-together), footnotes at the page foot, repeated table
// header rows, and splits pieces taller than a page at their cuts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layout/context.hpp"

namespace quire::layout::detail {

/// What one layout pass produces.
struct PassOutput {
  LaidOutDocument doc;
  std::vector<int> page_section;               ///< section index of each page
  std::map<std::string, size_t> placement_of;  ///< id -> index into doc.placements
  std::map<std::string, int> internal_pages;   ///< internal mark id -> 0-based page
};

/// The content area of a section's pages.
struct PageArea {
  float page_width = 0, page_height = 0;
  float x = 0, y = 0, width = 0, height = 0;
};
PageArea page_area(const model::PageSetup& setup);

/// Places `pieces` on new pages (a section always starts a new page).
void paginate(Context& ctx, PassOutput& out, int section, const PageArea& area, std::vector<Piece>&& pieces);

}  // namespace quire::layout::detail
