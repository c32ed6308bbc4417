// Line breaking, the last step of the text pipeline: break opportunities from ICU's
// line BreakIterator (UAX #14, locale-aware), greedy filling with shaped widths,
// forced breaks (U+2028), libhyphen hyphenation, emergency breaks between clusters
// for words wider than the line, then visual reordering of each line (UAX #9 L1/L2).
#pragma once

#include <cstdint>
#include <string>
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

/// The logical text of text[start, end) as UTF-8 (copy-paste text of clusters).
std::string slice_utf8(const Itemized& items, std::uint32_t start, std::uint32_t end);

}  // namespace quire::text
