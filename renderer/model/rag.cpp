#include "model/rag.hpp"

#include <cmath>

namespace quire::model {

Color rag_fill(Rag r) {
  switch (r) {
    case Rag::Red:
      return {0xd4, 0x35, 0x1c};
    case Rag::Amber:
      return {0xf4, 0x77, 0x38};
    case Rag::Green:
      return {0x00, 0x70, 0x3c};
    case Rag::Blue:
      return {0x1d, 0x70, 0xb8};
    case Rag::None:
      break;
  }
  return {};
}

const char* rag_label(Rag r) {
  switch (r) {
    case Rag::Red:
      return "Red";
    case Rag::Amber:
      return "Amber";
    case Rag::Green:
      return "Green";
    case Rag::Blue:
      return "Blue";
    case Rag::None:
      break;
  }
  return "";
}

Color text_on(const Color& fill) {
  auto lin = [](std::uint8_t c) {
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  double l = 0.2126 * lin(fill.r) + 0.7152 * lin(fill.g) + 0.0722 * lin(fill.b);
  double white = 1.05 / (l + 0.05), black = (l + 0.05) / 0.05;
  return white >= black ? kWhite : kNearBlack;
}

}  // namespace quire::model
