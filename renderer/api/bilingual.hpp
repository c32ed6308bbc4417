// The bilingual edition: the same document in the child's language and in English,
// paired block by block side by side, each column in its own language and direction.
#pragma once

#include "model/document.hpp"

namespace quire {

/// Pairs `first` (the child's language, whose metadata and direction the result keeps)
/// with `english`, rendered from the same template and data. Each top-level block
/// becomes one row of two columns, first language first in reading order (so on the
/// right in a right-to-left document); list items are paired one by one. Blocks the
/// two documents do not share (e.g. a notice only one has) get a row of their own.
model::Document pair_bilingual(model::Document first, model::Document english);

}  // namespace quire
