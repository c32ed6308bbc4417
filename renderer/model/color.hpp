// An sRGB colour: the one colour type of the model, the frames and both writers.
#pragma once

#include <cstdint>

namespace quire::model {

/// An sRGB colour, 0-255 per channel.
struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

}  // namespace quire::model
