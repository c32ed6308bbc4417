// The logical structure of a Tagged PDF: a StructElem per layout StructNode,
// marked-content ids (MCIDs) per page, link annotations as object references,
// and the ParentTree that maps content back to its element.
#pragma once

#include <string_view>
#include <vector>

#include "layout/frame.hpp"
#include "pdf/haru_adapter.hpp"

namespace quire::pdf {

/// The standard structure type name of a role ("H1", "TH", ...).
std::string_view role_name(layout::Role role);

/// The most entries one PDF array written by the structure tree holds: libharu refuses
/// arrays past 32,767 (HPDF_LIMIT_MAX_ARRAY). An element with more children (a section
/// of 40,000 paragraphs) gets them in Div elements of at most this many, nested as deep
/// as needed.
inline constexpr std::size_t kMaxStructKids = 8192;

/// What keeps a structure tree from PDF/UA-1 that the writer cannot mend itself: figures
/// without alternative text, tables without a header cell, headings that do not start at
/// H1 or skip a level. Empty: the document may declare PDF/UA-1.
std::vector<std::string> ua_gaps(const std::vector<layout::StructNode>& nodes);

class StructureTree {
 public:
  StructureTree(const std::vector<layout::StructNode>& nodes, std::size_t page_count);

  /// False when the document has no structure (then nothing is tagged).
  [[nodiscard]] bool enabled() const { return !nodes_.empty(); }
  /// True if `tag` names a node.
  [[nodiscard]] bool valid(int tag) const { return tag >= 0 && static_cast<std::size_t>(tag) < nodes_.size(); }
  [[nodiscard]] std::string_view role(int tag) const { return role_name(nodes_[static_cast<std::size_t>(tag)].role); }

  /// A new marked-content id on `page` for content of node `tag`.
  int mark(int page, int tag);
  /// Makes `annotation` (on `page`) content of node `tag`; returns its /StructParent key.
  int annotate(int page, int tag, haru::Dict annotation);

  /// Writes the StructTreeRoot (into the catalog), the elements, the ParentTree and
  /// each page's /StructParents and /Tabs.
  void write(haru::Document& doc, const std::vector<haru::Page>& pages) const;

 private:
  struct Kid {
    int seq;  ///< position in the document's content order
    int page;
    int mcid;  ///< -1 for an annotation
    haru::Dict annot;
    int annot_index = -1;  ///< for an annotation: its index in annotation_nodes_
  };
  const std::vector<layout::StructNode>& nodes_;
  std::vector<std::vector<Kid>> kids_;        // per node, in content order
  std::vector<std::vector<int>> page_marks_;  // per page: node of each MCID
  std::vector<int> annotation_nodes_;         // per annotation key (after the pages)
  int seq_ = 0;
};

}  // namespace quire::pdf
