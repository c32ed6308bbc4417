// DOCX writer: document model -> WordprocessingML package (Word lays out its own pages).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "model/document.hpp"
#include "quire/diagnostic.hpp"

namespace quire::docx {

struct DocxOptions {
  std::chrono::system_clock::time_point created{};  ///< dcterms:created/modified (from the World clock)
  /// "Keep going?" (StopCheck::as_callback), polled per block written. Once it returns
  /// false the writer stops and returns no bytes, with no diagnostic of its own (the
  /// caller says why). Empty = never stop.
  std::function<bool()> keep_going;
};

/// Writes `doc` as a .docx package and returns its bytes; empty on failure (with an Internal diagnostic).
std::string write_docx(const model::Document& doc, const DocxOptions& options, Diagnostics& diags);

}  // namespace quire::docx
