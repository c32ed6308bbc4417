#include "docx/package.hpp"

#include <zip.h>

#include <ctime>
#include <memory>

namespace quire::docx {
namespace {

// libzip stores MS-DOS times converted with localtime(); pass it the time_t whose local
// broken-down time equals the UTC one, so the bytes do not depend on the time zone.
std::time_t dos_mtime(std::chrono::system_clock::time_point tp) {
  std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm utc{};
  gmtime_r(&t, &utc);
  if (utc.tm_year < 80) {  // DOS dates start in 1980
    utc = {};
    utc.tm_year = 80;
    utc.tm_mday = 1;
  }
  utc.tm_isdst = -1;
  return std::mktime(&utc);
}

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string Package::zip(std::chrono::system_clock::time_point mtime, std::string& error) const {
  zip_error_t zerr;
  zip_error_init(&zerr);
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &zerr));
  if (!buffer) {
    error = zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return {};
  }
  zip_t* za = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &zerr);
  if (!za) {
    error = zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return {};
  }
  zip_source_keep(buffer.get());  // zip_close() would otherwise free the buffer we read back
  const std::time_t when = dos_mtime(mtime);
  for (const auto& [name, bytes] : parts_) {
    // The part strings outlive zip_close(), so libzip may read them without copying.
    zip_source_t* src = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    zip_int64_t idx = src ? zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (idx < 0) {
      if (src) zip_source_free(src);
      error = "adding " + name + ": " + zip_strerror(za);
      zip_discard(za);
      return {};
    }
    // Level 1: a Pledge's parts shrink almost as much as at level 6 in a third of the time.
    // Tiny parts are stored: a deflate stream costs more to set up than it saves.
    if (bytes.size() < 512)
      zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    else
      zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 1);
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(idx), when, 0);
  }
  if (zip_close(za) != 0) {
    error = std::string("writing the zip: ") + zip_strerror(za);
    zip_discard(za);
    return {};
  }

  // Read the finished archive back out of the buffer source.
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer.get(), &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buffer.get()) != 0) {
    error = "reading the zip back from memory";
    return {};
  }
  std::string out(static_cast<size_t>(st.size), '\0');
  zip_int64_t n = zip_source_read(buffer.get(), out.data(), st.size);
  zip_source_close(buffer.get());
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
    error = "reading the zip back from memory";
    return {};
  }
  return out;
}

}  // namespace quire::docx
