// Test images made with libpng and libjpeg (encoders only; quire decodes with its own).
#pragma once

#include <string>

namespace quire::testing {

/// A w x h PNG of PNG colour type `colour_type` (0 Gray, 2 RGB, 3 palette, 4 Gray+alpha,
/// 6 RGBA) at `bit_depth`. Pixels follow image_pixel(): red rises to the right, blue
/// downwards; alpha (types 4, 6) is 255 in the left half and 0 in the right. A palette
/// image has four entries: red, green, blue, white, in vertical stripes.
std::string encode_png(unsigned w, unsigned h, int colour_type, int bit_depth);

/// A w x h baseline JPEG, greyscale or RGB, of the same pattern.
std::string encode_jpeg(unsigned w, unsigned h, bool grey, int quality = 92);

/// The pattern's 8-bit red, green and blue at (x, y).
void image_pixel(unsigned w, unsigned h, unsigned x, unsigned y, unsigned char rgb[3]);

/// `png` with the chunk CRC of its first chunk of type `type` broken.
std::string break_png_crc(std::string png, const char* type);

/// A PNG whose header declares w x h pixels (with correct checksums) and holds a tiny image.
std::string png_declaring(unsigned w, unsigned h);

}  // namespace quire::testing
