#include "pdf/images.hpp"

#include <zlib.h>

namespace quire::pdf {

namespace {

std::string inflate_string(const std::string& z, std::size_t expected) {
  std::string out(expected, '\0');
  uLongf len = static_cast<uLongf>(expected);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(z.data()),
                 static_cast<uLong>(z.size())) != Z_OK)
    return {};
  out.resize(len);
  return out;
}

}  // namespace

haru::Image ImageStore::write_raster(const image::Compressed& img) {
  // Written by hand from quire's own decoders (renderer/image): libharu never parses
  // image bytes. Its own image objects would decode and deflate again in every
  // document, and write the soft mask (/SMask) with no filter at all.
  auto samples = [&](const std::string& z, std::size_t raw_size) {
    return compress_ ? doc_.stream(z, haru::StreamData::PreDeflated)
                     : doc_.stream(inflate_string(z, raw_size), haru::StreamData::Raw);
  };
  std::size_t row = static_cast<std::size_t>(img.width) * img.channels;
  haru::Dict xobject = samples(img.pixels, row * img.height);
  doc_.put_name(xobject, "Type", "XObject");
  doc_.put_name(xobject, "Subtype", "Image");
  doc_.put_int(xobject, "Width", img.width);
  doc_.put_int(xobject, "Height", img.height);
  doc_.put_int(xobject, "BitsPerComponent", 8);
  doc_.put_name(xobject, "ColorSpace", img.channels == 3 ? "DeviceRGB" : "DeviceGray");
  if (!img.alpha.empty()) {
    haru::Dict mask = samples(img.alpha, static_cast<std::size_t>(img.width) * img.height);
    doc_.put_name(mask, "Type", "XObject");
    doc_.put_name(mask, "Subtype", "Image");
    doc_.put_int(mask, "Width", img.width);
    doc_.put_int(mask, "Height", img.height);
    doc_.put_name(mask, "ColorSpace", "DeviceGray");
    doc_.put_int(mask, "BitsPerComponent", 8);
    doc_.put(xobject, "SMask", mask);
  }
  return haru::Document::image(xobject, img.width, img.height);
}

haru::Image ImageStore::get(const std::string* bytes, Diagnostics& diags) {
  if (!bytes) return {};
  if (auto it = images_.find(bytes); it != images_.end()) return it->second;
  haru::Image xobject;
  std::string error;
  if (auto raster = image::decoded(*bytes, error)) xobject = write_raster(*raster);
  if (!xobject) diags.warning(Origin::Data, "pdf.bad-image", "image left out of the PDF: " + error);
  images_.emplace(bytes, xobject);
  return xobject;
}

}  // namespace quire::pdf
