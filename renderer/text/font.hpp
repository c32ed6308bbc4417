// Fonts: faces loaded once per process (through the World) and chosen per
// character by script coverage from a fallback stack of Debian fonts.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace quire::text {

/// One font face (one file, or one face of a collection), ready for shaping.
/// Immutable after loading, so it may be shared between threads.
struct Face {
  int id = 0;                   ///< index in the FontLibrary
  std::string family;           ///< "Noto Naskh Arabic"
  std::string postscript_name;  ///< "NotoNaskhArabic-Regular" (no spaces)
  std::string file;             ///< path the World read it from
  unsigned index = 0;           ///< face index inside a .ttc
  bool bold = false;
  bool italic = false;
  bool synthetic_bold = false;  ///< no bold file exists: the PDF writer emboldens by stroking
  hb_blob_t* blob = nullptr;    ///< whole file
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;  ///< scaled to upem: advances are in font units
  unsigned upem = 1000;
  int ascender = 0, descender = 0, line_gap = 0, cap_height = 0;  ///< font units (descender < 0)
  int bbox[4] = {0, 0, 0, 0};                                     ///< xMin yMin xMax yMax, font units
  /// The cmap's Basic Multilingual Plane as a bitset, read once at load: covers() runs for
  /// every character of every paragraph, and a bit test is far cheaper than a cmap lookup.
  std::vector<std::uint64_t> bmp;

  /// True if the face's cmap maps `c` to a glyph.
  [[nodiscard]] bool covers(char32_t c) const;
};

/// One entry of the fallback stack: a family for some scripts, with a regular and a bold file.
struct StackEntry {
  std::string family;
  std::string regular;               ///< path under the font root
  std::string bold;                  ///< may be empty (bold is synthesised)
  unsigned index = 0;                ///< face index in .ttc files
  std::vector<std::string> scripts;  ///< ISO 15924 codes this family is preferred for; empty = any
  std::vector<std::string> langs;    ///< BCP 47 primary tags it is preferred for ("ur"); empty = any
  std::string italic;                ///< may be empty (emphasis then uses the upright face)
  std::string bold_italic;           ///< may be empty (falls back to `bold`)
};

/// The default stack: Noto Sans, Noto Naskh Arabic, Noto Nastaliq Urdu (for ur),
/// Noto Sans Ethiopic, Noto Sans Bengali, WenQuanYi Micro Hei, DejaVu Sans (last resort).
std::vector<StackEntry> default_font_stack();

/// Every face of the stack, each read once, the first time a document needs it, and behind
/// it every other installed font (fontconfig), loaded when a character needs it. Thread-safe.
class FontLibrary {
 public:
  /// Names every file of `stack` under `font_root` and checks that `world` has it; a missing
  /// file is an Internal error in `diags` (fonts are a dependency, never silently skipped).
  /// A face's file is read through `world` when first asked for: `world` must outlive the library. With
  /// `system_fallback`, a character no stack entry covers is looked for in the fonts
  /// fontconfig knows (TrueType outlines only: the PDF writer embeds glyf fonts).
  FontLibrary(const World& world, std::string font_root, std::vector<StackEntry> stack, Diagnostics& diags,
              bool system_fallback = true);
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  [[nodiscard]] const Face& face(int id) const;
  /// Faces of the stack (installed fonts loaded on demand come after them).
  [[nodiscard]] size_t size() const { return faces_.size(); }

  /// The face to draw `c` with: the first stack entry preferred for (`script`, `lang`)
  /// that covers it, then any entry that covers it (entries reserved for other languages
  /// last), then the first face (shows .notdef).
  [[nodiscard]] const Face& pick(char32_t c, std::string_view script, std::string_view lang, bool bold) const;
  /// pick() for an emphasised (italic) style: the entry chosen as above, in its italic face if it has one.
  /// When no stack entry covers `c`, an installed font that does (system_fallback()), else the first face.
  [[nodiscard]] const Face& pick(char32_t c, std::string_view script, std::string_view lang, bool bold,
                                 bool italic) const;

  /// The installed font outside the stack that draws `c`: the first one already in use
  /// that covers it, else the best installed font that does (a "Noto Sans" family, a
  /// regular style, the shortest name), loaded once. Decisions are cached per process.
  /// nullptr if no installed font covers `c`, or the library was made without system fallback.
  [[nodiscard]] const Face* system_fallback(char32_t c, bool bold) const;
  /// True if some face, of the stack or installed, has a glyph for `c`.
  [[nodiscard]] bool any_covers(char32_t c) const;
  /// True if `c` needs no glyph of its own: controls, spaces shaped as spaces, default
  /// ignorables (ZWJ, variation selectors, bidi controls). Coverage checks skip them.
  [[nodiscard]] static bool needs_no_glyph(char32_t c);

  // For callers that pick many characters in a row and cache decisions (text::itemize):
  /// The fallback stack, in order.
  [[nodiscard]] const std::vector<StackEntry>& stack() const { return stack_; }
  /// The face of stack entry `entry` in a style (italic falls back to upright when the entry has none).
  [[nodiscard]] const Face& entry_face(size_t entry, bool bold, bool italic = false) const;
  /// True if stack entry `entry` is preferred for `script` and `lang` (step 1 of pick()).
  [[nodiscard]] bool prefers(size_t entry, std::string_view script, std::string_view lang) const;

 private:
  std::vector<StackEntry> stack_;
  std::vector<std::unique_ptr<Face>> faces_;  // two per entry (regular, bold), then the italic faces
  std::vector<int> italic_;                   // per entry: italic and bold-italic face ids, -1 = none
  // Stack faces are read on first use: per face, the regular face a synthetic bold shares
  // (-1 for a face with its own file), and a flag that makes the one read thread-safe.
  std::vector<int> sources_;
  std::unique_ptr<std::once_flag[]> once_;
  const World* world_ = nullptr;
  /// Face `i` of the stack, its file read and parsed the first time it is asked for.
  const Face& loaded(size_t i) const;
  struct System;  // fontconfig candidates and faces loaded from them
  std::unique_ptr<System> system_;
};

}  // namespace quire::text
