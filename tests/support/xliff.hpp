// Inline XLIFF 1.2 for tests of catalogues, localisers and templates. The layout is
// fixed (the first unit is on line 4) because tests assert the positions of problems.
#pragma once

#include <string>
#include <string_view>

namespace quire::testing {

/// An XLIFF file for `lang` holding `units` (made with xliff_unit).
inline std::string xliff(std::string_view lang, std::string_view units) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
             "<file original=\"t\" source-language=\"en-GB\" target-language=\"") +
         std::string(lang) + "\" datatype=\"plaintext\"><body>\n" + std::string(units) + "</body></file></xliff>\n";
}

/// One trans-unit on one line.
inline std::string xliff_unit(std::string_view id, std::string_view source, std::string_view target,
                              std::string_view state = "final") {
  return "<trans-unit id=\"" + std::string(id) + "\"><source>" + std::string(source) + "</source><target state=\"" +
         std::string(state) + "\">" + std::string(target) + "</target></trans-unit>\n";
}

}  // namespace quire::testing
