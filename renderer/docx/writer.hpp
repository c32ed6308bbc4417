// Internal state shared by the parts of the DOCX writer: relationships, content types,
// bookmarks, numbering instances, footnotes and media collected while the body is written.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docx/xml.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"
#include "quire/limits.hpp"

namespace quire::text {
class FontLibrary;
struct Face;
}  // namespace quire::text

namespace quire::docx {

// Relationship types (ECMA-376 Part 1, 15.2).
inline constexpr const char* kRelBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
std::string rel_type(const char* short_name);  ///< kRelBase + short_name

/// The relationships of one part (its _rels/NAME.rels).
class Relationships {
 public:
  /// Adds a relationship and returns its id ("rId1", ...).
  std::string add(const std::string& type, const std::string& target, bool external = false);
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::string xml() const;

 private:
  struct Item {
    std::string id, type, target;
    bool external = false;
  };
  std::vector<Item> items_;
};

/// [Content_Types].xml: defaults by extension, overrides by part name.
class ContentTypes {
 public:
  void add_default(const std::string& ext, const std::string& type) { defaults_[ext] = type; }
  void add_override(const std::string& part, const std::string& type) { overrides_.emplace_back(part, type); }
  [[nodiscard]] std::string xml() const;

 private:
  std::map<std::string, std::string> defaults_;
  std::vector<std::pair<std::string, std::string>> overrides_;
};

/// A place a cross-reference or internal link can point at.
struct Target {
  std::string bookmark;  ///< w:bookmarkStart/@w:name
  std::string text;      ///< title text (cached result of REF)
  std::string number;    ///< "2.1" for numbered headings and list items (cached result of REF \r)
};

/// A heading listed in the contents.
struct TocEntry {
  int level = 1;
  std::string text;  ///< with its number, if numbered
  std::string bookmark;
};

/// One w:num: an abstract definition (bullet, decimal, headings) with its own counters.
struct NumInstance {
  int abstract_id = 0;
  int level = 0;  ///< the level the list uses (ilvl)
  int start = 1;
};
inline constexpr int kAbstractBullet = 0, kAbstractDecimal = 1;

/// A picture in word/media/.
struct Media {
  std::string name;  ///< "image1.png"
  std::string bytes;
};

/// The characters written in one font, for its embedded subset: a bit per code point of the
/// Basic Multilingual Plane, a set for the rest. (A std::set insert per character written
/// was a tenth of writing a long report.)
class UsedChars {
 public:
  void add(char32_t c) {
    if (c < 0x10000)
      bmp_[c >> 6] |= std::uint64_t{1} << (c & 63);
    else
      astral_.insert(c);
  }
  /// Adds every code point of UTF-8 `text` (malformed bytes as U+FFFD, as next_code_point()).
  void add_text(std::string_view text);
  [[nodiscard]] bool contains(char32_t c) const {
    return c < 0x10000 ? ((bmp_[c >> 6] >> (c & 63)) & 1) != 0 : astral_.count(c) != 0;
  }
  /// Every code point added, in ascending order.
  [[nodiscard]] std::vector<char32_t> sorted() const;

 private:
  std::array<std::uint64_t, 0x10000 / 64> bmp_{};
  std::set<char32_t> astral_;
};

/// Writer state for one document.
struct Context {
  Context(const model::Document& d, Diagnostics& dg) : doc(d), diags(dg) {}
  const model::Document& doc;
  Diagnostics& diags;
  StopPoll stop;     ///< the job's deadline and cancellation, polled per block
  std::string lang;  ///< document language, never empty
  bool doc_rtl = false;

  ContentTypes types;
  Relationships doc_rels;
  Relationships* rels = &doc_rels;  ///< the part being written (document, header, footnotes)

  // Bookmarks and cross-reference targets, found before writing (prescan()).
  std::map<std::string, Target> targets;               ///< by model id
  std::map<const void*, std::string> block_bookmarks;  ///< heading/paragraph/table... -> bookmark name
  std::map<std::string, std::string> end_bookmarks;    ///< by model id: an empty bookmark on its last page
  /// Paragraphs, tables and boxes that a page range (`<ref form="pages">`) points at -> the
  /// empty bookmark written at the end of their last paragraph.
  std::map<const void*, std::string> block_end_bookmarks;
  std::vector<TocEntry> toc;
  int next_bookmark_id = 0;
  /// The borderless table of the last Columns block, so the next one adds a row to it
  /// (a bilingual edition is one table of paired rows, not a stack of tables).
  pugi::xml_node columns_table;

  // Numbering
  std::vector<NumInstance> nums;  ///< numId = index + 1
  int add_num(int abstract_id, int level, int start);

  // Footnotes
  pugi::xml_document footnotes;
  pugi::xml_node footnotes_root;
  Relationships footnote_rels;
  int next_footnote_id = 1;
  bool in_footnote = false;
  bool in_header_footer = false;  ///< notes are not allowed in headers and footers

  // Pictures
  std::vector<Media> media;
  int next_drawing_id = 1;
  /// XML placed by placeholder in the parts (icon shapes, see append_fragment()).
  Fragments fragments;
  /// Extra parts written while the body is written (word/charts/chartN.xml...): name, bytes.
  std::vector<std::pair<std::string, std::string>> parts;
  /// Parts whose bytes a process cache shares (embedded fonts), written after `parts`.
  std::vector<std::pair<std::string, std::shared_ptr<const std::string>>> shared_parts;
  int next_chart = 1;

  // Fonts: the characters written in each family (write_text), for embedding.
  std::map<std::string, UsedChars> font_chars;
  /// The loaded fonts (DocxOptions::fonts), or null. With them, text in a script the named
  /// font lacks (a Devanagari name) names the installed font the PDF would draw it with.
  const text::FontLibrary* fonts = nullptr;
  /// The stack face write_text() last looked up by family, and which ASCII characters it is
  /// known to cover (asked for every character written).
  struct CoverMemo {
    bool looked_up = false;
    std::string family;
    const text::Face* face = nullptr;
    std::array<std::uint64_t, 2> known{}, covered{};
  } cover_memo;

  // The section being written.
  const model::Section* section = nullptr;
  // The numbering part being written (from a section that restarts the page numbers to the
  // next): a part's page count is a PAGEREF to an empty bookmark at its end, put there once
  // a field has used it (LibreOffice does not compute SECTIONPAGES).
  int part = 0;                   ///< 1-based index of the part
  int part_first_page = 1;        ///< the number its first page shows
  bool part_pages_used = false;   ///< a field of this part names its end bookmark
  std::string part_end_bookmark;  ///< "_QPartEnd<part>"
  long text_width_twips = 9638;   ///< A4 less 2 cm margins
};

// ---- prescan.cpp
/// Bookmark names for the model's reference targets and the contents entries, from the
/// numbering pass (Document::numbering); numbers are the model's, never counted here.
void prescan(Context& ctx);

// ---- inlines.cpp
/// Forced run formatting from the container (table header rows, RAG cells, styles).
struct RunEnv {
  std::string lang;  ///< the paragraph's language
  bool para_rtl = false;
  bool strong = false;
  std::optional<model::Color> color;
};
/// Appends runs for `content` to the paragraph `p`.
void write_inlines(Context& ctx, pugi::xml_node p, const std::vector<model::Inline>& content, const RunEnv& env);
/// Appends runs for plain text (split by script) to `parent` (a w:p or w:hyperlink).
void write_text(Context& ctx, pugi::xml_node parent, const std::string& text, const model::RunStyle& style,
                const std::string& lang, bool para_rtl, const RunEnv& env, const char* char_style = nullptr);
/// The same for text that may hold bidi isolates (U+2066-U+2069: a heading's title with an
/// interpolated value, in the contents or a cross-reference): each isolate in runs of its
/// own (write_inlines), or the controls left out where nothing is right to left.
void write_bidi_text(Context& ctx, pugi::xml_node parent, const std::string& text, const model::RunStyle& style,
                     const std::string& lang, const RunEnv& env, const char* char_style = nullptr);
/// Appends a complex field (begin, instruction, separate, cached result, end).
void write_field(Context& ctx, pugi::xml_node parent, const std::string& instr, const std::string& cached,
                 const model::RunStyle& style, const RunEnv& env);
/// Wraps the paragraph's content in a bookmark.
void add_bookmark(Context& ctx, pugi::xml_node p, const std::string& name);
/// A field showing the number of pages of the current numbering part (Context::part).
void write_part_pages(Context& ctx, pugi::xml_node parent, const model::RunStyle& style, const RunEnv& env);

// ---- document.cpp
/// How blocks are placed: in a list, a table cell, a header, a footnote...
struct BlockEnv {
  int list_level = -1;                ///< >= 0 inside a list item (indentation without a number)
  const char* para_style = nullptr;   ///< replaces the role's style (Header, Footer, FootnoteText)
  std::optional<model::Align> align;  ///< a table cell's alignment for Start paragraphs
  bool rtl = false;                   ///< the container's direction
  std::string lang;                   ///< the container's language
  RunEnv runs;                        ///< forced run formatting
};
/// A numbering reference for the first paragraph of a list item.
struct NumRef {
  int num_id = 0;
  int level = 0;
};
void write_blocks(Context& ctx, pugi::xml_node parent, std::span<const model::Block> blocks, const BlockEnv& env);
pugi::xml_node write_paragraph(Context& ctx, pugi::xml_node parent, const model::Paragraph& para, const BlockEnv& env,
                               const NumRef* num = nullptr);
/// A paragraph with a style and one plain-text run (captions, contents entries).
pugi::xml_node write_plain_paragraph(Context& ctx, pugi::xml_node parent, const char* style, const std::string& text,
                                     const BlockEnv& env);
/// Paragraph direction: explicit, else the first strong character, else the language/container.
bool resolve_rtl(const std::vector<model::Inline>& content, model::Direction dir, const std::string& lang,
                 const BlockEnv& env);
/// w:jc for an alignment in a paragraph of the given direction (nullptr = the default, start).
const char* jc_value(model::Align align, bool rtl);
/// Table cells and footnotes must end with a paragraph: adds an empty one if needed.
void ensure_ends_with_paragraph(pugi::xml_node container);

// ---- tables.cpp
void write_table(Context& ctx, pugi::xml_node parent, const model::Table& table, const BlockEnv& env);
void write_columns(Context& ctx, pugi::xml_node parent, const model::Columns& cols, const BlockEnv& env);
void write_panel(Context& ctx, pugi::xml_node parent, const model::Panel& panel, const BlockEnv& env);

// ---- images.cpp
/// Pixel size from PNG IHDR or JPEG SOF; nullopt if the bytes are neither.
struct ImageInfo {
  unsigned width = 0, height = 0;
  double dpi_x = 96, dpi_y = 96;
  const char* ext = "png";
  const char* mime = "image/png";
};
std::optional<ImageInfo> probe_image(const std::string& bytes);
void write_image(Context& ctx, pugi::xml_node parent, const model::Image& image, const BlockEnv& env);

// ---- drawing.cpp
/// Appends w:drawing/wp:inline (width x height points, alt text or the decorative flag,
/// a unique docPr id) to the run `run`; returns its a:graphicData with `uri` set.
pugi::xml_node append_inline_drawing(Context& ctx, pugi::xml_node run, double width_pt, double height_pt,
                                     const std::string& alt, bool decorative, const std::string& name, const char* uri);
/// An icon as an inline DrawingML shape (a:custGeom) in a new run of `paragraph`,
/// `size_pt` square: for icons inside other blocks (a card's icon column).
/// Single line spacing for a paragraph that holds a drawing (image, icon, chart): the body's
/// line spacing, a fraction of the font's height where lines are tight (Nastaliq), would cut
/// the drawing's top off in Word and LibreOffice.
void drawing_line(pugi::xml_node paragraph);
void append_icon_run(Context& ctx, pugi::xml_node paragraph, const model::Icon& icon, double size_pt);
/// An icon block: a paragraph holding the icon.
void write_icon(Context& ctx, pugi::xml_node parent, const model::Icon& icon, const BlockEnv& env);

// ---- charts.cpp
/// A native chart part (word/charts/chartN.xml, with its data in an embedded workbook)
/// shown inline under the chart's title.
void write_chart(Context& ctx, pugi::xml_node parent, const model::Chart& chart, const BlockEnv& env);

// ---- sections.cpp
/// Fills the (empty) w:sectPr `sect` for section `index`; header and footer parts go to `parts`.
void write_section_properties(Context& ctx, pugi::xml_node sect, const model::Section& section, size_t index,
                              std::vector<std::pair<std::string, std::string>>& parts);
/// Makes sections with an id targets of references (after prescan()), with an end bookmark.
void add_section_targets(Context& ctx);
/// Puts a section's bookmarks in: from the first paragraph at or after `first` to
/// `last_paragraph` (the one holding its w:sectPr), and an empty one in `last_paragraph`.
void mark_section(Context& ctx, pugi::xml_node first, pugi::xml_node last_paragraph, const model::Section& s);
/// Text width of a section in twips (page width less the side margins).
long text_width_twips(const model::PageSetup& page);

// ---- styles.cpp / numbering.cpp / properties.cpp
std::string styles_xml(const Context& ctx);
/// The w:styleId of a style sheet paragraph style ("Body" -> "Normal", "Lead" -> "Lead").
std::string style_id(std::string_view name);
/// The w:styleId of a style sheet character style.
std::string char_style_id(std::string_view name);
std::string numbering_xml(const Context& ctx);
/// `embed_fonts`: w:embedTrueTypeFonts and w:saveSubsetFonts (the package carries font subsets).
std::string settings_xml(const Context& ctx, bool has_footnotes, bool embed_fonts);

// ---- fonts.cpp
/// One embedded font file of a family (w:embedRegular, w:embedBold...).
struct FontEmbed {
  const char* element = "w:embedRegular";
  std::string rel_id;  ///< in word/_rels/fontTable.xml.rels
  std::string key;     ///< w:fontKey, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"
};
/// family -> its embedded files.
using FontEmbeds = std::map<std::string, std::vector<FontEmbed>>;
/// The font table: every family the writer names, with its embedded files.
std::string font_table_xml(const FontEmbeds& embeds);
std::string core_xml(const Context& ctx, const std::string& created_w3cdtf);
std::string app_xml(const Context& ctx);
std::string custom_xml(const Context& ctx);  ///< empty when there are no custom properties
/// A new w:footnotes part with the separator (-1) and continuation separator (0) notes.
void init_footnotes(Context& ctx);

}  // namespace quire::docx
