#include "pdf/encoding.hpp"

#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <ctime>
#include <string>

namespace quire::pdf {

namespace {

// Well-formed UTF-8 to UTF-16 code units with ICU's macros, no UnicodeString (an
// ActualText per cluster of a right-to-left line); false at the first ill-formed sequence
// (U8_NEXT gives a negative code point for it), which ICU's converter then handles.
bool simple_utf16(std::string_view utf8, std::u16string& units) {
  units.clear();
  units.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
  if (static_cast<std::size_t>(length) != utf8.size()) return false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
    if (c < 0x10000) {
      units.push_back(static_cast<char16_t>(c));
    } else {
      units.push_back(U16_LEAD(c));
      units.push_back(U16_TRAIL(c));
    }
  }
  return true;
}

}  // namespace

std::string utf16be(std::string_view utf8, std::size_t max_bytes) {
  thread_local std::u16string fast;
  std::u16string_view view;
  icu::UnicodeString u;
  if (simple_utf16(utf8, fast)) {
    view = fast;
  } else {
    // ICU's UTF-8 converter: each maximal ill-formed subsequence becomes one U+FFFD
    // (Unicode's recommended practice), so no unpaired surrogate ever reaches the PDF.
    const auto size = static_cast<int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
    u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), size));
    view = std::u16string_view(u.getBuffer(), static_cast<std::size_t>(u.length()));
  }
  const char16_t* units = view.data();
  std::size_t n = std::min(view.size(), max_bytes / 2);
  if (n < view.size() && n > 0 && U16_IS_LEAD(units[n - 1])) --n;  // never half a pair
  std::string out(2 * n, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = static_cast<char>(units[i] >> 8);
    out[2 * i + 1] = static_cast<char>(units[i] & 0xFF);
  }
  return out;
}

std::string pdf_text_bytes(std::string_view utf8, std::size_t max_bytes) {
  std::string out = "\xFE\xFF";
  out += utf16be(utf8, max_bytes > 2 ? max_bytes - 2 : 0);
  return out;
}

void append_hex(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  char* p = out.data() + at;
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    *p++ = kHex[b >> 4];
    *p++ = kHex[b & 15];
  }
}

void append_hex_u(std::string& out, std::uint32_t value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (digits > 0 && digits <= 8) {
    // One append for the whole number (a content stream has one per glyph drawn).
    char buf[8];
    for (int i = digits - 1; i >= 0; --i, value >>= 4) buf[i] = kHex[value & 15];
    out.append(buf, static_cast<std::size_t>(digits));
    return;
  }
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(value >> shift) & 15]);
}

char* format_number(char* p, double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000};
  if (decimals < 0) decimals = 0;
  if (decimals > 5) decimals = 5;
  // Integer arithmetic on the scaled value: fast, no locale, no exponent.
  double scaled = std::round(value * kScale[decimals]);
  if (scaled == 0) {
    *p++ = '0';
    return p;
  }
  long long v = static_cast<long long>(scaled);
  if (v < 0) {
    *p++ = '-';
    v = -v;
  }
  long long unit = static_cast<long long>(kScale[decimals]);
  long long whole = v / unit;
  long long frac = v % unit;
  p = std::to_chars(p, p + 21, whole).ptr;
  if (frac != 0) {
    int digits = decimals;
    while (frac % 10 == 0) {
      frac /= 10;
      --digits;
    }
    *p++ = '.';
    for (int k = digits - 1; k >= 0; --k) {
      p[k] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    p += digits;
  }
  return p;
}

void append_number(std::string& out, double value, int decimals) {
  char buf[kNumberChars];
  out.append(buf, format_number(buf, value, decimals));
}

std::string pdf_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
  return buf;
}

std::string xml_escape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 16);
  for_each_code_point(utf8, [&](char32_t c) {
    switch (c) {
      case U'&':
        out += "&amp;";
        return;
      case U'<':
        out += "&lt;";
        return;
      case U'>':
        out += "&gt;";
        return;
      case U'"':
        out += "&quot;";
        return;
      case U'\'':
        out += "&apos;";
        return;
      default:
        break;
    }
    // XML 1.0 Char production: drop C0 controls (except tab, LF, CR), U+FFFE/FFFF.
    if ((c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0xFFFE || c == 0xFFFF) return;
    char buf[4];
    int n = 0;
    if (c < 0x80) {
      buf[n++] = static_cast<char>(c);
    } else if (c < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (c >> 6));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (c >> 12));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (c >> 18));
      buf[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    }
    out.append(buf, static_cast<std::size_t>(n));
  });
  return out;
}

std::string clean_uri(std::string_view uri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(uri.size());
  for (char ch : uri) {
    auto b = static_cast<unsigned char>(ch);
    bool keep = b > 0x20 && b < 0x7F;
    switch (b) {
      case '<':
      case '>':
      case '"':
      case '\\':
      case '^':
      case '`':
      case '{':
      case '|':
      case '}':
        keep = false;
        break;
      default:
        break;
    }
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

}  // namespace quire::pdf
