#include "pdf/png_check.hpp"

#include <zlib.h>

#include <cstdint>
#include <vector>

namespace quire::pdf {

namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

bool valid_depth(unsigned type, unsigned depth) {
  switch (type) {
    case 0:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
      return depth == 8 || depth == 16;
    default:
      return false;
  }
}

unsigned channels(unsigned type) {
  switch (type) {
    case 2:
      return 3;
    case 4:
      return 2;
    case 6:
      return 4;
    default:
      return 1;
  }
}

}  // namespace

bool check_png(std::string_view png, std::string& error) {
  constexpr std::uint32_t kMaxSide = 8192;
  constexpr std::uint64_t kMaxRaw = std::uint64_t{256} << 20;
  auto fail = [&error](const char* why) {
    error = why;
    return false;
  };
  const auto* d = reinterpret_cast<const unsigned char*>(png.data());
  const std::size_t n = png.size();
  if (n < 8 || png.compare(0, 8, "\x89PNG\r\n\x1A\n") != 0) return fail("not a PNG");

  std::uint32_t width = 0, height = 0;
  unsigned depth = 0, type = 0, interlace = 0, palette = 0;
  bool have_header = false, have_end = false, in_idat = false, idat_done = false;
  std::string idat;
  for (std::size_t at = 8; !have_end;) {
    if (at + 12 > n) return fail("PNG truncated");
    std::uint32_t len = be32(d + at);
    if (len > 0x7FFFFFFFu || at + 12 + len > n) return fail("PNG chunk runs past the end");
    std::string_view name(png.data() + at + 4, 4);
    for (char c : name)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return fail("PNG chunk name invalid");
    auto crc = crc32(0, d + at + 4, 4 + len);
    if (crc != be32(d + at + 8 + len)) return fail("PNG chunk CRC mismatch");
    const unsigned char* body = d + at + 8;
    if (!have_header && name != "IHDR") return fail("PNG does not start with IHDR");
    if (in_idat && name != "IDAT") {
      in_idat = false;
      idat_done = true;
    }
    if (name == "IHDR") {
      if (have_header || len != 13) return fail("PNG IHDR invalid");
      width = be32(body);
      height = be32(body + 4);
      depth = body[8];
      type = body[9];
      interlace = body[12];
      if (width == 0 || height == 0 || width > kMaxSide || height > kMaxSide) return fail("PNG size out of range");
      if (!valid_depth(type, depth) || body[10] != 0 || body[11] != 0 || interlace > 1) return fail("PNG IHDR invalid");
      have_header = true;
    } else if (name == "PLTE") {
      if (len == 0 || len % 3 != 0 || len / 3 > 256 || palette != 0 || !idat.empty() || type == 0 || type == 4)
        return fail("PNG palette invalid");
      palette = len / 3;
    } else if (name == "IDAT") {
      if (idat_done) return fail("PNG image data not contiguous");
      in_idat = true;
      idat.append(png.data() + at + 8, len);
    } else if (name == "IEND") {
      have_end = true;
    } else if (name[0] >= 'A' && name[0] <= 'Z') {
      return fail("PNG has an unknown critical chunk");
    }
    at += 12 + len;
  }
  if (type == 3 && palette == 0) return fail("PNG palette missing");
  if (idat.empty()) return fail("PNG has no image data");

  // Exactly the amount of filtered image data the header promises, each row
  // starting with a filter type 0..4 (Adam7 passes when interlaced).
  const std::uint64_t bits = std::uint64_t{depth} * channels(type);
  struct Pass {
    std::uint64_t w, h;
  };
  std::vector<Pass> passes;
  if (interlace == 0) {
    passes.push_back({width, height});
  } else {
    static constexpr int kStart[7][2] = {{0, 0}, {4, 0}, {0, 4}, {2, 0}, {0, 2}, {1, 0}, {0, 1}};
    static constexpr int kStep[7][2] = {{8, 8}, {8, 8}, {4, 8}, {4, 4}, {2, 4}, {2, 2}, {1, 2}};
    for (int p = 0; p < 7; ++p) {
      std::uint64_t w =
          width > std::uint32_t(kStart[p][0]) ? (width - kStart[p][0] + kStep[p][0] - 1) / kStep[p][0] : 0;
      std::uint64_t h =
          height > std::uint32_t(kStart[p][1]) ? (height - kStart[p][1] + kStep[p][1] - 1) / kStep[p][1] : 0;
      if (w && h) passes.push_back({w, h});
    }
  }
  std::uint64_t expected = 0;
  for (const auto& p : passes) expected += p.h * (1 + (p.w * bits + 7) / 8);
  if (expected > kMaxRaw) return fail("PNG too large");

  std::vector<unsigned char> raw(static_cast<std::size_t>(expected) + 1);
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return fail("zlib failed");
  z.next_in = reinterpret_cast<Bytef*>(idat.data());
  z.avail_in = static_cast<uInt>(idat.size());
  z.next_out = raw.data();
  z.avail_out = static_cast<uInt>(raw.size());
  int rc = inflate(&z, Z_FINISH);
  std::uint64_t got = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || got != expected) return fail("PNG image data is corrupt or the wrong size");
  std::size_t pos = 0;
  for (const auto& p : passes) {
    std::size_t row = static_cast<std::size_t>(1 + (p.w * bits + 7) / 8);
    for (std::uint64_t y = 0; y < p.h; ++y, pos += row)
      if (raw[pos] > 4) return fail("PNG row filter invalid");
  }
  return true;
}

}  // namespace quire::pdf
