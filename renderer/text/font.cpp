#include "text/font.hpp"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>

namespace quire::text {

bool Face::covers(char32_t c) const {
  if (c < 0x10000 && !bmp.empty()) return (bmp[c >> 6] >> (c & 63)) & 1;
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font, c, &glyph) != 0;
}

std::vector<StackEntry> default_font_stack() {
  // Paths are relative to the font root (/usr/share/fonts on Debian). Order matters:
  // the first entry that covers a character wins unless another is preferred for its script.
  return {
      {"Noto Sans",
       "truetype/noto/NotoSans-Regular.ttf",
       "truetype/noto/NotoSans-Bold.ttf",
       0,
       {"Latn", "Grek", "Cyrl"},
       {},
       "truetype/noto/NotoSans-Italic.ttf",
       "truetype/noto/NotoSans-BoldItalic.ttf"},
      {"Noto Nastaliq Urdu",
       "truetype/noto/NotoNastaliqUrdu-Regular.ttf",
       "truetype/noto/NotoNastaliqUrdu-Bold.ttf",
       0,
       {"Arab"},
       {"ur"},
       "",
       ""},
      {"Noto Naskh Arabic",
       "truetype/noto/NotoNaskhArabic-Regular.ttf",
       "truetype/noto/NotoNaskhArabic-Bold.ttf",
       0,
       {"Arab"},
       {},
       "",
       ""},
      {"Noto Sans Ethiopic",
       "truetype/noto/NotoSansEthiopic-Regular.ttf",
       "truetype/noto/NotoSansEthiopic-Bold.ttf",
       0,
       {"Ethi"},
       {},
       "",
       ""},
      {"Noto Sans Bengali",
       "truetype/noto/NotoSansBengali-Regular.ttf",
       "truetype/noto/NotoSansBengali-Bold.ttf",
       0,
       {"Beng"},
       {},
       "",
       ""},
      // Noto CJK is CFF-flavoured; WenQuanYi is glyf TrueType, which our CIDFontType2 path embeds.
      {"WenQuanYi Micro Hei", "truetype/wqy/wqy-microhei.ttc", "", 0, {"Hani", "Hans", "Hant", "Bopo"}, {}, "", ""},
      {"Noto Sans Symbols",
       "truetype/noto/NotoSansSymbols-Regular.ttf",
       "truetype/noto/NotoSansSymbols-Bold.ttf",
       0,
       {"Zsym"},
       {},
       "",
       ""},
      {"DejaVu Sans", "truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf", 0, {}, {}, "", ""},
  };
}

namespace {

std::unique_ptr<Face> load_face(const World& world, const std::string& root, const StackEntry& entry,
                                const std::string& rel, bool bold, int id, Diagnostics& diags) {
  std::string path = root + "/" + rel;
  auto bytes = world.read_file(path);
  if (!bytes) {
    diags.error(Origin::Internal, "font.missing",
                "font file not found: " + path + " (run scripts/install-deps.sh to install the font packages)");
    return nullptr;
  }
  auto face = std::make_unique<Face>();
  face->id = id;
  face->family = entry.family;
  face->file = path;
  face->index = entry.index;
  face->bold = bold;
  // hb_blob takes ownership of a heap copy; the Face lives as long as the library.
  auto* copy = new std::string(std::move(*bytes));
  face->blob = hb_blob_create(copy->data(), static_cast<unsigned>(copy->size()), HB_MEMORY_MODE_READONLY, copy,
                              [](void* p) { delete static_cast<std::string*>(p); });
  face->face = hb_face_create(face->blob, entry.index);
  face->upem = hb_face_get_upem(face->face);
  face->font = hb_font_create(face->face);
  {
    hb_set_t* unicodes = hb_set_create();
    hb_face_collect_unicodes(face->face, unicodes);
    face->bmp.assign(0x10000 / 64, 0);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(unicodes, &cp) && cp < 0x10000) face->bmp[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    hb_set_destroy(unicodes);
  }
  hb_font_set_scale(face->font, static_cast<int>(face->upem), static_cast<int>(face->upem));
  hb_ot_font_set_funcs(face->font);
  hb_font_make_immutable(face->font);

  char name[256];
  unsigned len = sizeof name;
  if (hb_ot_name_get_utf8(face->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name) > 0) {
    face->postscript_name.assign(name, len);
  } else {
    face->postscript_name = entry.family;
  }
  face->postscript_name.erase(std::remove(face->postscript_name.begin(), face->postscript_name.end(), ' '),
                              face->postscript_name.end());

  hb_font_extents_t ext{};
  hb_font_get_h_extents(face->font, &ext);
  face->ascender = ext.ascender;
  face->descender = ext.descender;
  face->line_gap = ext.line_gap;
  hb_position_t cap = 0;
  face->cap_height = hb_ot_metrics_get_position(face->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ? cap : ext.ascender;
  // The head table's bounding box, for the PDF FontDescriptor.
  hb_blob_t* head = hb_face_reference_table(face->face, HB_TAG('h', 'e', 'a', 'd'));
  unsigned head_len = 0;
  const auto* h = reinterpret_cast<const unsigned char*>(hb_blob_get_data(head, &head_len));
  if (head_len >= 44) {
    auto s16 = [h](int off) { return static_cast<int>(static_cast<int16_t>((h[off] << 8) | h[off + 1])); };
    face->bbox[0] = s16(36);
    face->bbox[1] = s16(38);
    face->bbox[2] = s16(40);
    face->bbox[3] = s16(42);
  }
  hb_blob_destroy(head);
  return face;
}

}  // namespace

FontLibrary::FontLibrary(const World& world, std::string font_root, std::vector<StackEntry> stack, Diagnostics& diags)
    : stack_(std::move(stack)) {
  for (const auto& entry : stack_) {
    auto regular = load_face(world, font_root, entry, entry.regular, false, static_cast<int>(faces_.size()), diags);
    if (!regular) {
      faces_.clear();
      return;
    }
    faces_.push_back(std::move(regular));
    std::unique_ptr<Face> bold;
    if (!entry.bold.empty())
      bold = load_face(world, font_root, entry, entry.bold, true, static_cast<int>(faces_.size()), diags);
    if (!bold) {
      // No bold file: share the regular outlines (and memory), drawn emboldened by the writer.
      const Face& reg = *faces_.back();
      bold = std::make_unique<Face>(reg);
      bold->id = static_cast<int>(faces_.size());
      bold->bold = true;
      bold->synthetic_bold = true;
      bold->blob = hb_blob_reference(reg.blob);
      bold->face = hb_face_reference(reg.face);
      bold->font = hb_font_reference(reg.font);
    }
    faces_.push_back(std::move(bold));
  }
  // Italic faces come after every regular/bold pair, so face ids of the pairs stay entry * 2 + bold.
  italic_.assign(stack_.size() * 2, -1);
  for (size_t i = 0; i < stack_.size(); ++i) {
    const auto& entry = stack_[i];
    for (int bold = 0; bold < 2; ++bold) {
      const std::string& rel = bold ? entry.bold_italic : entry.italic;
      if (rel.empty()) continue;
      auto face = load_face(world, font_root, entry, rel, bold != 0, static_cast<int>(faces_.size()), diags);
      if (!face) continue;  // reported; emphasis falls back to upright
      face->italic = true;
      italic_[i * 2 + static_cast<size_t>(bold)] = face->id;
      faces_.push_back(std::move(face));
    }
  }
}

FontLibrary::~FontLibrary() {
  for (auto& f : faces_) {
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
  }
}

const Face& FontLibrary::entry_face(size_t entry, bool bold, bool italic) const {
  size_t pair = entry * 2 + (bold ? 1 : 0);
  if (italic && pair < italic_.size() && italic_[pair] >= 0) return *faces_[static_cast<size_t>(italic_[pair])];
  return *faces_[pair];
}

bool FontLibrary::prefers(size_t entry, std::string_view script, std::string_view lang) const {
  const auto& e = stack_[entry];
  auto primary = lang.substr(0, lang.find('-'));
  bool script_ok = std::find(e.scripts.begin(), e.scripts.end(), script) != e.scripts.end();
  bool lang_ok = e.langs.empty() || std::find(e.langs.begin(), e.langs.end(), primary) != e.langs.end();
  return script_ok && lang_ok;
}

const Face& FontLibrary::pick(char32_t c, std::string_view script, std::string_view lang, bool bold) const {
  return pick(c, script, lang, bold, false);
}

const Face& FontLibrary::pick(char32_t c, std::string_view script, std::string_view lang, bool bold,
                              bool italic) const {
  auto at = [&](size_t entry) -> const Face& { return entry_face(entry, bold, italic); };
  // 1. an entry preferred for this script (and, if it names languages, this language)
  for (size_t i = 0; i < stack_.size(); ++i)
    if (prefers(i, script, lang) && at(i).covers(c)) return at(i);
  // 2. any entry that covers the character, in stack order, except entries reserved for
  //    other languages (Nastaliq is for Urdu: an Arabic comma after a Latin name stays Naskh)
  auto primary = lang.substr(0, lang.find('-'));
  for (size_t i = 0; i < stack_.size(); ++i) {
    const auto& langs = stack_[i].langs;
    if (!langs.empty() && std::find(langs.begin(), langs.end(), primary) == langs.end()) continue;
    if (at(i).covers(c)) return at(i);
  }
  for (size_t i = 0; i < stack_.size(); ++i)
    if (at(i).covers(c)) return at(i);
  return at(0);
}

}  // namespace quire::text
