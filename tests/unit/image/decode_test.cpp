// Image decoding (renderer/image): PNG through libpng and JPEG through libjpeg under
// quire's own error handlers. Valid images of every PNG colour type and both JPEG
// colour spaces decode to the pixels they hold; damaged or oversized ones are refused
// with a reason, never an abort.
#include "image/decode.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

#include "support/images.hpp"

using namespace quire;

namespace {

unsigned char at(const image::Raster& r, unsigned x, unsigned y, unsigned c) {
  return static_cast<unsigned char>(r.pixels[(std::size_t{y} * r.width + x) * r.channels + c]);
}

image::Raster decode_ok(const std::string& bytes) {
  image::Raster r;
  std::string error;
  bool ok = image::decode(bytes, r, error);
  INFO(error);
  REQUIRE(ok);
  return r;
}

std::string refusal(const std::string& bytes) {
  image::Raster r;
  std::string error;
  CHECK_FALSE(image::decode(bytes, r, error));
  CHECK_FALSE(error.empty());
  std::string again;
  CHECK_FALSE(image::decoded(bytes, again));  // the cached path refuses it too
  CHECK(again == error);
  return error;
}

}  // namespace

TEST_CASE("RGB, RGBA, grey, grey+alpha, palette, 16-bit and 1-bit PNGs decode to 8-bit samples") {
  const unsigned w = 40, h = 20;
  unsigned char rgb[3];
  testing::image_pixel(w, h, 30, 15, rgb);

  auto r = decode_ok(testing::encode_png(w, h, 2, 8));
  CHECK(r.width == w);
  CHECK(r.height == h);
  CHECK(r.channels == 3);
  CHECK(r.alpha.empty());
  CHECK(at(r, 30, 15, 0) == rgb[0]);
  CHECK(at(r, 30, 15, 2) == rgb[2]);

  auto a = decode_ok(testing::encode_png(w, h, 6, 8));
  CHECK(a.channels == 3);
  REQUIRE(a.alpha.size() == std::size_t{w} * h);
  CHECK(static_cast<unsigned char>(a.alpha[0]) == 255);
  CHECK(static_cast<unsigned char>(a.alpha[w - 1]) == 0);
  CHECK(at(a, 30, 15, 0) == rgb[0]);

  auto sixteen = decode_ok(testing::encode_png(w, h, 2, 16));
  CHECK(sixteen.channels == 3);
  CHECK(at(sixteen, 30, 15, 0) == rgb[0]);  // scaled back from 16 bits exactly
  CHECK(at(sixteen, 30, 15, 2) == rgb[2]);

  auto palette = decode_ok(testing::encode_png(w, h, 3, 8));
  CHECK(palette.channels == 3);
  CHECK(palette.alpha.empty());
  CHECK(at(palette, 0, 5, 0) == 255);      // red stripe
  CHECK(at(palette, w / 4, 5, 1) == 160);  // green stripe
  CHECK(at(palette, w / 2, 5, 2) == 255);  // blue stripe
  CHECK(at(palette, w - 1, 5, 1) == 255);  // white stripe
  auto palette2 = decode_ok(testing::encode_png(w, h, 3, 2));
  CHECK(palette2.pixels == palette.pixels);  // 2-bit indices expand to the same colours

  auto grey = decode_ok(testing::encode_png(w, h, 0, 8));
  CHECK(grey.channels == 1);
  auto grey_alpha = decode_ok(testing::encode_png(w, h, 4, 8));
  CHECK(grey_alpha.channels == 1);
  CHECK(grey_alpha.alpha.size() == std::size_t{w} * h);
  CHECK(grey_alpha.pixels == grey.pixels);
  auto one_bit = decode_ok(testing::encode_png(w, h, 0, 1));
  CHECK(one_bit.channels == 1);
  CHECK((at(one_bit, 0, 0, 0) == 0 || at(one_bit, 0, 0, 0) == 255));
}

TEST_CASE("greyscale and RGB JPEGs decode to their pixels (within JPEG's loss)") {
  const unsigned w = 64, h = 48;
  unsigned char rgb[3];
  testing::image_pixel(w, h, 40, 30, rgb);
  auto colour = decode_ok(testing::encode_jpeg(w, h, false));
  CHECK(colour.width == w);
  CHECK(colour.height == h);
  CHECK(colour.channels == 3);
  CHECK(colour.alpha.empty());
  for (unsigned c = 0; c < 3; ++c) CHECK(std::abs(at(colour, 40, 30, c) - rgb[c]) < 12);
  auto grey = decode_ok(testing::encode_jpeg(w, h, true));
  CHECK(grey.channels == 1);
  CHECK(grey.pixels.size() == std::size_t{w} * h);
}

TEST_CASE("a truncated PNG, a bad checksum and a damaged image stream are refused") {
  const std::string png = testing::encode_png(50, 30, 6, 8);
  for (std::size_t keep : {png.size() - 1, png.size() - 12, png.size() / 2, std::size_t{40}, std::size_t{8}})
    CHECK(refusal(png.substr(0, keep)).find("PNG") != std::string::npos);
  CHECK(refusal(testing::break_png_crc(png, "IHDR")).find("CRC") != std::string::npos);
  CHECK(refusal(testing::break_png_crc(png, "IDAT")).find("CRC") != std::string::npos);
  CHECK(refusal(std::string("\x89PNG\r\n\x1A\n", 8)).find("truncated") != std::string::npos);
}

TEST_CASE("a PNG or JPEG declaring more than the pixel limit is refused before it is decoded") {
  CHECK(refusal(testing::png_declaring(100000, 100000)).find("megapixels") != std::string::npos);
  CHECK(refusal(testing::png_declaring(8000, 8000)).find("megapixels") != std::string::npos);
  // A JPEG's frame header says 65,000 x 65,000: patch the SOF0 of a small one.
  std::string jpeg = testing::encode_jpeg(16, 16, false);
  const auto sof = jpeg.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  jpeg[sof + 5] = jpeg[sof + 7] = static_cast<char>(0xFD);
  jpeg[sof + 6] = jpeg[sof + 8] = static_cast<char>(0xE8);
  CHECK(refusal(jpeg).find("megapixels") != std::string::npos);
}

TEST_CASE("a truncated JPEG and a JPEG with garbage in its data are refused") {
  const std::string jpeg = testing::encode_jpeg(64, 48, false);
  for (std::size_t keep : {jpeg.size() - 2, jpeg.size() * 2 / 3, std::size_t{300}, std::size_t{4}})
    CHECK(refusal(jpeg.substr(0, keep)).find("JPEG") != std::string::npos);
  const auto sos = jpeg.find("\xFF\xDA");
  REQUIRE(sos != std::string::npos);
  std::string garbage = jpeg;
  unsigned seed = 12345;
  for (std::size_t i = sos + 20; i + 2 < garbage.size(); ++i) {
    seed = seed * 1103515245u + 12345u;
    garbage[i] = static_cast<char>(seed >> 16);
  }
  CHECK(refusal(garbage).find("JPEG") != std::string::npos);
  CHECK(refusal("\xFF\xD8\xFF" + std::string(500, '\x37')).find("JPEG") != std::string::npos);
}

TEST_CASE("bytes that are neither PNG nor JPEG are refused by name") {
  CHECK(refusal("GIF89a....") == "not a PNG or JPEG image");
  CHECK(refusal("") == "not a PNG or JPEG image");
}
