// Fuzzes image decoding: the bytes a template's <img> names, as PNG and as JPEG.
#include "fuzz_world.hpp"
#include "pdf/haru_adapter.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::as_text(data, size);
  pdf::haru::RasterImage raster;
  std::string error;
  (void)pdf::haru::Document::decode_png(bytes, raster, error);
  pdf::haru::Document doc(false);
  (void)doc.load_jpeg(bytes, error);
  return 0;
}
