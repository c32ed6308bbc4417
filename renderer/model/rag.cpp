#include "model/rag.hpp"

namespace quire::model {

const RagStyle* rag_style(const StyleSheet& styles, Rag r) {
  switch (r) {
    case Rag::Red:
      return &styles.rag[0];
    case Rag::Amber:
      return &styles.rag[1];
    case Rag::Green:
      return &styles.rag[2];
    case Rag::Blue:
      return &styles.rag[3];
    case Rag::None:
      break;
  }
  return nullptr;
}

Color text_on(const Color& fill) {
  return contrast_ratio(fill, kWhite) >= contrast_ratio(fill, kNearBlack) ? kWhite : kNearBlack;
}

bool rag_cell_needs_word(const TableCell& cell) {
  if (cell.rag == Rag::None) return false;
  for (const auto& b : cell.blocks)
    if (const auto* p = std::get_if<Paragraph>(&b.value)) {
      if (!visible_text(p->content).empty()) return false;
    } else {
      return false;
    }
  return true;
}

}  // namespace quire::model
