// How a RAG status and shaded cells look, shared by every writer so a PDF and a DOCX
// of one report agree: the fill colours, the word that always goes with the colour,
// and the text colour that keeps WCAG contrast on a fill.
#pragma once

#include "model/document.hpp"

namespace quire::model {

inline constexpr Color kWhite{0xff, 0xff, 0xff};
inline constexpr Color kNearBlack{0x0b, 0x0c, 0x0c};

/// The fill of a RAG cell (GOV.UK palette); black for Rag::None.
Color rag_fill(Rag r);
/// The word shown with the colour ("Amber"), so status never relies on colour alone.
const char* rag_label(Rag r);
/// White on dark fills, near-black on light ones, whichever contrasts more (WCAG 2).
Color text_on(const Color& fill);

}  // namespace quire::model
