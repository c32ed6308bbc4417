// HarfBuzz shaping of word units, with a per-thread bounded cache.
#include "text/shape.hpp"

#include <hb.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "text/font.hpp"

namespace quire::text {

struct ShapedUnit {
  hb_font_t* font = nullptr;  // a reference, so the cache key (the font pointer) can never be reused
  std::vector<ShapedGlyph> glyphs;
  ShapedUnit() = default;
  ShapedUnit(const ShapedUnit&) = delete;
  ShapedUnit& operator=(const ShapedUnit&) = delete;
  ~ShapedUnit() {
    if (font) hb_font_destroy(font);
  }
};

namespace {

struct Cache {
  using Map = std::unordered_map<std::u16string, std::shared_ptr<const ShapedUnit>>;
  Map current, previous;
  std::size_t hits = 0, misses = 0;

  std::shared_ptr<const ShapedUnit> find(const std::u16string& key) {
    if (auto it = current.find(key); it != current.end()) {
      ++hits;
      return it->second;
    }
    if (auto it = previous.find(key); it != previous.end()) {
      ++hits;
      auto value = it->second;
      insert(key, value);  // promote: recently used entries survive the next rotation
      return value;
    }
    ++misses;
    return nullptr;
  }
  void insert(const std::u16string& key, std::shared_ptr<const ShapedUnit> value) {
    if (current.size() >= kShapeCacheGeneration) {
      previous = std::move(current);
      current = Map();
    }
    current.emplace(key, std::move(value));
  }
};

Cache& cache() {
  thread_local Cache c;
  return c;
}

struct Buffer {
  hb_buffer_t* buf = hb_buffer_create();
  ~Buffer() { hb_buffer_destroy(buf); }
};

hb_buffer_t* thread_buffer() {
  thread_local Buffer b;
  hb_buffer_clear_contents(b.buf);
  return b.buf;
}

hb_language_t language_of(const std::string& tag) {
  thread_local std::unordered_map<std::string, hb_language_t> langs;
  auto it = langs.find(tag);
  if (it != langs.end()) return it->second;
  if (langs.size() > 256) langs.clear();
  hb_language_t l =
      tag.empty() ? HB_LANGUAGE_INVALID : hb_language_from_string(tag.data(), static_cast<int>(tag.size()));
  langs.emplace(tag, l);
  return l;
}

template <class T>
void append_raw(std::u16string& key, const T& value) {
  char16_t units[(sizeof(T) + 1) / 2] = {};
  std::memcpy(units, &value, sizeof(T));
  key.append(units, sizeof units / sizeof units[0]);
}

constexpr std::size_t kContext = 4;  // code units of context on each side (joining looks one letter away)

// Context HarfBuzz sees around [a, b): up to kContext units, never across a space or a
// forced break, so a word's shape depends only on its own text and its immediate neighbours.
void context(std::u16string_view text, std::uint32_t a, std::uint32_t b, std::uint32_t& ctx_a, std::uint32_t& ctx_b) {
  auto stop = [](char16_t c) { return c == u' ' || c == u'\u2028' || c == u'\n'; };
  ctx_a = a;
  while (ctx_a > 0 && a - ctx_a < kContext && !stop(text[ctx_a - 1])) --ctx_a;
  ctx_b = b;
  if (b > a && stop(text[b - 1])) return;
  while (ctx_b < text.size() && ctx_b - b < kContext && !stop(text[ctx_b])) ++ctx_b;
}

const hb_feature_t kSmallCaps = {HB_TAG('s', 'm', 'c', 'p'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};

struct RunProps {
  hb_font_t* font;
  hb_direction_t dir;
  hb_script_t script;
  hb_language_t lang;
  bool small_caps;
};

RunProps props_of(const Itemized& items, const ParagraphInput& para, const FontRun& run) {
  RunProps p{};
  p.font = run.face->font;
  p.dir = run.rtl() ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
  p.script = hb_script_from_string(script_tag(run.script), -1);
  p.lang = language_of(items.langs[run.span]);
  p.small_caps = run.span < para.spans.size() && para.spans[run.span].style.small_caps;
  return p;
}

// Shapes text[a, b) with context, through the cache; glyph clusters relative to a.
std::shared_ptr<const ShapedUnit> shape_unit(std::u16string_view text, std::uint32_t a, std::uint32_t b,
                                             const RunProps& p) {
  std::uint32_t ca = 0, cb = 0;
  context(text, a, b, ca, cb);
  unsigned flags = (ca == 0 ? HB_BUFFER_FLAG_BOT : 0) | (cb == text.size() ? HB_BUFFER_FLAG_EOT : 0);

  std::u16string key;
  key.reserve(24 + (cb - ca));
  append_raw(key, p.font);
  append_raw(key, p.lang);
  append_raw(key, static_cast<std::uint32_t>(p.script));
  key.push_back(static_cast<char16_t>(p.dir | (flags << 4) | (p.small_caps ? 0x100 : 0)));
  key.push_back(static_cast<char16_t>(a - ca));
  key.push_back(static_cast<char16_t>(b - a));
  key.append(text.substr(ca, cb - ca));

  auto& c = cache();
  if (auto hit = c.find(key)) return hit;

  hb_buffer_t* buf = thread_buffer();
  hb_buffer_add_utf16(buf, reinterpret_cast<const uint16_t*>(text.data() + ca), static_cast<int>(cb - ca), a - ca,
                      static_cast<int>(b - a));
  hb_buffer_set_direction(buf, p.dir);
  hb_buffer_set_script(buf, p.script);
  if (p.lang != HB_LANGUAGE_INVALID) hb_buffer_set_language(buf, p.lang);
  hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(p.font, buf, p.small_caps ? &kSmallCaps : nullptr, p.small_caps ? 1 : 0);

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
  auto unit = std::make_shared<ShapedUnit>();
  unit->font = hb_font_reference(p.font);
  unit->glyphs.resize(count);
  for (unsigned i = 0; i < count; ++i) {
    auto& g = unit->glyphs[i];
    g.id = info[i].codepoint;
    g.x_advance = pos[i].x_advance;
    g.x_offset = pos[i].x_offset;
    g.y_offset = pos[i].y_offset;
    g.cluster = info[i].cluster - (a - ca);  // relative to a
    // A character the face has no glyph for (allowed with --allow-missing-glyphs) shows as
    // the replacement character, not as an empty .notdef; the cluster keeps the real text.
    hb_codepoint_t replacement = 0;
    if (g.id == 0 && hb_font_get_nominal_glyph(p.font, 0xFFFD, &replacement)) {
      g.id = replacement;
      g.x_advance = hb_font_get_glyph_h_advance(p.font, replacement);
      g.x_offset = g.y_offset = 0;
    }
  }
  c.insert(key, unit);
  return unit;
}

constexpr std::uint32_t kMaxUnit = 256;  // long space-less text (CJK) is shaped in slices

// End of the unit starting at `pos`: a word and the spaces after it, within [pos, end).
std::uint32_t unit_end(std::u16string_view text, std::uint32_t pos, std::uint32_t end) {
  const std::uint32_t limit = pos + kMaxUnit;
  while (pos < end && text[pos] != u' ') {
    if (pos >= limit && (text[pos] & 0xFC00) != 0xDC00) return pos;
    ++pos;
  }
  while (pos < end && text[pos] == u' ') ++pos;
  return pos;
}

void append_unit(std::vector<ShapedGlyph>& out, const ShapedUnit& unit, std::uint32_t start) {
  for (auto g : unit.glyphs) {
    g.cluster += start;
    out.push_back(g);
  }
}

}  // namespace

Measure measure(const Itemized& items, const ParagraphInput& para) {
  Measure m;
  const auto n = static_cast<std::uint32_t>(items.text.size());
  std::vector<float> advance(n, 0.f);
  m.cluster_start.assign(n, 0);
  for (std::uint32_t r = 0; r < items.runs.size(); ++r) {
    const auto& run = items.runs[r];
    RunProps p = props_of(items, para, run);
    float size = run_size(para, run);
    float scale = size / static_cast<float>(run.face->upem);
    for (std::uint32_t a = run.start; a < run.end;) {
      std::uint32_t b = unit_end(items.text, a, run.end);
      auto unit = shape_unit(items.text, a, b, p);
      for (const auto& g : unit->glyphs) {
        std::uint32_t at = a + g.cluster;
        if (at >= n) continue;
        advance[at] += static_cast<float>(g.x_advance) * scale;
        m.cluster_start[at] = 1;
      }
      m.units.push_back({a, b, r, std::move(unit)});
      a = b;
    }
  }
  m.prefix.assign(n + 1, 0.f);
  for (std::uint32_t i = 0; i < n; ++i) m.prefix[i + 1] = m.prefix[i] + advance[i];
  return m;
}

void shape_range(const Itemized& items, const ParagraphInput& para, const Measure& m, std::uint32_t run_index,
                 std::uint32_t start, std::uint32_t end, std::vector<ShapedGlyph>& out) {
  const auto& run = items.runs[run_index];
  RunProps p = props_of(items, para, run);
  // Units of this run overlapping [start, end), in logical order.
  auto first = std::lower_bound(m.units.begin(), m.units.end(), start,
                                [](const Measure::Unit& u, std::uint32_t pos) { return u.end <= pos; });
  std::vector<std::pair<std::uint32_t, std::shared_ptr<const ShapedUnit>>> pieces;
  for (auto it = first; it != m.units.end() && it->start < end; ++it) {
    if (it->run != run_index) continue;
    std::uint32_t a = std::max(start, it->start), b = std::min(end, it->end);
    if (a >= b) continue;
    if (a == it->start && b == it->end)
      pieces.emplace_back(a, it->shaped);
    else
      pieces.emplace_back(a, shape_unit(items.text, a, b, p));
  }
  // HarfBuzz gives each unit's glyphs in visual order; right-to-left units also go right to left.
  if (run.rtl()) std::reverse(pieces.begin(), pieces.end());
  for (const auto& [a, unit] : pieces) append_unit(out, *unit, a);
}

std::vector<ShapedGlyph> shape_hyphen(const Itemized& items, const ParagraphInput& para, std::uint32_t run_index) {
  const auto& run = items.runs[run_index];
  // The font's own soft-hyphen glyph where it has one: HarfBuzz hides real U+00AD, so that
  // glyph stands for nothing else and maps back to U+00AD cleanly in the PDF's ToUnicode.
  hb_codepoint_t soft = 0;
  if (hb_font_get_nominal_glyph(run.face->font, 0x00AD, &soft) && soft != 0) {
    ShapedGlyph g;
    g.id = soft;
    g.x_advance = hb_font_get_glyph_h_advance(run.face->font, soft);
    g.cluster = kInsertedHyphen;
    return {g};
  }
  RunProps p = props_of(items, para, run);
  std::u16string h(1, run.face->covers(0x2010) ? u'\u2010' : u'-');
  auto unit = shape_unit(h, 0, 1, p);
  std::vector<ShapedGlyph> out = unit->glyphs;
  for (auto& g : out) g.cluster = kInsertedHyphen;
  return out;
}

ShapeCacheStats shape_cache_stats() {
  auto& c = cache();
  return {c.hits, c.misses, c.current.size() + c.previous.size()};
}

void clear_shape_cache() {
  auto& c = cache();
  c.current.clear();
  c.previous.clear();
  c.hits = c.misses = 0;
}

}  // namespace quire::text
