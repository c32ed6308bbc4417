#include "pdf/images.hpp"

#include <zlib.h>

#include "pdf/deflate_cache.hpp"

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

std::shared_ptr<const PngImage> decode(std::string_view png, std::string& error) {
  haru::RasterImage raster;
  if (!haru::Document::decode_png(png, raster, error)) return nullptr;
  auto img = std::make_shared<PngImage>();
  img->width = raster.width;
  img->height = raster.height;
  img->bits = raster.bits;
  img->colour_space = raster.colour_space;
  img->palette = std::move(raster.palette);
  // Compressed once, at the best level: the cost is paid once per process.
  img->pixels = deflate_bytes(raster.pixels, Z_BEST_COMPRESSION);
  if (!raster.alpha.empty()) img->alpha = deflate_bytes(raster.alpha, Z_BEST_COMPRESSION);
  if (img->pixels.empty() || (!raster.alpha.empty() && img->alpha.empty())) {
    error = "could not compress the image";
    return nullptr;
  }
  return img;
}

}  // namespace

PngCache::PngCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

PngCache& PngCache::process() {
  static PngCache cache;
  return cache;
}

std::shared_ptr<const PngImage> PngCache::get(std::string_view png, std::string& error) {
  std::string key(png);
  {
    std::lock_guard lock(mutex_);
    if (auto it = map_.find(key); it != map_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      return it->second.image;
    }
  }
  auto img = decode(png, error);  // outside the lock
  if (!img) return nullptr;
  std::lock_guard lock(mutex_);
  auto [it, inserted] = map_.try_emplace(key);
  if (!inserted) return it->second.image;
  lru_.push_front(key);
  it->second = Entry{img, lru_.begin()};
  bytes_ += 2 * key.size() + img->pixels.size() + img->alpha.size();
  while (bytes_ > max_bytes_ && map_.size() > 1) {
    auto old = map_.find(lru_.back());
    bytes_ -= 2 * old->first.size() + old->second.image->pixels.size() + old->second.image->alpha.size();
    map_.erase(old);
    lru_.pop_back();
  }
  return img;
}

haru::Image ImageStore::write_png(const PngImage& png) {
  // Written by hand rather than through libharu's PNG object: libharu 2.3.0 would
  // decode and deflate the PNG again in every document, and writes the soft mask
  // (/SMask) with no filter at all even in HPDF_COMP_ALL mode.
  auto samples = [&](const std::string& z, std::size_t raw_size) {
    return compress_ ? doc_.stream(z, haru::StreamData::PreDeflated)
                     : doc_.stream(inflate_string(z, raw_size), haru::StreamData::Raw);
  };
  unsigned components = png.colour_space == "DeviceRGB" ? 3 : 1;
  std::size_t row = (static_cast<std::size_t>(png.width) * components * png.bits + 7) / 8;
  haru::Dict xobject = samples(png.pixels, row * png.height);
  doc_.put_name(xobject, "Type", "XObject");
  doc_.put_name(xobject, "Subtype", "Image");
  doc_.put_int(xobject, "Width", png.width);
  doc_.put_int(xobject, "Height", png.height);
  doc_.put_int(xobject, "BitsPerComponent", png.bits);
  if (png.colour_space == "Indexed") {
    haru::Array cs = doc_.array(false);
    doc_.add_name(cs, "Indexed");
    doc_.add_name(cs, "DeviceRGB");
    doc_.add_int(cs, static_cast<long long>(png.palette.size() / 3) - 1);
    doc_.add_bytes(cs, png.palette);
    doc_.put(xobject, "ColorSpace", cs);
  } else {
    doc_.put_name(xobject, "ColorSpace", png.colour_space);
  }
  if (!png.alpha.empty()) {
    haru::Dict mask = samples(png.alpha, static_cast<std::size_t>(png.width) * png.height);
    doc_.put_name(mask, "Type", "XObject");
    doc_.put_name(mask, "Subtype", "Image");
    doc_.put_int(mask, "Width", png.width);
    doc_.put_int(mask, "Height", png.height);
    doc_.put_name(mask, "ColorSpace", "DeviceGray");
    doc_.put_int(mask, "BitsPerComponent", 8);
    doc_.put(xobject, "SMask", mask);
  }
  return haru::Document::image(xobject, png.width, png.height);
}

haru::Image ImageStore::get(const std::string* bytes, Diagnostics& diags) {
  if (!bytes) return {};
  if (auto it = images_.find(bytes); it != images_.end()) return it->second;
  haru::Image image;
  std::string error;
  const std::string& b = *bytes;
  if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) {
    if (auto png = PngCache::process().get(b, error)) image = write_png(*png);
  } else if (b.size() >= 3 && b.compare(0, 3, "\xFF\xD8\xFF") == 0) {
    image = doc_.load_jpeg(b, error);
  } else {
    error = "not a PNG or JPEG image";
  }
  if (!image) diags.warning(Origin::Data, "pdf.bad-image", "image left out of the PDF: " + error);
  images_.emplace(bytes, image);
  return image;
}

}  // namespace quire::pdf
