// PDF writer: frames -> PDF bytes. libharu is the container (pages, compression,
// outlines, links, page labels, metadata); fonts are our own Type0/CIDFontType2
// subsets (hb-subset) with ToUnicode; the structure tree makes it Tagged PDF.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "layout/frame.hpp"
#include "quire/diagnostic.hpp"

namespace quire::pdf {

struct PdfOptions {
  bool compress = true;
  std::chrono::system_clock::time_point created{};  ///< CreationDate/ModDate (from the World clock)
  std::string producer = "quire";
  /// "Keep going?" (StopCheck::as_callback), polled per page written. Once it returns
  /// false the writer stops and returns no bytes, with no diagnostic of its own (the
  /// caller says why). Empty = never stop.
  std::function<bool()> keep_going;
};

/// Writes `doc` as a PDF and returns its bytes; empty on failure (with an Internal diagnostic).
std::string write_pdf(const layout::LaidOutDocument& doc, const PdfOptions& options, Diagnostics& diags);

}  // namespace quire::pdf
