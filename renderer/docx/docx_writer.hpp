// DOCX writer: document model -> WordprocessingML package (Word lays out its own pages).
#pragma once

#include <chrono>
#include <string>

#include "model/document.hpp"
#include "quire/diagnostic.hpp"

namespace quire::text {
class FontLibrary;
}

namespace quire::docx {

struct DocxOptions {
  std::chrono::system_clock::time_point created{};  ///< dcterms:created/modified (from the World clock)
  /// The fonts to embed from: subsets of every family the document names, so Word on a PC
  /// without them shows the intended fonts (docs/FONTS.md). Null: fonts are named only.
  const text::FontLibrary* fonts = nullptr;
};

/// Writes `doc` as a .docx package and returns its bytes; empty on failure (with an Internal diagnostic).
std::string write_docx(const model::Document& doc, const DocxOptions& options, Diagnostics& diags);

}  // namespace quire::docx
