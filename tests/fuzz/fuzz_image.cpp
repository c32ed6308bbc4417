// Fuzzes image decoding (renderer/image): the bytes a template's <img> or a theme's logo
// names, through libpng and libjpeg under quire's error handlers. Each input is tried as
// both formats, so a PNG seed mutated into a JPEG-like header still reaches libjpeg.
#include "fuzz_world.hpp"
#include "image/decode.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::as_text(data, size);
  image::Raster raster;
  std::string error;
  if (image::decode_png(bytes, raster, error)) {
    if (raster.pixels.size() != std::size_t{raster.width} * raster.height * raster.channels) __builtin_trap();
  }
  if (image::decode_jpeg(bytes, raster, error)) {
    if (raster.pixels.size() != std::size_t{raster.width} * raster.height * raster.channels) __builtin_trap();
  }
  return 0;
}
