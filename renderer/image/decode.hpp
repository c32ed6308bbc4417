// Raster images are untrusted input (a template folder's <img>, a theme's logo):
// PNG is decoded with libpng and JPEG with libjpeg(-turbo), each under quire's own
// error handlers (setjmp/longjmp, never abort), with a size limit checked before any
// pixel memory is taken. Out come 8-bit samples, Gray or RGB, with a separate 8-bit
// alpha channel. Both writers use only images that decoded here: the template stage
// and the theme loader refuse any other, and the PDF writer draws from these samples.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace quire::image {

/// The most pixels (width x height) an image may have: 40 megapixels (an A4 page
/// scanned at 600 dpi has 35). Anything larger is refused before it is decoded.
inline constexpr std::uint64_t kMaxPixels = 40'000'000;

enum class Format { Png, Jpeg, Unknown };
/// The format by its signature (nothing is decoded).
Format sniff(std::string_view bytes);

/// A decoded image: rows top to bottom, 8 bits per sample, no padding.
struct Raster {
  unsigned width = 0, height = 0;
  unsigned channels = 0;  ///< 1 (Gray) or 3 (RGB)
  std::string pixels;     ///< width * height * channels bytes
  std::string alpha;      ///< width * height bytes; empty when the image is opaque
};

/// Decodes a PNG or a JPEG; false, with a reason in `error`, for anything else, anything
/// damaged (truncated data, a bad checksum, corrupt compressed data) or anything larger
/// than kMaxPixels. Never aborts, whatever the bytes.
bool decode(std::string_view bytes, Raster& out, std::string& error);
bool decode_png(std::string_view bytes, Raster& out, std::string& error);
bool decode_jpeg(std::string_view bytes, Raster& out, std::string& error);

/// A decoded image kept zlib-compressed (what a PDF image XObject holds).
struct Compressed {
  unsigned width = 0, height = 0, channels = 0;
  std::string pixels;  ///< zlib stream of Raster::pixels
  std::string alpha;   ///< zlib stream of Raster::alpha; empty when opaque
};

/// The image decoded and compressed, from a thread-safe, bounded (least recently used)
/// process-wide cache keyed by the bytes: a council logo on 1,000 pledges is decoded
/// once, and the template stage's check warms the cache for the writers. Null, with a
/// reason in `error`, if the bytes do not decode.
std::shared_ptr<const Compressed> decoded(std::string_view bytes, std::string& error);

}  // namespace quire::image
