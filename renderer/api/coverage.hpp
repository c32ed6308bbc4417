// Glyph coverage: no character of a document may be lost for want of a font.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "i18n/locale.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"
#include "quire/world.hpp"
#include "text/font.hpp"

namespace quire {

/// Where the document's text came from, to name the origin of a character no font has.
struct CoverageSources {
  const nlohmann::json* data = nullptr;
  std::string data_name;                       ///< "child.json"
  const i18n::Catalogue* catalogue = nullptr;  ///< the locale's catalogue, may be null
  const World* world = nullptr;                ///< to read the template for file:line:col
  std::string template_file;                   ///< ".../pledge/template.xml"
};

/// Checks every character of `doc` (every string of the model: runs, headers, footers, footnotes,
/// captions, alt texts, charts' labels, metadata; after NFC) against the fonts
/// (the stack, then every installed font). A character none has is `text.no-font`, named by
/// the JSON pointer of each data value holding it, else the catalogue entry, else the
/// template's file:line:col; an error unless `allow_missing` (then a warning, and the
/// writers draw the font's replacement glyph). Returns false if an error was added.
bool check_glyph_coverage(const model::Document& doc, const text::FontLibrary& fonts, const CoverageSources& sources,
                          bool allow_missing, Diagnostics& diags);

}  // namespace quire
