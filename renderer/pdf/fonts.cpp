#include "pdf/fonts.hpp"

#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "pdf/deflate_cache.hpp"
#include "pdf/encoding.hpp"
#include "text/font.hpp"

namespace quire::pdf {

namespace {

constexpr std::size_t kMaxUnicodeBytes = 64;  // longer cluster texts are left to ActualText

std::string program_key(const text::Face& face) {
  return face.file + '#' + std::to_string(face.index);
}

// PostScript names may only use a safe subset of ASCII in a PDF name (and <= 63 chars with the tag).
std::string clean_font_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (ok) out.push_back(c);
    if (out.size() >= 56) break;
  }
  return out.empty() ? "Font" : out;
}

struct TableBytes {
  hb_blob_t* blob;
  const unsigned char* data;
  unsigned len;
  TableBytes(hb_face_t* face, hb_tag_t tag) : blob(hb_face_reference_table(face, tag)), len(0) {
    data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &len));
  }
  ~TableBytes() { hb_blob_destroy(blob); }
  TableBytes(const TableBytes&) = delete;
  TableBytes& operator=(const TableBytes&) = delete;
  [[nodiscard]] int s16(unsigned off) const {
    return off + 2 <= len ? static_cast<int16_t>((data[off] << 8) | data[off + 1]) : 0;
  }
  [[nodiscard]] unsigned u16(unsigned off) const { return off + 2 <= len ? (data[off] << 8) | data[off + 1] : 0; }
};

std::string inflate_bytes(const std::string& deflated, std::size_t length) {
  std::string out(length, '\0');
  uLongf len = static_cast<uLongf>(length);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(deflated.data()),
                 static_cast<uLong>(deflated.size())) != Z_OK)
    return {};
  out.resize(len);
  return out;
}

}  // namespace

std::string_view PdfFont::unicode(std::uint32_t old_gid) const {
  if (!by_gid.empty()) return old_gid < by_gid.size() ? by_gid[old_gid] : std::string_view{};
  if (auto it = text.find(old_gid); it != text.end()) return it->second;
  if (auto it = nominal.find(old_gid); it != nominal.end()) return it->second;
  if (auto it = fallback.find(old_gid); it != fallback.end()) return it->second;
  return {};
}

void PdfFont::index_unicode() {
  std::uint32_t top = 0;
  for (const auto& [g, t] : text) top = std::max(top, g + 1);
  for (const auto& [g, t] : nominal) top = std::max(top, g + 1);
  for (const auto& [g, t] : fallback) top = std::max(top, g + 1);
  by_gid.assign(top, std::string_view{});
  // Lowest priority first, so text, then nominal, win as in unicode()'s lookups.
  for (const auto& [g, t] : fallback) by_gid[g] = t;
  for (const auto& [g, t] : nominal) by_gid[g] = t;
  for (const auto& [g, t] : text) by_gid[g] = t;
}

PdfFont& FontSet::font_for(const text::Face* face) {
  if (auto it = by_face_.find(face); it != by_face_.end()) return *it->second;
  auto key = program_key(*face);
  PdfFont* font = nullptr;
  if (auto it = by_program_.find(key); it != by_program_.end()) {
    font = it->second;
  } else {
    fonts_.push_back(std::make_unique<PdfFont>());
    font = fonts_.back().get();
    font->face = face;
    by_program_.emplace(std::move(key), font);
  }
  by_face_.emplace(face, font);
  return *font;
}

void FontSet::collect(const layout::GlyphRun& run) {
  if (!run.face || run.glyphs.empty()) return;
  PdfFont& font = font_for(run.face);
  for (const auto& g : run.glyphs) {
    if (g.id >= font.seen.size()) font.seen.resize(std::max<std::size_t>(g.id + 1, font.seen.size() * 2), false);
    if (!font.seen[g.id]) {
      font.seen[g.id] = true;
      font.used.push_back(g.id);
    }
  }
  for (const auto& c : run.clusters) {
    if (c.glyph_count == 0 || c.text.empty() || c.text.size() > kMaxUnicodeBytes) continue;
    if (static_cast<std::size_t>(c.first_glyph) + c.glyph_count > run.glyphs.size()) continue;
    if (c.glyph_count == 1) {
      font.text.try_emplace(run.glyphs[c.first_glyph].id, std::string_view(c.text));
    } else {
      // A glyph that is the cmap glyph of one of the cluster's characters stands for
      // that character (a vowel sign next to a conjunct, a reordered i-matra); the
      // characters left over go to the logically first other glyph (the conjunct).
      std::string_view t(c.text);
      std::string rest;
      std::vector<bool> is_nominal(c.glyph_count, false);
      for (std::size_t at = 0; at < t.size();) {
        auto lead = static_cast<unsigned char>(t[at]);
        std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        len = std::min(len, t.size() - at);
        char32_t cp = 0;
        for_each_code_point(t.substr(at, len), [&cp](char32_t v) { cp = v; });
        hb_codepoint_t g = 0;
        bool found = false;
        if (hb_font_get_nominal_glyph(run.face->font, cp, &g))
          for (std::uint32_t k = 0; k < c.glyph_count; ++k)
            if (run.glyphs[c.first_glyph + k].id == g) {
              font.nominal.try_emplace(g, t.substr(at, len));
              is_nominal[k] = found = true;
            }
        if (!found) rest.append(t.substr(at, len));
        at += len;
      }
      if (!rest.empty()) {
        for (std::uint32_t n = 0; n < c.glyph_count; ++n) {
          std::uint32_t k = run.rtl ? c.glyph_count - 1 - n : n;  // logical order
          if (is_nominal[k]) continue;
          font.fallback.try_emplace(run.glyphs[c.first_glyph + k].id, std::move(rest));
          break;
        }
      }
    }
  }
}

const PdfFont* FontSet::find(const text::Face* face) const {
  auto it = by_face_.find(face);
  return it == by_face_.end() ? nullptr : it->second;
}

void FontSet::embed(haru::Document& doc, SubsetCache& cache, bool compress, Diagnostics& diags) {
  for (auto& fp : fonts_) {
    PdfFont& font = *fp;
    const text::Face& face = *font.face;
    font.index_unicode();
    if (font.seen.empty() || !font.seen[0]) font.used.push_back(0);  // .notdef is always in a TrueType subset
    // A Latin face's subset holds every printable ASCII glyph, used or not: the records of a
    // batch differ mostly in names, numbers and dates, so their subsets come out the same and
    // are made (and compressed) once in the SubsetCache. A few kilobytes more per file.
    if (face.covers(U'a'))
      for (char32_t c = 0x21; c < 0x7f; ++c) {
        hb_codepoint_t g = 0;
        if (!hb_font_get_nominal_glyph(face.font, c, &g) || g == 0) continue;
        if (g >= font.seen.size()) font.seen.resize(std::max<std::size_t>(g + 1, font.seen.size() * 2), false);
        if (font.seen[g]) continue;
        font.seen[g] = true;
        font.used.push_back(g);
      }
    std::sort(font.used.begin(), font.used.end());
    std::string error;
    font.subset = cache.get(face, font.used, error);
    if (!font.subset) {
      diags.error(Origin::Internal, "pdf.font-subset", error);
      continue;
    }
    const FontSubset& sub = *font.subset;
    const double scale = 1000.0 / static_cast<double>(face.upem ? face.upem : 1000);
    auto units = [scale](int v) { return static_cast<long long>(std::lround(v * scale)); };
    const std::string base = sub.tag + "+" + clean_font_name(face.postscript_name);

    haru::Dict file = compress ? doc.stream(sub.deflated, haru::StreamData::PreDeflated)
                               : doc.stream(inflate_bytes(sub.deflated, sub.length1), haru::StreamData::Raw);
    doc.put_int(file, "Length1", static_cast<long long>(sub.length1));

    haru::Dict desc = doc.dict(true);
    doc.put_name(desc, "Type", "FontDescriptor");
    doc.put_name(desc, "FontName", base);
    doc.put_int(desc, "Flags", 4 | (face.italic ? 64 : 0));  // Symbolic (CID fonts use no standard encoding)
    haru::Array bbox = doc.array(false);
    for (int v : face.bbox) doc.add_int(bbox, units(v));
    doc.put(desc, "FontBBox", bbox);
    TableBytes post(face.face, HB_TAG('p', 'o', 's', 't'));
    double italic_angle = post.s16(4) + post.u16(6) / 65536.0;  // Fixed 16.16
    doc.put_real(desc, "ItalicAngle", std::round(italic_angle * 10) / 10);
    doc.put_int(desc, "Ascent", units(face.ascender));
    doc.put_int(desc, "Descent", units(face.descender));
    doc.put_int(desc, "CapHeight", units(face.cap_height));
    TableBytes os2(face.face, HB_TAG('O', 'S', '/', '2'));
    unsigned weight = os2.u16(4) ? os2.u16(4) : (face.bold ? 700 : 400);
    doc.put_int(desc, "StemV",
                50 + static_cast<long long>(std::pow(weight / 65.0, 2)));  // no real stem data in TrueType
    doc.put(desc, "FontFile2", file);

    haru::Dict cid = doc.dict(true);
    doc.put_name(cid, "Type", "Font");
    doc.put_name(cid, "Subtype", "CIDFontType2");
    doc.put_name(cid, "BaseFont", base);
    haru::Dict info = doc.dict(false);
    doc.put_bytes(info, "Registry", "Adobe");
    doc.put_bytes(info, "Ordering", "Identity");
    doc.put_int(info, "Supplement", 0);
    doc.put(cid, "CIDSystemInfo", info);
    doc.put(cid, "FontDescriptor", desc);
    doc.put_name(cid, "CIDToGIDMap", "Identity");  // CIDs are the subset's glyph ids

    // /DW = the most common advance; /W lists only the others, in runs of consecutive CIDs.
    std::map<int, int> freq;
    for (const auto& g : sub.glyphs) ++freq[g.width];
    int dw = std::max_element(freq.begin(), freq.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    doc.put_int(cid, "DW", dw);
    std::vector<std::pair<std::uint32_t, int>> widths;
    for (const auto& g : sub.glyphs)
      if (g.width != dw) widths.emplace_back(g.new_gid, g.width);
    std::sort(widths.begin(), widths.end());
    // libharu arrays hold at most 32,767 entries: runs of at most 8,192 widths, and if the
    // glyphs of the default width split the rest into too many runs, every glyph's width
    // in dense runs instead (subset glyph ids are compact, so that is a few runs).
    constexpr std::size_t kRun = 8192;
    std::size_t runs = 0;
    for (std::size_t i = 0; i < widths.size(); ++i)
      if (i == 0 || widths[i].first != widths[i - 1].first + 1) ++runs;
    if (2 * runs > 16000) {
      widths.clear();
      for (const auto& g : sub.glyphs) widths.emplace_back(g.new_gid, g.width);
      std::sort(widths.begin(), widths.end());
    }
    if (!widths.empty()) {
      haru::Array w = doc.array(false);
      for (std::size_t i = 0; i < widths.size();) {
        std::size_t j = i + 1;
        while (j < widths.size() && j - i < kRun && widths[j].first == widths[j - 1].first + 1) ++j;
        doc.add_int(w, widths[i].first);
        haru::Array run = doc.array(false);
        for (std::size_t k = i; k < j; ++k) doc.add_int(run, widths[k].second);
        doc.add(w, run);
        i = j;
      }
      doc.put(cid, "W", w);
    }

    std::string cmap = to_unicode_cmap(font);
    haru::Dict to_unicode = compress ? doc.stream(*DeflateCache::process().get(cmap), haru::StreamData::PreDeflated)
                                     : doc.stream(cmap, haru::StreamData::Raw);

    font.type0 = doc.dict(true);
    doc.put_name(font.type0, "Type", "Font");
    doc.put_name(font.type0, "Subtype", "Type0");
    doc.put_name(font.type0, "BaseFont", base);
    doc.put_name(font.type0, "Encoding", "Identity-H");
    haru::Array descendants = doc.array(false);
    doc.add(descendants, cid);
    doc.put(font.type0, "DescendantFonts", descendants);
    doc.put(font.type0, "ToUnicode", to_unicode);
  }
}

std::string to_unicode_cmap(const PdfFont& font) {
  struct Entry {
    std::uint32_t cid;
    std::string utf16;
  };
  std::vector<Entry> entries;
  if (font.subset) {
    for (const auto& g : font.subset->glyphs) {
      std::string_view t = font.unicode(g.old_gid);
      if (!t.empty()) entries.push_back({g.new_gid, utf16be(t)});
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.cid < b.cid; });

  // Runs of >= 3 consecutive CIDs mapping to consecutive BMP code units become a
  // bfrange; the last byte of source and destination must not wrap inside a range.
  auto single = [](const Entry& e) -> int {
    return e.utf16.size() == 2 ? (static_cast<unsigned char>(e.utf16[0]) << 8) | static_cast<unsigned char>(e.utf16[1])
                               : -1;
  };
  struct Range {
    std::uint32_t first, last;
    int dst;
  };
  std::vector<Range> ranges;
  std::vector<const Entry*> chars;
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    int u = single(entries[i]);
    if (u >= 0) {
      while (j < entries.size() && entries[j].cid == entries[j - 1].cid + 1 && single(entries[j]) == u + int(j - i) &&
             (entries[j].cid & 0xFF) != 0 && ((u + int(j - i)) & 0xFF) != 0)
        ++j;
    }
    if (u >= 0 && j - i >= 3) {
      ranges.push_back({entries[i].cid, entries[j - 1].cid, u});
    } else {
      j = i + 1;
      chars.push_back(&entries[i]);
    }
    i = j;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t i = 0; i < chars.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, chars.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += '<';
      append_hex_u(out, chars[k]->cid, 4);
      out += "> <";
      append_hex(out, chars[k]->utf16);
      out += ">\n";
    }
    out += "endbfchar\n";
  }
  for (std::size_t i = 0; i < ranges.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
    out += std::to_string(n) + " beginbfrange\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += '<';
      append_hex_u(out, ranges[k].first, 4);
      out += "> <";
      append_hex_u(out, ranges[k].last, 4);
      out += "> <";
      append_hex_u(out, static_cast<std::uint32_t>(ranges[k].dst), 4);
      out += ">\n";
    }
    out += "endbfrange\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace quire::pdf
