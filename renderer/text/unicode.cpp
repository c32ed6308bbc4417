#include "text/unicode.hpp"

#include <unicode/unorm2.h>

#include <vector>

namespace quire::text {

void append_utf16(std::u16string& out, std::string_view s) {
  out.reserve(out.size() + s.size());
  size_t i = 0, n = s.size();
  auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  while (i < n) {
    auto b = static_cast<unsigned char>(s[i]);
    char32_t c = 0xFFFD;
    size_t len = 1;
    if (b < 0x80) {
      c = b;
    } else if (b >= 0xC2 && b < 0xE0 && cont(i + 1)) {
      c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if (b >= 0xE0 && b < 0xF0 && cont(i + 1) && cont(i + 2)) {
      c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
      if (c < 0x800 || (c >= 0xD800 && c < 0xE000)) c = 0xFFFD;
    } else if (b >= 0xF0 && b < 0xF5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      c = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
          ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
      if (c < 0x10000 || c > 0x10FFFF) c = 0xFFFD;
    }
    i += len;
    if (c >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(c));
    }
  }
}

char32_t code_point_at(std::u16string_view s, size_t i, size_t* len) {
  char32_t c = s[i];
  size_t l = 1;
  if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
    c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
    l = 2;
  } else if (c >= 0xD800 && c < 0xE000) {
    c = 0xFFFD;
  }
  if (len) *len = l;
  return c;
}

void append_utf8(std::string& out, std::u16string_view s) {
  out.reserve(out.size() + s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = code_point_at(s, i, &len);
    i += len;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
}

void normalize_nfc(std::u16string& text) {
  if (text.empty()) return;
  UErrorCode ec = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&ec);
  if (U_FAILURE(ec)) return;
  auto* src = reinterpret_cast<const UChar*>(text.data());
  auto len = static_cast<int32_t>(text.size());
  int32_t ok = unorm2_spanQuickCheckYes(nfc, src, len, &ec);
  if (U_FAILURE(ec) || ok == len) return;
  // Normalise only the tail that needs it; the prefix is already NFC.
  std::u16string out(text.data(), static_cast<size_t>(ok));
  std::vector<UChar> buf(static_cast<size_t>(len - ok) * 3 + 16);
  // spanQuickCheckYes stops at a normalisation boundary, so the tail normalises on its own.
  int32_t m = unorm2_normalize(nfc, src + ok, len - ok, buf.data(), static_cast<int32_t>(buf.size()), &ec);
  if (U_FAILURE(ec)) return;
  out.append(reinterpret_cast<const char16_t*>(buf.data()), static_cast<size_t>(m));
  text = std::move(out);
}

}  // namespace quire::text
