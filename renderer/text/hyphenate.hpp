// Hyphenation with libhyphen (the LibreOffice/Hunspell pattern library) for the
// languages that have a dictionary in /usr/share/hyphen (en-GB, ro; Welsh has none).
//
// I/O note: libhyphen can only load a dictionary from a file path (hnj_hyphen_load uses
// fopen), so this is the one place the text stage opens files itself. The caller
// supplies the paths (from_directory() finds them through the World); a dictionary is
// opened the first time its language is used, once, under std::call_once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quire/world.hpp"

namespace quire::text {

class Hyphenators {
 public:
  /// `dictionaries`: BCP 47 tag ("en-GB", "ro") -> path of a libhyphen .dic file.
  explicit Hyphenators(std::map<std::string, std::string> dictionaries);
  ~Hyphenators();
  Hyphenators(const Hyphenators&) = delete;
  Hyphenators& operator=(const Hyphenators&) = delete;

  /// Finds the hyph_<lang>[_<REGION>].dic files of `dir` through `world` (hyph_en_GB.dic -> "en-GB").
  static std::unique_ptr<Hyphenators> from_directory(const World& world, const std::string& dir);

  /// True if `lang` (BCP 47) has a dictionary: exact tag, then language + region, then the
  /// language alone ("en" prefers en-GB).
  [[nodiscard]] bool supports(std::string_view lang) const;

  /// Where `word` (UTF-16, letters only) may be hyphenated: offsets i (in code units) such
  /// that a hyphen may go between word[i-1] and word[i]. At least 2 characters stay on each
  /// side (LEFTHYPHENMIN/RIGHTHYPHENMIN 2, or more if the dictionary asks). Words of fewer
  /// than `min_letters` characters are not hyphenated. Romanian cedillas (ş ţ) are looked up
  /// as the comma-below letters (ș ț) the dictionary uses. Thread-safe.
  [[nodiscard]] std::vector<std::uint32_t> hyphenate(std::u16string_view word, std::string_view lang,
                                                     int min_letters = 7) const;

  /// The BCP 47 tags that have a dictionary.
  [[nodiscard]] std::vector<std::string> languages() const;

 private:
  struct Dict;
  const Dict* find(std::string_view lang) const;
  std::map<std::string, std::unique_ptr<Dict>, std::less<>> dicts_;  // lower-case tag -> dictionary
};

}  // namespace quire::text
