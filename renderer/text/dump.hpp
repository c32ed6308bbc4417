// Text form of the text stage's work on one paragraph, for tests (in the spirit of
// libraqm's test files): resolved direction, scripts, font runs, then each line's
// runs in visual order with their glyphs (id, advance, offsets, cluster and its text).
#pragma once

#include <string>

#include "text/linebreak.hpp"

namespace quire::text {

/// Sets `para` at `width` points (0 = one unbounded line) and dumps it.
std::string dump(const ParagraphInput& para, const FontLibrary& fonts, float width = 0,
                 const Hyphenators* hyphenators = nullptr);

/// Dumps an already set paragraph.
std::string dump(const SetParagraph& set);

}  // namespace quire::text
