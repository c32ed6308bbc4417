// Images: PNGs and JPEGs are decoded by quire's own decoders (renderer/image, libpng and
// libjpeg under quire's error handlers), kept compressed in their bounded process cache
// (a council logo on 1,000 pledges is decoded and deflated once, not 1,000 times), and
// written as image XObjects with a soft mask for alpha. libharu never parses image bytes.
#pragma once

#include <string>
#include <unordered_map>

#include "image/decode.hpp"
#include "pdf/haru_adapter.hpp"
#include "quire/diagnostic.hpp"

namespace quire::pdf {

/// The images of one document, each embedded once however often it is drawn.
class ImageStore {
 public:
  ImageStore(haru::Document& doc, bool compress) : doc_(doc), compress_(compress) {}
  /// The XObject for `bytes`, or an empty handle (with a warning in `diags`) if it is
  /// neither a PNG nor a JPEG that can be read.
  haru::Image get(const std::string* bytes, Diagnostics& diags);

 private:
  haru::Image write_raster(const image::Compressed& img);

  haru::Document& doc_;
  bool compress_;
  std::unordered_map<const std::string*, haru::Image> images_;
};

}  // namespace quire::pdf
