#include "support/images.hpp"

// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace quire::testing {

void image_pixel(unsigned w, unsigned h, unsigned x, unsigned y, unsigned char rgb[3]) {
  rgb[0] = static_cast<unsigned char>(w > 1 ? 255 * x / (w - 1) : 0);
  rgb[1] = 96;
  rgb[2] = static_cast<unsigned char>(h > 1 ? 255 * y / (h - 1) : 0);
}

namespace {

void append(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}

[[noreturn]] void png_throw(png_structp, png_const_charp msg) {
  throw std::runtime_error(msg);
}

std::uint32_t be32(const std::string& s, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

void put32(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put32(png, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

}  // namespace

std::string encode_png(unsigned w, unsigned h, int colour_type, int bit_depth) {
  std::string out;
  // libpng's writer with a throwing error handler: C++ exceptions through libpng are
  // fine for an encoder in a test (it allocates nothing we would leak across them).
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, png_throw, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, append, nullptr);
  png_set_IHDR(png, info, w, h, bit_depth, colour_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (colour_type == PNG_COLOR_TYPE_PALETTE) {
    png_color palette[4] = {{255, 0, 0}, {0, 160, 0}, {0, 0, 255}, {255, 255, 255}};
    png_set_PLTE(png, info, palette, 4);
  }
  png_write_info(png, info);
  const unsigned channels = colour_type == 0 || colour_type == 3 ? 1 : colour_type == 4 ? 2 : colour_type == 2 ? 3 : 4;
  const std::size_t row_bytes = (std::size_t{w} * channels * static_cast<unsigned>(bit_depth) + 7) / 8;
  std::vector<unsigned char> row(row_bytes);
  for (unsigned y = 0; y < h; ++y) {
    std::fill(row.begin(), row.end(), 0);
    for (unsigned x = 0; x < w; ++x) {
      unsigned char rgb[3];
      image_pixel(w, h, x, y, rgb);
      const unsigned grey = (rgb[0] * 30u + rgb[1] * 59u + rgb[2] * 11u) / 100u;
      const unsigned alpha = x < w / 2 ? 255 : 0;
      std::vector<unsigned> samples;
      if (colour_type == 3) samples = {4 * x / w};
      if (colour_type == 0) samples = {grey};
      if (colour_type == 4) samples = {grey, alpha};
      if (colour_type == 2) samples = {rgb[0], rgb[1], rgb[2]};
      if (colour_type == 6) samples = {rgb[0], rgb[1], rgb[2], alpha};
      for (unsigned c = 0; c < channels; ++c) {
        const std::size_t i = std::size_t{x} * channels + c;
        if (bit_depth == 16) {
          const unsigned v = samples[c] * 257;  // 8-bit v scaled to 16 bits
          row[2 * i] = static_cast<unsigned char>(v >> 8);
          row[2 * i + 1] = static_cast<unsigned char>(v & 0xFF);
        } else if (bit_depth == 8) {
          row[i] = static_cast<unsigned char>(samples[c]);
        } else {  // palette indices or grey below 8 bits
          const unsigned v = colour_type == 3 ? samples[c] : samples[c] >> (8 - bit_depth);
          const std::size_t bit = i * static_cast<unsigned>(bit_depth);
          row[bit / 8] |= static_cast<unsigned char>(v << (8 - bit_depth - bit % 8));
        }
      }
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string encode_jpeg(unsigned w, unsigned h, bool grey, int quality) {
  jpeg_compress_struct c{};
  jpeg_error_mgr err{};
  c.err = jpeg_std_error(&err);  // a test: libjpeg's default exit on error is acceptable
  jpeg_create_compress(&c);
  unsigned char* mem = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &mem, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = grey ? 1 : 3;
  c.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, quality, TRUE);
  jpeg_start_compress(&c, TRUE);
  std::vector<unsigned char> row(std::size_t{w} * (grey ? 1 : 3));
  while (c.next_scanline < h) {
    for (unsigned x = 0; x < w; ++x) {
      unsigned char rgb[3];
      image_pixel(w, h, x, c.next_scanline, rgb);
      if (grey) {
        row[x] = static_cast<unsigned char>((rgb[0] * 30u + rgb[1] * 59u + rgb[2] * 11u) / 100u);
      } else {
        for (int k = 0; k < 3; ++k) row[std::size_t{x} * 3 + k] = rgb[k];
      }
    }
    JSAMPROW line = row.data();
    jpeg_write_scanlines(&c, &line, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<const char*>(mem), size);
  jpeg_destroy_compress(&c);
  std::free(mem);
  return out;
}

std::string break_png_crc(std::string png, const char* type) {
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t len = be32(png, at);
    if (png.compare(at + 4, 4, type) == 0) {
      png[at + 8 + len] = static_cast<char>(png[at + 8 + len] ^ 0x5A);
      return png;
    }
    at += 12 + len;
  }
  throw std::runtime_error("no such chunk");
}

std::string png_declaring(unsigned w, unsigned h) {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string ihdr;
  put32(ihdr, w);
  put32(ihdr, h);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  chunk(png, "IHDR", ihdr);
  std::string raw(4, '\0');  // one filter byte and one pixel: far too little, but never reached
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string z(len, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  z.resize(len);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace quire::testing
