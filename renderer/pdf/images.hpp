// Images: PNGs are decoded once per process by libharu's loader and kept
// compressed in a bounded cache (a council logo on 1,000 pledges is decoded and
// deflated once, not 1,000 times); JPEGs pass their DCT data straight through.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pdf/haru_adapter.hpp"
#include "quire/diagnostic.hpp"

namespace quire::pdf {

/// A decoded PNG, ready to be written as an image XObject (and soft mask).
struct PngImage {
  unsigned width = 0, height = 0, bits = 8;
  std::string colour_space;  ///< "DeviceRGB", "DeviceGray" or "Indexed"
  std::string palette;       ///< RGB triples when Indexed
  std::string pixels;        ///< zlib-compressed samples
  std::string alpha;         ///< zlib-compressed 8-bit soft mask; empty when opaque
};

/// Thread-safe, bounded (least recently used) cache of decoded PNGs, keyed by their bytes.
class PngCache {
 public:
  explicit PngCache(std::size_t max_bytes = std::size_t{32} << 20);
  static PngCache& process();

  /// The decoded image, or null with a reason in `error`.
  std::shared_ptr<const PngImage> get(std::string_view png, std::string& error);

 private:
  struct Entry {
    std::shared_ptr<const PngImage> image;
    std::list<std::string>::iterator lru;
  };
  std::size_t max_bytes_, bytes_ = 0;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;
};

/// The images of one document, each embedded once however often it is drawn.
class ImageStore {
 public:
  ImageStore(haru::Document& doc, bool compress) : doc_(doc), compress_(compress) {}
  /// The XObject for `bytes`, or an empty handle (with a warning in `diags`) if it is
  /// neither a PNG nor a JPEG that can be read.
  haru::Image get(const std::string* bytes, Diagnostics& diags);

 private:
  haru::Image write_png(const PngImage& png);

  haru::Document& doc_;
  bool compress_;
  std::unordered_map<const std::string*, haru::Image> images_;
};

}  // namespace quire::pdf
