// Embedded fonts (ECMA-376 Part 1, 17.8): the families the document names are subset to the
// characters it uses, with their layout tables (Word and LibreOffice shape the text
// themselves: Arabic joining, Nastaliq's contextual forms), and stored as obfuscated parts
// word/fonts/fontN.odttf, so a PC without Noto shows the intended fonts.
#include "docx/fonts.hpp"

#include <hb.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "docx/recent.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "text/font.hpp"
#include "text/subset.hpp"

namespace quire::docx {
namespace {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 1469598103934665603ULL) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The face of `family` in a style: the stack's entry of that name, else the installed font
// the fallback picks for one of the family's characters if it is that family. Null when the
// family has no face of its own in that style (a synthetic bold is Word's to make).
const text::Face* find_face(const text::FontLibrary& fonts, const std::string& family, bool bold,
                            const std::vector<char32_t>& chars) {
  const auto& stack = fonts.stack();
  for (size_t i = 0; i < stack.size(); ++i)
    if (stack[i].family == family) {
      const text::Face& f = fonts.entry_face(i, bold);
      return f.synthetic_bold || f.bold != bold ? nullptr : &f;
    }
  for (char32_t c : chars) {
    if (text::FontLibrary::needs_no_glyph(c) || c < 0x80) continue;
    const text::Face* f = fonts.system_fallback(c, bold);
    if (f && f->family == family && !f->synthetic_bold && f->bold == bold) return f;
    break;
  }
  return nullptr;
}

}  // namespace

void UsedChars::add_text(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {  // most text is ASCII: no decoding
      bmp_[b >> 6] |= std::uint64_t{1} << (b & 63);
      ++i;
    } else {
      add(next_code_point(text, i));
    }
  }
}

std::vector<char32_t> UsedChars::sorted() const {
  std::vector<char32_t> out;
  for (size_t w = 0; w < bmp_.size(); ++w)
    for (std::uint64_t bits = bmp_[w]; bits != 0; bits &= bits - 1)
      out.push_back(static_cast<char32_t>(w * 64 + static_cast<size_t>(std::countr_zero(bits))));
  out.insert(out.end(), astral_.begin(), astral_.end());
  return out;
}

std::string font_key(std::string_view font_bytes, std::string_view family, bool bold) {
  // Repeatable: the same font program and name give the same key, so the same input gives
  // the same package bytes.
  std::uint64_t a = fnv1a(font_bytes, fnv1a(family));
  std::uint64_t b = fnv1a(bold ? "bold" : "regular", a ^ 0x9E3779B97F4A7C15ULL);
  unsigned char g[16];
  for (int i = 0; i < 8; ++i) {
    g[i] = static_cast<unsigned char>(a >> (8 * i));
    g[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}", g[0], g[1],
                g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
  return buf;
}

std::string obfuscate_font(std::string font_bytes, std::string_view key) {
  // 17.8.1: the key's 32 hex digits, read as 16 bytes from the last pair to the first, are
  // XORed into the first 32 bytes of the font (bytes 0-15 and again 16-31).
  std::string hex;
  for (char c : key)
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  if (hex.size() != 32 || font_bytes.size() < 32) return font_bytes;
  unsigned char k[16];
  for (int i = 0; i < 16; ++i) {
    const size_t at = 30 - 2 * static_cast<size_t>(i);
    k[i] = static_cast<unsigned char>(std::stoi(hex.substr(at, 2), nullptr, 16));
  }
  for (int i = 0; i < 32; ++i)
    font_bytes[static_cast<size_t>(i)] =
        static_cast<char>(static_cast<unsigned char>(font_bytes[static_cast<size_t>(i)]) ^ k[i % 16]);
  return font_bytes;
}

namespace {

// The subset font programs of recent documents, process-wide: a batch's documents mostly use
// the same characters of each face (an English plan: the letters, digits and punctuation), and
// hb-subset with the layout tables kept was an eighth of writing a pathway plan's Word file.
// Keyed by the font file (path, face index, size) and the exact character set, so a hit is
// the very program a new subset would give. Bounded: at most kMaxEntries programs and
// kMaxBytes bytes, least recently used first out. Thread-safe (the batch's workers share it).
class ProgramCache {
 public:
  static constexpr std::size_t kMaxEntries = 64;
  static constexpr std::size_t kMaxBytes = std::size_t{16} << 20;

  static ProgramCache& process() {
    static ProgramCache cache;
    return cache;
  }

  std::shared_ptr<const std::string> get(const text::Face& face, const text::SubsetRequest& request,
                                         std::string& error) {
    unsigned len = face.blob ? hb_blob_get_length(face.blob) : 0;
    std::string key = face.file + '#' + std::to_string(face.index) + '#' + std::to_string(len) + '#' +
                      (request.keep_layout ? "L" : "-");
    for (char32_t c : request.characters) key.append(reinterpret_cast<const char*>(&c), sizeof c);
    {
      std::lock_guard lock(mutex_);
      if (auto it = map_.find(key); it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second.bytes;
      }
    }
    auto program = text::subset_font(face, request, error);  // milliseconds: never under the lock
    if (!program) return nullptr;
    auto bytes = std::make_shared<const std::string>(std::move(program->bytes));
    std::lock_guard lock(mutex_);
    auto [it, inserted] = map_.try_emplace(key);
    if (!inserted) return it->second.bytes;
    lru_.push_front(key);
    it->second = Entry{bytes, lru_.begin()};
    bytes_ += bytes->size() + key.size();
    while (map_.size() > 1 && (map_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
      auto last = map_.find(lru_.back());
      bytes_ -= last->second.bytes->size() + last->first.size();
      map_.erase(last);
      lru_.pop_back();
    }
    return bytes;
  }

 private:
  struct Entry {
    std::shared_ptr<const std::string> bytes;
    std::list<std::string>::iterator lru;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;  // front = most recently used
  std::size_t bytes_ = 0;
};

// The key and obfuscated part of a subset program, for the next document given the same
// program (ProgramCache hands a batch's documents one shared program): hashing the program
// for its key and copying it again was most of embedding a font. Each entry holds its
// program, so a program's address is not reused while it is remembered. Bounded; thread-safe.
class ObfuscatedCache {
 public:
  struct Obfuscated {
    std::string key;
    std::shared_ptr<const std::string> part;
  };

  static ObfuscatedCache& process() {
    static ObfuscatedCache cache;
    return cache;
  }

  Obfuscated get(const std::shared_ptr<const std::string>& program, const std::string& family, bool bold) {
    Made key{program, family, bold};
    if (auto found = made_.find(key)) return *found;
    Obfuscated made;
    made.key = font_key(*program, family, bold);
    made.part = std::make_shared<const std::string>(obfuscate_font(*program, made.key));
    made_.add(std::move(key), made);
    return made;
  }

 private:
  struct Made {
    std::shared_ptr<const std::string> program;
    std::string family;
    bool bold = false;
    bool operator==(const Made&) const = default;
  };
  RecentList<Made, Obfuscated, 16> made_;
};

}  // namespace

FontEmbeds embed_fonts(Context& ctx, const text::FontLibrary& fonts, Relationships& font_rels) {
  FontEmbeds embeds;
  int n = 0;
  for (const auto& [family, used_chars] : ctx.font_chars) {
    const std::vector<char32_t> used = used_chars.sorted();
    std::set<char32_t> chars(used.begin(), used.end());
    // What Word writes itself in this font: page numbers and list labels.
    for (char32_t c : std::u32string_view(U"0123456789.,:;-()\u2022\u2013 ")) chars.insert(c);
    // A family that sets Latin letters gets all of printable ASCII: the documents of a batch
    // then mostly ask for the same subset (names no longer add their own letters), so the
    // program, its key and its deflated part come from the caches. A few more glyphs; the
    // text and its look are the same.
    if (std::any_of(used.begin(), used.end(), [](char32_t c) { return c < 0x80 && std::isalpha(static_cast<int>(c)); }))
      for (char32_t c = 0x20; c < 0x7f; ++c) chars.insert(c);
    // Likewise all ten digits of any digit set it uses (a date in Arabic-Indic digits).
    for (char32_t c : used)
      if (c >= 0x80 && u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) {
        const char32_t zero = c - static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
        for (char32_t d = zero; d < zero + 10; ++d) chars.insert(d);
      }
    text::SubsetRequest request;
    request.characters.assign(chars.begin(), chars.end());
    request.keep_layout = true;
    for (bool bold : {false, true}) {
      const text::Face* face = find_face(fonts, family, bold, used);
      if (!face) {
        if (!bold)
          ctx.diags.warning(
              Origin::Internal, "docx.font-not-embedded",
              "the font '" + family + "' was not found among the loaded fonts; it is named, not embedded");
        if (!bold) break;
        continue;
      }
      std::string error;
      auto program = ProgramCache::process().get(*face, request, error);
      if (!program) {
        ctx.diags.warning(Origin::Internal, "docx.font-not-embedded",
                          "the font '" + family + "' could not be subset (" + error + "); it is named, not embedded");
        continue;
      }
      ObfuscatedCache::Obfuscated obfuscated = ObfuscatedCache::process().get(program, family, bold);
      const std::string& key = obfuscated.key;
      const std::string name = "font" + std::to_string(++n) + ".odttf";
      ctx.shared_parts.emplace_back("word/fonts/" + name, obfuscated.part);
      FontEmbed e;
      e.element = bold ? "w:embedBold" : "w:embedRegular";
      e.rel_id = font_rels.add(rel_type("font"), "fonts/" + name);
      e.key = key;
      embeds[family].push_back(std::move(e));
    }
  }
  if (!embeds.empty()) ctx.types.add_default("odttf", "application/vnd.openxmlformats-officedocument.obfuscatedFont");
  return embeds;
}

}  // namespace quire::docx
