// Pagination: pieces -> pages (internal). Honours page breaks, keep-with-next chains
// (headings, widows/orphans, keep-together), footnotes at the page foot, repeated table
// header rows, and splits pieces taller than a page at their cuts.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "layout/context.hpp"

namespace quire::layout::detail {

/// What one layout pass produces.
struct PassOutput {
  LaidOutDocument doc;
  std::vector<int> page_section;               ///< section index of each page in its document; -1 = blank page
  std::vector<int> page_doc;                   ///< document index of each page (several laid out together)
  std::vector<std::string> page_numbers;       ///< shown number of each page; empty = unnumbered
  std::vector<int> part_pages;                 ///< pages in the numbering part of each page
  int current_doc = 0;                         ///< the document being paginated
  std::map<std::string, size_t> placement_of;  ///< id -> index into doc.placements
  std::set<std::string> open;                  ///< ids placed whose end has not been seen yet
  std::map<std::string, int> internal_pages;   ///< internal mark id -> 0-based page
  bool used_pages = false;                     ///< some text depends on page numbers
};

/// The content area of a section's pages.
struct PageArea {
  float page_width = 0, page_height = 0;
  float x = 0, y = 0, width = 0, height = 0;
};
PageArea page_area(const model::PageSetup& setup);

/// Places `pieces` on new pages (a section always starts a new page); a section with an
/// id gets a placement from its first to its last page.
void paginate(Context& ctx, PassOutput& out, int section, const PageArea& area, std::vector<Piece>&& pieces,
              const std::string& section_id = {});

}  // namespace quire::layout::detail
