// How a RAG status and shaded cells look, shared by every writer so a PDF and a DOCX
// of one report agree: the fill, the word that always goes with the colour (from the
// style sheet, translated), and the text colour that keeps WCAG contrast on a fill.
#pragma once

#include "model/document.hpp"

namespace quire::model {

inline constexpr Color kWhite{0xff, 0xff, 0xff};
inline constexpr Color kNearBlack{0x0b, 0x0c, 0x0c};

/// The style of a RAG status (fill, text colour, word); nullptr for Rag::None.
const RagStyle* rag_style(const StyleSheet& styles, Rag r);
/// White on dark fills, near-black on light ones, whichever contrasts more (WCAG 2).
Color text_on(const Color& fill);
/// The words a reader sees in a RAG cell: its own text, or the status word when the
/// cell has no text (status never relies on colour alone, and both writers print the
/// same word).
bool rag_cell_needs_word(const TableCell& cell);

}  // namespace quire::model
