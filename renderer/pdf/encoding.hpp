// Byte-level helpers of the PDF writer: UTF-8 -> UTF-16BE, hex, numbers for
// content streams, dates, XML escaping and URI cleaning. Everything that comes
// from a document goes through one of these before it reaches PDF syntax, so
// data can never inject operators or objects.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::pdf {

/// Decodes UTF-8 into code points; invalid sequences become U+FFFD.
/// Calls `fn(char32_t)` for each code point.
template <typename Fn>
void for_each_code_point(std::string_view utf8, Fn&& fn);

/// UTF-16BE bytes of `utf8` (surrogate pairs outside the BMP), no BOM, converted by ICU:
/// each maximal ill-formed UTF-8 subsequence becomes one U+FFFD. Stops before
/// `max_bytes` would be exceeded, never splitting a pair.
std::string utf16be(std::string_view utf8, std::size_t max_bytes = SIZE_MAX);

/// `utf16be` with the FE FF byte-order mark in front: a PDF text string.
std::string pdf_text_bytes(std::string_view utf8, std::size_t max_bytes = 65534);

/// Appends the bytes as upper-case hex digits.
void append_hex(std::string& out, std::string_view bytes);
/// Appends `value` as exactly `digits` upper-case hex digits.
void append_hex_u(std::string& out, std::uint32_t value, int digits);

/// Appends a number in content-stream form: at most `decimals` decimals, no trailing
/// zeros, no exponent, "-0" written as "0".
void append_number(std::string& out, double value, int decimals = 2);
/// The same number written at `p` (at most kNumberChars bytes); returns the end.
inline constexpr int kNumberChars = 32;
char* format_number(char* p, double value, int decimals = 2);

/// A PDF date string "D:YYYYMMDDHHmmSSZ" (UTC).
std::string pdf_date(std::chrono::system_clock::time_point t);

/// XML character data/attribute escaping; drops characters XML 1.0 forbids.
std::string xml_escape(std::string_view utf8);

/// A URI made 7-bit clean: bytes outside printable ASCII (and space, <, >, ", \, ^, `,
/// {, |, }) are percent-encoded. PDF URI actions hold ASCII strings.
std::string clean_uri(std::string_view uri);

// --- implementation of the template ------------------------------------------------

template <typename Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      fn(static_cast<char32_t>(b0));
      ++i;
      continue;
    }
    int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (b0 >= 0xF8 || len == 0 || i + static_cast<std::size_t>(len) > n) {
      fn(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t cp = b0 & (0x7F >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((b & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (!ok || cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      fn(U'\uFFFD');
      ++i;
      continue;
    }
    fn(cp);
    i += static_cast<std::size_t>(len);
  }
}

}  // namespace quire::pdf
