// Line breaking, the last step of the text pipeline: break opportunities from ICU's
// line BreakIterator (UAX #14, locale-aware), greedy filling with shaped widths,
// forced breaks (U+2028), libhyphen hyphenation, emergency breaks between clusters
// for words wider than the line, then visual reordering of each line (UAX #9 L1/L2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "quire/limits.hpp"
#include "text/itemize.hpp"
#include "text/shape.hpp"

namespace quire::text {

class Hyphenators;

struct BreakOptions {
  float width = 0;                           ///< points available for each line
  const Hyphenators* hyphenators = nullptr;  ///< null = never hyphenate
  StopPoll* stop = nullptr;  ///< polled per line; once it says stop, the lines set so far are returned (one at least)
  /// Words (runs of letters, UTF-16, sorted) never hyphenated: the data's names. May be null.
  const std::vector<std::u16string>* whole_words = nullptr;
  /// Most lines in a row that may end in a hyphen (a ladder of hyphens is hard to read).
  int max_hyphenated_in_a_row = 2;
};

/// A line in logical terms.
struct LineRange {
  std::uint32_t start = 0, end = 0;  ///< UTF-16 offsets; end excludes trailing spaces and the break character
  bool hyphen = false;               ///< a hyphen is drawn at the end
  bool last = false;                 ///< ends the paragraph or a forced break (not justified)
  bool emergency = false;            ///< broken inside a word because the word is wider than the line
};

/// The runs of letters of `texts` (NFC, UTF-16), sorted and unique: what
/// BreakOptions::whole_words compares a word with ("Mary-Jane" gives "Mary" and "Jane").
std::vector<std::u16string> letter_words(const std::vector<std::string>& texts);

/// Breaks an itemised, measured paragraph into lines.
std::vector<LineRange> break_lines(const Itemized& items, const Measure& m, const ParagraphInput& para,
                                   const BreakOptions& options);

/// Glyphs of one line of one run, in visual order.
struct LineRun {
  std::uint32_t run = 0;             ///< index into Itemized::runs
  std::uint32_t start = 0, end = 0;  ///< the logical text this piece draws
  const Face* face = nullptr;
  float size = 11;
  bool rtl = false;
  std::uint32_t span = 0;
  int user = 0;                     ///< ParagraphInput::spans[span].user
  std::vector<ShapedGlyph> glyphs;  ///< font units
  float width = 0;                  ///< points
  std::uint32_t logical_order = 0;  ///< position of this piece in logical (reading) order
};

/// A set line: its runs left to right.
struct Line {
  LineRange range;
  std::vector<LineRun> runs;  ///< visual order
  float width = 0;            ///< points
};

/// Shapes and reorders one line (trailing whitespace at the line end is dropped, UAX #9 L1).
Line build_line(const Itemized& items, const Measure& m, const ParagraphInput& para, const LineRange& range);

/// A whole paragraph, set.
struct SetParagraph {
  Itemized items;
  Measure measure;
  std::vector<Line> lines;
  int emergency_breaks = 0;
  [[nodiscard]] bool rtl() const { return items.rtl(); }
};

/// itemize -> measure -> break_lines -> build_line for each line. An empty paragraph has
/// one empty line.
SetParagraph set_paragraph(const ParagraphInput& para, const FontLibrary& fonts, const BreakOptions& options);

/// set_paragraph() with its results kept: the documents of a batch set the same paragraphs
/// (a Pledge's promises) at the same widths again and again. Keyed by everything the result
/// depends on (spans with their text, style, language, direction and tag; the paragraph's
/// language, direction and script scales; the width; hyphenation on or off), so a hit is
/// the very result a new setting would give. Bounded by two generations of `max_entries`:
/// when the newer is full it becomes the older (the older is dropped), and a hit in the
/// older moves back into the newer, so paragraphs every document has stay while one-off
/// ones (a name, a date) go. Not thread-safe: one per worker (api::Renderer), handed to
/// layout through LayoutResources.
class ParagraphCache {
 public:
  explicit ParagraphCache(std::size_t max_entries = 256) : max_entries_(max_entries) {}
  std::shared_ptr<const SetParagraph> set(const ParagraphInput& para, const FontLibrary& fonts,
                                          const BreakOptions& options);
  [[nodiscard]] std::size_t hits() const { return hits_; }
  [[nodiscard]] std::size_t misses() const { return misses_; }

 private:
  std::size_t max_entries_;
  std::unordered_map<std::string, std::shared_ptr<const SetParagraph>> map_, older_;
  std::size_t hits_ = 0, misses_ = 0;
};

/// The logical text of text[start, end) as UTF-8 (copy-paste text of clusters).
std::string slice_utf8(const Itemized& items, std::uint32_t start, std::uint32_t end);

}  // namespace quire::text
