// Document-level metadata: the Info dictionary, the XMP packet, the catalog's
// language and viewer preferences, and page labels.
#pragma once

#include <string>
#include <vector>

#include "layout/frame.hpp"
#include "pdf/haru_adapter.hpp"
#include "pdf/pdf_writer.hpp"

namespace quire::pdf {

/// Info (Title, Author, Subject, Keywords, Creator, Producer, dates), /Lang,
/// /ViewerPreferences /DisplayDocTitle, and an XMP /Metadata stream.
/// `pdf_ua`: declare PDF/UA-1 in the XMP (only when the structure tree allows it: ua_gaps()).
void write_metadata(haru::Document& doc, const model::Metadata& meta, const PdfOptions& options, bool pdf_ua);

/// The XMP packet, XML-escaped: dc:title, dc:creator, dc:description, dc:language,
/// xmp:CreateDate/ModifyDate and pdf:Producer/Keywords as in the Info dictionary, and the
/// PDF/UA-1 declaration (pdfuaid:part 1).
std::string xmp_packet(const model::Metadata& meta, const PdfOptions& options, bool pdf_ua);

/// One range of the /PageLabels number tree.
struct LabelRange {
  int first_page = 0;  ///< 0-based
  char style = 0;      ///< 'D', 'r', 'R' or 0 (prefix only)
  std::string prefix;
  int start = 1;
};

/// Page labels ("i", "ii", "1", "A-3") as label ranges; empty labels count on in
/// decimal from the page number. Returns nothing when every label is the default.
std::vector<LabelRange> label_ranges(const std::vector<layout::Page>& pages);

/// Writes /PageLabels into the catalog (nothing if `ranges` is empty).
void write_page_labels(haru::Document& doc, const std::vector<LabelRange>& ranges);

}  // namespace quire::pdf
