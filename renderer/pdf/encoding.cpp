#include "pdf/encoding.hpp"

#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <ctime>

namespace quire::pdf {

std::string utf16be(std::string_view utf8, std::size_t max_bytes) {
  // ICU's UTF-8 converter: each maximal ill-formed subsequence becomes one U+FFFD
  // (Unicode's recommended practice), so no unpaired surrogate ever reaches the PDF.
  const auto size = static_cast<int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), size));
  const char16_t* units = u.getBuffer();
  std::size_t n = std::min(static_cast<std::size_t>(u.length()), max_bytes / 2);
  if (n < static_cast<std::size_t>(u.length()) && n > 0 && U16_IS_LEAD(units[n - 1])) --n;  // never half a pair
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(static_cast<char>(units[i] >> 8));
    out.push_back(static_cast<char>(units[i] & 0xFF));
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
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
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

void append_number(std::string& out, double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000};
  if (decimals < 0) decimals = 0;
  if (decimals > 5) decimals = 5;
  // Integer arithmetic on the scaled value: fast, no locale, no exponent.
  double scaled = std::round(value * kScale[decimals]);
  if (scaled == 0) {
    out.push_back('0');
    return;
  }
  long long v = static_cast<long long>(scaled);
  if (v < 0) {
    out.push_back('-');
    v = -v;
  }
  long long unit = static_cast<long long>(kScale[decimals]);
  long long whole = v / unit;
  long long frac = v % unit;
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, whole);
  out.append(buf, end);
  if (frac != 0) {
    int digits = decimals;
    while (frac % 10 == 0) {
      frac /= 10;
      --digits;
    }
    out.push_back('.');
    char fb[8];
    for (int k = digits - 1; k >= 0; --k) {
      fb[k] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    out.append(fb, static_cast<std::size_t>(digits));
  }
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
