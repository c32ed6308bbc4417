#include "text/font.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <tuple>
#include <unordered_map>

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

// Reads the face at `path` into `face`, whose identity (id, family, style) is already set.
// False, with an Internal error in `diags`, if the World cannot read the file.
bool fill_face(const World& world, const std::string& path, unsigned index, Face& face, Diagnostics& diags) {
  auto bytes = world.read_file(path);
  if (!bytes) {
    diags.error(Origin::Internal, "font.missing",
                "font file not found: " + path + " (run scripts/install-deps.sh to install the font packages)");
    return false;
  }
  face.file = path;
  face.index = index;
  // hb_blob takes ownership of a heap copy; the Face lives as long as the library.
  auto* copy = new std::string(std::move(*bytes));
  face.blob = hb_blob_create(copy->data(), static_cast<unsigned>(copy->size()), HB_MEMORY_MODE_READONLY, copy,
                             [](void* p) { delete static_cast<std::string*>(p); });
  face.face = hb_face_create(face.blob, index);
  face.upem = hb_face_get_upem(face.face);
  face.font = hb_font_create(face.face);
  {
    // The cmap's code points come as ranges: a bit set per range, not a call per code point.
    hb_set_t* unicodes = hb_set_create();
    hb_face_collect_unicodes(face.face, unicodes);
    face.bmp.assign(0x10000 / 64, 0);
    hb_codepoint_t first = HB_SET_VALUE_INVALID, last = HB_SET_VALUE_INVALID;
    while (hb_set_next_range(unicodes, &first, &last) && first < 0x10000)
      for (hb_codepoint_t cp = first; cp <= std::min<hb_codepoint_t>(last, 0xFFFF); ++cp)
        face.bmp[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    hb_set_destroy(unicodes);
  }
  hb_font_set_scale(face.font, static_cast<int>(face.upem), static_cast<int>(face.upem));
  hb_ot_font_set_funcs(face.font);
  hb_font_make_immutable(face.font);

  char name[256];
  unsigned len = sizeof name;
  if (hb_ot_name_get_utf8(face.face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name) > 0) {
    face.postscript_name.assign(name, len);
  } else {
    face.postscript_name = face.family;
  }
  face.postscript_name.erase(std::remove(face.postscript_name.begin(), face.postscript_name.end(), ' '),
                             face.postscript_name.end());

  hb_font_extents_t ext{};
  hb_font_get_h_extents(face.font, &ext);
  face.ascender = ext.ascender;
  face.descender = ext.descender;
  face.line_gap = ext.line_gap;
  hb_position_t cap = 0;
  face.cap_height = hb_ot_metrics_get_position(face.font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ? cap : ext.ascender;
  // The head table's bounding box, for the PDF FontDescriptor.
  hb_blob_t* head = hb_face_reference_table(face.face, HB_TAG('h', 'e', 'a', 'd'));
  unsigned head_len = 0;
  const auto* h = reinterpret_cast<const unsigned char*>(hb_blob_get_data(head, &head_len));
  if (head_len >= 44) {
    auto s16 = [h](int off) { return static_cast<int>(static_cast<int16_t>((h[off] << 8) | h[off + 1])); };
    face.bbox[0] = s16(36);
    face.bbox[1] = s16(38);
    face.bbox[2] = s16(40);
    face.bbox[3] = s16(42);
  }
  hb_blob_destroy(head);
  return true;
}

std::unique_ptr<Face> load_face_file(const World& world, const std::string& path, const std::string& family,
                                     unsigned index, bool bold, int id, Diagnostics& diags) {
  auto face = std::make_unique<Face>();
  face->id = id;
  face->family = family;
  face->bold = bold;
  if (!fill_face(world, path, index, *face, diags)) return nullptr;
  return face;
}

// Makes `bold` share `reg`'s outlines (and memory), drawn emboldened by the PDF writer.
void share_as_synthetic_bold(const Face& reg, Face& bold) {
  const int id = bold.id;
  bold = reg;
  bold.id = id;
  bold.bold = true;
  bold.synthetic_bold = true;
  bold.blob = hb_blob_reference(reg.blob);
  bold.face = hb_face_reference(reg.face);
  bold.font = hb_font_reference(reg.font);
}

std::unique_ptr<Face> synthetic_bold(const Face& reg, int id) {
  auto bold = std::make_unique<Face>();
  bold->id = id;
  share_as_synthetic_bold(reg, *bold);
  return bold;
}

void destroy_face(Face& f) {
  hb_font_destroy(f.font);
  hb_face_destroy(f.face);
  hb_blob_destroy(f.blob);
}

}  // namespace

// The installed fonts, as fontconfig lists them, and the faces loaded from them. Listed on
// the first character the stack cannot draw, so a render that needs none never asks fontconfig.
struct FontLibrary::System {
  static constexpr std::size_t kMaxFaces = 256;  // slots never move: readers need no lock

  struct Candidate {
    std::string file;
    unsigned index = 0;
    std::string family;
    int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, width = FC_WIDTH_NORMAL;
    FcCharSet* charset = nullptr;  // owned by `set`
    int pair = -1;                 // index into `pairs` once loaded, -2 = unusable
  };

  const World& world;
  int first_id;  // face id of faces[0]
  std::mutex mutex;
  bool listed = false;
  FcFontSet* set = nullptr;
  std::vector<Candidate> candidates;         // best first
  std::vector<std::pair<int, int>> pairs;    // loaded families: (regular, bold) indexes into faces
  std::unordered_map<char32_t, int> chosen;  // code point -> index into pairs, -1 = no installed font
  std::vector<std::unique_ptr<Face>> faces = std::vector<std::unique_ptr<Face>>(kMaxFaces);
  std::atomic<std::size_t> count{0};

  System(const World& w, int first) : world(w), first_id(first) {}
  ~System() {
    for (std::size_t i = 0; i < count.load(); ++i) destroy_face(*faces[i]);
    if (set) FcFontSetDestroy(set);
  }
  System(const System&) = delete;
  System& operator=(const System&) = delete;

  void list() {
    listed = true;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return;
    FcPattern* pattern = FcPatternCreate();
    FcObjectSet* objects = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_WEIGHT, FC_SLANT, FC_WIDTH, FC_CHARSET,
                                            FC_FONTFORMAT, FC_OUTLINE, FC_COLOR, FC_VARIABLE, nullptr);
    set = FcFontList(config, pattern, objects);
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    FcConfigDestroy(config);
    if (!set) return;
    for (int i = 0; i < set->nfont; ++i) {
      FcPattern* p = set->fonts[i];
      FcChar8* file = nullptr;
      FcChar8* family = nullptr;
      FcChar8* format = nullptr;
      FcCharSet* charset = nullptr;
      FcBool outline = FcTrue, color = FcFalse, variable = FcFalse;
      int index = 0;
      if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
          FcPatternGetCharSet(p, FC_CHARSET, 0, &charset) != FcResultMatch)
        continue;
      FcPatternGetBool(p, FC_OUTLINE, 0, &outline);
      FcPatternGetBool(p, FC_COLOR, 0, &color);
      FcPatternGetBool(p, FC_VARIABLE, 0, &variable);
      // CIDFontType2 embedding needs glyf outlines: no CFF, no bitmap or colour emoji fonts.
      if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
          std::string_view(reinterpret_cast<const char*>(format)) != "TrueType")
        continue;
      if (!outline || color || variable) continue;
      Candidate c;
      c.file = reinterpret_cast<const char*>(file);
      FcPatternGetInteger(p, FC_INDEX, 0, &index);
      if (index < 0 || index > 0xFFFF) continue;  // named instances of variable fonts
      c.index = static_cast<unsigned>(index);
      if (FcPatternGetString(p, FC_FAMILY, 0, &family) == FcResultMatch)
        c.family = reinterpret_cast<const char*>(family);
      FcPatternGetInteger(p, FC_WEIGHT, 0, &c.weight);
      FcPatternGetInteger(p, FC_SLANT, 0, &c.slant);
      FcPatternGetInteger(p, FC_WIDTH, 0, &c.width);
      c.charset = charset;
      candidates.push_back(std::move(c));
    }
    // Best first: Noto Sans families (the stack's look), then other Noto, then the rest;
    // the regular style; the plainest family ("Noto Sans Tifinagh" before "... Tifinagh APT").
    auto rank = [](const Candidate& c) {
      int family = c.family.rfind("Noto Sans", 0) == 0 ? 0 : c.family.rfind("Noto", 0) == 0 ? 1 : 2;
      return std::make_tuple(family, std::abs(c.weight - FC_WEIGHT_REGULAR), c.slant != FC_SLANT_ROMAN,
                             std::abs(c.width - FC_WIDTH_NORMAL), c.family.size(), c.family, c.file, c.index);
    };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate& a, const Candidate& b) { return rank(a) < rank(b); });
  }

  int add(std::unique_ptr<Face> face) {
    std::size_t n = count.load(std::memory_order_relaxed);
    face->id = first_id + static_cast<int>(n);
    faces[n] = std::move(face);
    count.store(n + 1, std::memory_order_release);
    return static_cast<int>(n);
  }

  // Loads candidate `k` (and its family's bold) as a pair; -1 if it cannot be used.
  int load(std::size_t k) {
    Candidate& cand = candidates[k];
    if (cand.pair != -1) return cand.pair < 0 ? -1 : cand.pair;
    cand.pair = -2;
    if (count.load() + 2 > kMaxFaces) return -1;
    Diagnostics ignored;  // an unreadable installed font is skipped: the next candidate may do
    auto reg = load_face_file(world, cand.file, cand.family, cand.index, false, 0, ignored);
    if (!reg) return -1;
    hb_blob_t* glyf = hb_face_reference_table(reg->face, HB_TAG('g', 'l', 'y', 'f'));
    bool truetype = hb_blob_get_length(glyf) > 0;
    hb_blob_destroy(glyf);
    if (!truetype) {
      destroy_face(*reg);
      return -1;
    }
    int r = add(std::move(reg));
    int b = -1;
    for (const auto& other : candidates) {
      if (other.family != cand.family || other.weight < FC_WEIGHT_BOLD || other.slant != FC_SLANT_ROMAN ||
          other.width != cand.width)
        continue;
      if (auto bold = load_face_file(world, other.file, other.family, other.index, true, 0, ignored)) {
        b = add(std::move(bold));
        break;
      }
    }
    if (b < 0) b = add(synthetic_bold(*faces[static_cast<std::size_t>(r)], 0));
    pairs.emplace_back(r, b);
    cand.pair = static_cast<int>(pairs.size()) - 1;
    return cand.pair;
  }

  // Index into `pairs` of the family that draws `c`, or -1. Call with `mutex` held.
  int choose(char32_t c) {
    if (auto it = chosen.find(c); it != chosen.end()) return it->second;
    int found = -1;
    for (std::size_t i = 0; i < pairs.size() && found < 0; ++i)
      if (faces[static_cast<std::size_t>(pairs[i].first)]->covers(c)) found = static_cast<int>(i);
    if (found < 0) {
      if (!listed) list();
      for (std::size_t k = 0; k < candidates.size() && found < 0; ++k)
        if (candidates[k].pair != -2 && FcCharSetHasChar(candidates[k].charset, static_cast<FcChar32>(c)))
          if (int p = load(k);
              p >= 0 && faces[static_cast<std::size_t>(pairs[static_cast<std::size_t>(p)].first)]->covers(c))
            found = p;
    }
    if (chosen.size() < 65536) chosen.emplace(c, found);
    return found;
  }
};

FontLibrary::FontLibrary(const World& world, std::string font_root, std::vector<StackEntry> stack, Diagnostics& diags,
                         bool system_fallback)
    : stack_(std::move(stack)), world_(&world) {
  // Every face of the stack is named here and its file checked; its bytes are read the first
  // time a document needs it (loaded()). A Latin document reads two files of the stack's 17,
  // an Arabic one four, instead of every process reading all 12 MB.
  auto add = [&](const StackEntry& entry, const std::string& rel, bool bold, bool italic, int synthetic_of) {
    auto face = std::make_unique<Face>();
    face->id = static_cast<int>(faces_.size());
    face->family = entry.family;
    face->index = entry.index;
    face->bold = bold;
    face->italic = italic;
    face->synthetic_bold = synthetic_of >= 0;
    if (synthetic_of < 0) face->file = font_root + "/" + rel;
    sources_.push_back(synthetic_of);
    faces_.push_back(std::move(face));
    return faces_.back()->id;
  };
  auto present = [&](const std::string& rel) {
    const std::string path = font_root + "/" + rel;
    if (world.is_file(path)) return true;
    diags.error(Origin::Internal, "font.missing",
                "font file not found: " + path + " (run scripts/install-deps.sh to install the font packages)");
    return false;
  };
  for (const auto& entry : stack_) {
    if (!present(entry.regular)) {
      faces_.clear();
      sources_.clear();
      return;
    }
    const int regular = add(entry, entry.regular, false, false, -1);
    // No bold file: share the regular outlines (and memory), drawn emboldened by the writer.
    if (!entry.bold.empty() && present(entry.bold))
      add(entry, entry.bold, true, false, -1);
    else
      add(entry, "", true, false, regular);
  }
  // Italic faces come after every regular/bold pair, so face ids of the pairs stay entry * 2 + bold.
  italic_.assign(stack_.size() * 2, -1);
  for (size_t i = 0; i < stack_.size(); ++i) {
    const auto& entry = stack_[i];
    for (int bold = 0; bold < 2; ++bold) {
      const std::string& rel = bold ? entry.bold_italic : entry.italic;
      if (rel.empty() || !present(rel)) continue;  // reported; emphasis falls back to upright
      italic_[i * 2 + static_cast<size_t>(bold)] = add(entry, rel, bold != 0, true, -1);
    }
  }
  once_ = std::make_unique<std::once_flag[]>(faces_.size());
  if (system_fallback && !faces_.empty()) system_ = std::make_unique<System>(world, static_cast<int>(faces_.size()));
}

FontLibrary::~FontLibrary() {
  system_.reset();
  for (auto& f : faces_) destroy_face(*f);  // a face never loaded holds null handles, which HarfBuzz ignores
}

const Face& FontLibrary::loaded(size_t i) const {
  std::call_once(once_[i], [&] {
    Face& f = *faces_[i];
    if (const int regular = sources_[i]; regular >= 0) {
      share_as_synthetic_bold(loaded(static_cast<size_t>(regular)), f);
      return;
    }
    Diagnostics ignored;  // checked at start-up: only a file removed since then fails here
    if (!fill_face(*world_, f.file, f.index, f, ignored)) {
      // An empty face draws nothing but keeps every caller's handles valid.
      f.blob = hb_blob_get_empty();
      f.face = hb_face_get_empty();
      f.font = hb_font_get_empty();
      f.postscript_name = f.family;
      f.postscript_name.erase(std::remove(f.postscript_name.begin(), f.postscript_name.end(), ' '),
                              f.postscript_name.end());
    }
  });
  return *faces_[i];
}

const Face& FontLibrary::face(int id) const {
  auto i = static_cast<size_t>(id);
  if (i < faces_.size() || !system_) return loaded(i);
  return *system_->faces[i - faces_.size()];
}

const Face* FontLibrary::system_fallback(char32_t c, bool bold) const {
  if (!system_) return nullptr;
  std::lock_guard lock(system_->mutex);
  int p = system_->choose(c);
  if (p < 0) return nullptr;
  auto [regular, emboldened] = system_->pairs[static_cast<size_t>(p)];
  return system_->faces[static_cast<size_t>(bold ? emboldened : regular)].get();
}

bool FontLibrary::any_covers(char32_t c) const {
  // Entries for every language first: an Arabic document's letters are answered by Naskh,
  // which it draws with, without reading Nastaliq, which only Urdu uses.
  for (int reserved = 0; reserved < 2; ++reserved)
    for (size_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].langs.empty() == (reserved == 0) && entry_face(i, false).covers(c)) return true;
  return system_fallback(c, false) != nullptr;
}

bool FontLibrary::needs_no_glyph(char32_t c) {
  auto u = static_cast<UChar32>(c);
  if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029) return true;
  return u_hasBinaryProperty(u, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

const Face& FontLibrary::entry_face(size_t entry, bool bold, bool italic) const {
  size_t pair = entry * 2 + (bold ? 1 : 0);
  if (italic && pair < italic_.size() && italic_[pair] >= 0) return loaded(static_cast<size_t>(italic_[pair]));
  return loaded(pair);
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
  if (const Face* installed = system_fallback(c, bold)) return *installed;
  return at(0);
}

}  // namespace quire::text
