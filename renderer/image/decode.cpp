#include "image/decode.hpp"

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE and size_t first
#include <jpeglib.h>
#include <jerror.h>
// clang-format on
#include <libdeflate.h>
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace quire::image {

Format sniff(std::string_view b) {
  if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) return Format::Png;
  if (b.size() >= 3 && b.compare(0, 3, "\xFF\xD8\xFF") == 0) return Format::Jpeg;
  return Format::Unknown;
}

namespace {

// setjmp/longjmp and C++: the functions that call setjmp hold no automatic objects
// of their own (everything lives in a Job the caller owns), and nothing between the
// setjmp and a longjmp (libpng's or libjpeg's C frames, our callbacks) has a
// destructor to skip. Messages go into a fixed buffer: no allocation, so no throw,
// inside the C libraries' frames.
void set_message(char (&buf)[200], const char* what) {
  std::snprintf(buf, sizeof buf, "%s", what ? what : "unknown error");
}

bool too_many_pixels(std::uint64_t w, std::uint64_t h) {
  return w == 0 || h == 0 || w * h > kMaxPixels;
}

// --- PNG -------------------------------------------------------------------------

struct PngJob {
  std::string_view bytes;
  std::size_t at = 8;  // the signature is checked before libpng sees the data
  png_structp png = nullptr;
  png_infop info = nullptr;
  char message[200] = {};
  std::jmp_buf jump;
  std::vector<png_bytep> rows;
  std::string samples;  // as libpng gives them: Gray, GA, RGB or RGBA
  unsigned width = 0, height = 0, channels = 0;
  ~PngJob() {
    if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
  }
};

[[noreturn]] void png_fail(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  set_message(job->message, message);
  std::longjmp(job->jump, 1);
}

void png_warn(png_structp, png_const_charp) {}  // ancillary problems: the image still decodes

void png_read_bytes(png_structp png, png_bytep out, png_size_t n) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (n > job->bytes.size() - job->at) png_error(png, "the PNG is truncated");
  std::memcpy(out, job->bytes.data() + job->at, n);
  job->at += n;
}

// Returns 0 on success, 1 after a libpng error (the message is in job.message), 2 when
// the image is too large. No automatic objects: see above.
int run_png(PngJob& job) {
  if (setjmp(job.jump)) return 1;
  png_set_read_fn(job.png, &job, png_read_bytes);
  png_set_sig_bytes(job.png, 8);
  png_set_user_limits(job.png, 1u << 20, 1u << 20);
  png_set_chunk_malloc_max(job.png, std::size_t{8} << 20);
  png_read_info(job.png, job.info);
  if (too_many_pixels(png_get_image_width(job.png, job.info), png_get_image_height(job.png, job.info))) return 2;
  // Everything to 8-bit Gray, Gray+alpha, RGB or RGBA: palettes and low bit depths
  // expanded, tRNS turned into alpha, 16 bits scaled down.
  png_set_expand(job.png);
  png_set_scale_16(job.png);
  png_set_interlace_handling(job.png);
  png_read_update_info(job.png, job.info);
  job.width = png_get_image_width(job.png, job.info);
  job.height = png_get_image_height(job.png, job.info);
  job.channels = png_get_channels(job.png, job.info);
  const std::size_t row = png_get_rowbytes(job.png, job.info);
  if (png_get_bit_depth(job.png, job.info) != 8 || job.channels < 1 || job.channels > 4 ||
      row != std::size_t{job.width} * job.channels)
    png_error(job.png, "unsupported PNG layout");
  job.samples.resize(row * job.height);
  job.rows.resize(job.height);
  for (unsigned y = 0; y < job.height; ++y) job.rows[y] = reinterpret_cast<png_bytep>(job.samples.data() + y * row);
  png_read_image(job.png, job.rows.data());
  png_read_end(job.png, nullptr);  // the chunks after the image: their CRCs and IEND
  return 0;
}

// Splits interleaved samples with `alpha_last` into colour samples and an alpha plane;
// an alpha plane that is opaque everywhere is dropped.
void split_alpha(const std::string& in, unsigned colour, Raster& out) {
  const std::size_t n = std::size_t{out.width} * out.height;
  out.pixels.resize(n * colour);
  out.alpha.resize(n);
  bool opaque = true;
  const char* p = in.data();
  for (std::size_t i = 0; i < n; ++i, p += colour + 1) {
    std::memcpy(&out.pixels[i * colour], p, colour);
    out.alpha[i] = p[colour];
    opaque = opaque && static_cast<unsigned char>(p[colour]) == 0xFF;
  }
  if (opaque) out.alpha.clear();
}

}  // namespace

bool decode_png(std::string_view bytes, Raster& out, std::string& error) {
  if (sniff(bytes) != Format::Png) {
    error = "not a PNG";
    return false;
  }
  PngJob job;
  job.bytes = bytes;
  job.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job, png_fail, png_warn);
  if (job.png) job.info = png_create_info_struct(job.png);
  if (!job.png || !job.info) {
    error = "libpng could not start";
    return false;
  }
  switch (run_png(job)) {
    case 1:
      error = std::string("damaged PNG: ") + job.message;
      return false;
    case 2:
      error = "the PNG is larger than " + std::to_string(kMaxPixels / 1'000'000) + " megapixels";
      return false;
    default:
      break;
  }
  out = Raster{};
  out.width = job.width;
  out.height = job.height;
  out.channels = job.channels >= 3 ? 3 : 1;
  if (job.channels == 2 || job.channels == 4) {
    split_alpha(job.samples, out.channels, out);
  } else {
    out.pixels = std::move(job.samples);
  }
  return true;
}

// --- JPEG ------------------------------------------------------------------------

namespace {

struct JpegJob {
  std::string_view bytes;
  jpeg_decompress_struct cinfo{};
  jpeg_error_mgr err{};
  jpeg_progress_mgr progress{};
  bool created = false;
  char message[200] = {};
  std::jmp_buf jump;
  std::string samples;
  unsigned width = 0, height = 0, components = 0;
  bool cmyk = false, inverted = false;
  ~JpegJob() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
};

JpegJob* job_of(j_common_ptr cinfo) {
  return static_cast<JpegJob*>(cinfo->client_data);
}

[[noreturn]] void jpeg_fail(j_common_ptr cinfo) {
  JpegJob* job = job_of(cinfo);
  char buf[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, buf);
  set_message(job->message, buf);
  std::longjmp(job->jump, 1);
}

// libjpeg reports damaged data as warnings and goes on, filling in grey: a truncated
// or corrupt JPEG is refused rather than drawn half grey. Harmless oddities pass.
void jpeg_message(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  switch (cinfo->err->msg_code) {
    case JWRN_EXTRANEOUS_DATA:
    case JWRN_JFIF_MAJOR:
    case JWRN_ADOBE_XFORM:
    case JWRN_BOGUS_ICC:
      return;
    default:
      jpeg_fail(cinfo);
  }
}

// A progressive JPEG may hold any number of scans, each a pass over the whole image:
// a few bytes per scan can cost seconds. Real files have at most a few dozen.
void jpeg_progress(j_common_ptr cinfo) {
  if (cinfo->is_decompressor) {
    auto* d = reinterpret_cast<j_decompress_ptr>(cinfo);
    if (d->input_scan_number > 200) {
      set_message(job_of(cinfo)->message, "the JPEG has too many scans");
      std::longjmp(job_of(cinfo)->jump, 1);
    }
  }
}

int run_jpeg(JpegJob& job) {
  if (setjmp(job.jump)) return 1;
  jpeg_create_decompress(&job.cinfo);
  job.created = true;
  job.cinfo.client_data = &job;
  job.cinfo.progress = &job.progress;
  job.cinfo.mem->max_memory_to_use = long{512} << 20;
  jpeg_mem_src(&job.cinfo, reinterpret_cast<const unsigned char*>(job.bytes.data()),
               static_cast<unsigned long>(job.bytes.size()));
  if (jpeg_read_header(&job.cinfo, TRUE) != JPEG_HEADER_OK) {
    set_message(job.message, "no image in the JPEG");
    return 1;
  }
  if (too_many_pixels(job.cinfo.image_width, job.cinfo.image_height)) return 2;
  switch (job.cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
      job.cinfo.out_color_space = JCS_GRAYSCALE;
      break;
    case JCS_CMYK:
    case JCS_YCCK:
      job.cinfo.out_color_space = JCS_CMYK;
      job.cmyk = true;
      job.inverted = job.cinfo.saw_Adobe_marker;  // Adobe writes CMYK inverted
      break;
    default:
      job.cinfo.out_color_space = JCS_RGB;
      break;
  }
  jpeg_start_decompress(&job.cinfo);
  job.width = job.cinfo.output_width;
  job.height = job.cinfo.output_height;
  job.components = static_cast<unsigned>(job.cinfo.output_components);
  const std::size_t row = std::size_t{job.width} * job.components;
  job.samples.resize(row * job.height);
  while (job.cinfo.output_scanline < job.height) {
    JSAMPROW line = reinterpret_cast<JSAMPROW>(job.samples.data() + row * job.cinfo.output_scanline);
    if (jpeg_read_scanlines(&job.cinfo, &line, 1) != 1) {
      set_message(job.message, "the JPEG ended early");
      return 1;
    }
  }
  jpeg_finish_decompress(&job.cinfo);
  return 0;
}

}  // namespace

bool decode_jpeg(std::string_view bytes, Raster& out, std::string& error) {
  if (sniff(bytes) != Format::Jpeg) {
    error = "not a JPEG";
    return false;
  }
  JpegJob job;
  job.bytes = bytes;
  job.cinfo.err = jpeg_std_error(&job.err);
  job.err.error_exit = jpeg_fail;
  job.err.emit_message = jpeg_message;
  job.progress.progress_monitor = jpeg_progress;
  switch (run_jpeg(job)) {
    case 1:
      error = std::string("damaged JPEG: ") + job.message;
      return false;
    case 2:
      error = "the JPEG is larger than " + std::to_string(kMaxPixels / 1'000'000) + " megapixels";
      return false;
    default:
      break;
  }
  out = Raster{};
  out.width = job.width;
  out.height = job.height;
  if (job.cmyk && job.components == 4) {
    // A plain conversion (no colour management): enough to show the picture.
    const std::size_t n = std::size_t{job.width} * job.height;
    out.channels = 3;
    out.pixels.resize(n * 3);
    const auto* p = reinterpret_cast<const unsigned char*>(job.samples.data());
    for (std::size_t i = 0; i < n; ++i, p += 4) {
      unsigned k = job.inverted ? p[3] : 255u - p[3];
      for (int c = 0; c < 3; ++c) {
        unsigned v = job.inverted ? p[c] : 255u - p[c];
        out.pixels[i * 3 + c] = static_cast<char>(v * k / 255);
      }
    }
  } else if (job.components == 1 || job.components == 3) {
    out.channels = job.components;
    out.pixels = std::move(job.samples);
  } else {
    error = "unsupported JPEG colour space";
    return false;
  }
  return true;
}

bool decode(std::string_view bytes, Raster& out, std::string& error) {
  switch (sniff(bytes)) {
    case Format::Png:
      return decode_png(bytes, out, error);
    case Format::Jpeg:
      return decode_jpeg(bytes, out, error);
    default:
      error = "not a PNG or JPEG image";
      return false;
  }
}

// --- the process cache -------------------------------------------------------------

namespace {

std::string deflate(const std::string& raw) {
  // Once per process per image, so a high level: libdeflate's 9 is smaller than zlib's
  // best and takes a fraction of its time (zlib's best cost a one-Pledge process 7 %).
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  std::unique_ptr<libdeflate_compressor, Free> c(libdeflate_alloc_compressor(9));
  if (!c) return {};
  std::string out(libdeflate_zlib_compress_bound(c.get(), raw.size()), '\0');
  std::size_t len = libdeflate_zlib_compress(c.get(), raw.data(), raw.size(), out.data(), out.size());
  if (len == 0) return {};
  out.resize(len);
  return out;
}

class Cache {
 public:
  static Cache& process() {
    static Cache cache;
    return cache;
  }

  std::shared_ptr<const Compressed> get(std::string_view bytes, std::string& error) {
    std::string key(bytes);
    {
      std::lock_guard lock(mutex_);
      if (auto it = map_.find(key); it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second.image;
      }
    }
    auto img = make(bytes, error);  // outside the lock
    if (!img) return nullptr;
    std::lock_guard lock(mutex_);
    auto [it, inserted] = map_.try_emplace(key);
    if (!inserted) return it->second.image;
    lru_.push_front(key);
    it->second = Entry{img, lru_.begin()};
    bytes_ += cost(key, *img);
    while (bytes_ > kMaxBytes && map_.size() > 1) {
      auto old = map_.find(lru_.back());
      bytes_ -= cost(old->first, *old->second.image);
      map_.erase(old);
      lru_.pop_back();
    }
    return img;
  }

 private:
  static constexpr std::size_t kMaxBytes = std::size_t{32} << 20;
  struct Entry {
    std::shared_ptr<const Compressed> image;
    std::list<std::string>::iterator lru;
  };
  static std::size_t cost(const std::string& key, const Compressed& img) {
    return 2 * key.size() + img.pixels.size() + img.alpha.size();
  }
  static std::shared_ptr<const Compressed> make(std::string_view bytes, std::string& error) {
    Raster raster;
    if (!decode(bytes, raster, error)) return nullptr;
    auto img = std::make_shared<Compressed>();
    img->width = raster.width;
    img->height = raster.height;
    img->channels = raster.channels;
    img->pixels = deflate(raster.pixels);
    if (!raster.alpha.empty()) img->alpha = deflate(raster.alpha);
    if (img->pixels.empty() || (!raster.alpha.empty() && img->alpha.empty())) {
      error = "could not compress the image";
      return nullptr;
    }
    return img;
  }

  std::mutex mutex_;
  std::size_t bytes_ = 0;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;
};

}  // namespace

std::shared_ptr<const Compressed> decoded(std::string_view bytes, std::string& error) {
  return Cache::process().get(bytes, error);
}

}  // namespace quire::image
