// DOCX writer: document model -> WordprocessingML package (Word lays out its own pages).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "model/document.hpp"
#include "quire/diagnostic.hpp"

namespace quire::text {
class FontLibrary;
}

namespace quire::docx {

struct DocxOptions {
  std::chrono::system_clock::time_point created{};  ///< dcterms:created/modified (from the World clock)
  /// "Keep going?" (StopCheck::as_callback), polled per block written. Once it returns
  /// false the writer stops and returns no bytes, with no diagnostic of its own (the
  /// caller says why). Empty = never stop.
  std::function<bool()> keep_going;
  /// The loaded fonts: text in a script the stack's fonts lack names the installed font the
  /// PDF draws it with, and (with `embed_fonts`) subsets of every family used are embedded, so
  /// Word on a PC without them shows the intended fonts (docs/FONTS.md). Null: the stack's
  /// family names only, nothing embedded.
  const text::FontLibrary* fonts = nullptr;
  bool embed_fonts = true;
};

/// Writes `doc` as a .docx package and returns its bytes; empty on failure (with an Internal diagnostic).
std::string write_docx(const model::Document& doc, const DocxOptions& options, Diagnostics& diags);

}  // namespace quire::docx
