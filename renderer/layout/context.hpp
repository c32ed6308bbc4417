// State shared by the block layout functions during one layout pass (internal).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "layout/flow.hpp"
#include "layout/frame.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"
#include "quire/limits.hpp"

namespace quire::text {
class FontLibrary;
class Hyphenators;
class ParagraphCache;
}  // namespace quire::text

namespace quire::layout::detail {

/// What the model's numbering pass (model::complete_document) found, as layout reads it.
struct Prescan {
  const model::Numbering* numbering = nullptr;
  bool needs_pages = false;  ///< layout runs up to three passes until page numbers settle
  bool has_contents = false;
};
/// The numbering of `doc`, which complete_document() must have filled.
Prescan prescan(const model::Document& doc);

/// Page numbers found by the previous pass.
struct PassResult {
  std::map<std::string, int> pages;       ///< id -> 1-based physical page it starts on
  std::map<std::string, int> last_pages;  ///< id -> 1-based physical page it ends on (placements)
  std::vector<std::string> numbers;       ///< shown number of each physical page; empty = unnumbered
  std::vector<int> part_pages;            ///< pages in the numbering part of each physical page
  int page_count = 0;
  bool operator==(const PassResult&) const = default;
};

/// Where blocks are being laid out, and what they inherit.
struct Box {
  float width = 0;
  int parent = 0;                                ///< structure node of the container
  std::string lang;                              ///< inherited language (BCP 47)
  model::Direction dir = model::Direction::Ltr;  ///< the document's direction (for Auto paragraphs without strong text)
  std::optional<model::Color> color;             ///< forced text colour (RAG cells)
  bool bold = false;                             ///< forced bold (table header cells)
  std::optional<model::Align> align;             ///< replaces Start alignment (table cells)
  bool small = false;                            ///< footnote bodies: body text at the Small size
  int list_depth = 0;                            ///< nesting of lists (bullet shape)
};

/// Values of fields while laying out headers and footers.
struct FieldValues {
  int page = 0;  ///< 1-based physical page; 0 = unknown (body text)
  int pages = 0;
  std::string section_title;
  std::string page_text;  ///< the page's shown number; empty in a section numbered "none"
  int part_pages = 0;     ///< pages in the page's numbering part (PartPageCount); 0 = unknown
};

class Context {
 public:
  Context(const model::Document& doc, const text::FontLibrary& fonts, const text::Hyphenators* hyph, const Prescan& pre,
          const PassResult* prev, Diagnostics& diags)
      : doc(doc), fonts(fonts), hyph(hyph), pre(pre), prev(prev), diags(diags) {}

  const model::Document& doc;
  const text::FontLibrary& fonts;
  const text::Hyphenators* hyph;
  text::ParagraphCache* paragraphs = nullptr;  ///< LayoutResources::paragraphs (may be null)
  bool measure_only = false;                   ///< LayoutResources::measure_only
  const Prescan& pre;
  const PassResult* prev;  ///< null in the first pass
  Diagnostics& diags;
  StopPoll* stop = nullptr;  ///< the job's deadline and cancellation, polled in long loops (may be null)
  /// True once layout should stop (the caller discards what it has).
  bool stopping() { return stop && stop->stop(); }

  std::vector<StructNode> nodes;  ///< the structure tree being built
  bool artifact = false;          ///< headers/footers: no structure, every item tagged -1
  FieldValues fields;
  float page_height = 0;         ///< content height of the current section's pages
  float page_width = 0;          ///< content width of the current section's pages (footnote bodies)
  size_t next_heading = 0;       ///< index into pre.headings
  int tables = 0;                ///< table ids handed out
  bool pending_break = false;    ///< a PageBreak waits for the next piece
  int body_page_fields = 0;      ///< page-number fields in body text so far
  std::set<std::string> warned;  ///< warning keys already reported
  std::optional<std::vector<std::pair<int, float>>> scales;  ///< see script_scale()
  std::optional<std::vector<std::u16string>> whole;          ///< see whole_words()
  /// The document's whole words made once for all of a layout's contexts (may be null).
  const std::vector<std::u16string>* shared_whole = nullptr;
  bool used_pages = false;  ///< a page reference was resolved: page numbers must settle
  /// Targets of every document laid out together (sections included); null = pre.numbering->targets.
  const std::map<std::string, model::Target>* all_targets = nullptr;

  /// Adds a structure node under `parent` (none in artifact mode: returns -1).
  int node(Role role, int parent, const std::string& lang = {}, const std::string& id = {});
  /// The language a node effectively has (its own or its nearest ancestor's).
  std::string lang_of(int node) const;
  /// Text for a cross-reference, "??" (and a warning) if the target is unknown.
  std::string resolve(const model::CrossRef& ref);
  /// Text for a field.
  std::string field(const model::Field& f) const;
  /// `n` in the document's digits (meta.digits), so page numbers match the text around them.
  std::string number(long n) const;
  /// The shown number of 1-based physical page `page` (previous pass), for references: in
  /// the page's numbering and the document's digits; the physical number on unnumbered pages.
  std::string page_ref(int page) const;
  /// A page-number (or part's page count) field in body text: from the page its line landed
  /// on in the previous pass. `key` receives the internal mark id to attach to that line.
  std::string body_page_field(std::string& key, model::FieldKind kind = model::FieldKind::PageNumber);
  /// The style sheet's script scales as the text stage wants them (UScriptCode, factor),
  /// converted once per layout.
  const std::vector<std::pair<int, float>>& script_scale();
  /// True for a paragraph language the style sheet leaves unscaled (Urdu's Nastaliq).
  bool unscaled(const std::string& lang) const;
  /// The data's words, never hyphenated (Typography::unhyphenated as letter runs), made once.
  const std::vector<std::u16string>& whole_words();
  /// Reports a warning once per key.
  void warn(const std::string& code, const std::string& message, const std::string& key);
};

/// Paragraph styling resolved from the role (and heading level).
struct ParaStyle {
  float size = 11;
  bool bold = false;
  bool italic = false;
  float line_height = 1.35f;  ///< multiple of the size
  float space_before = 0;
  float space_after = 6;
  float indent_start = 0, indent_end = 0;
  model::Align align = model::Align::Start;
  model::Color color;
  bool hyphenate = true;  ///< headings and titles are never hyphenated
  bool notice = false;    ///< shaded box with a border
  bool quote = false;     ///< indented with a bar on the start side
  bool keep_with_next = false;
  std::optional<model::Color> fill, border, bar;  ///< notice fill and border, quote bar
};

/// Paragraph styles, resolved from the document's style sheet (model::resolve_style,
/// which the DOCX writer reads too).
ParaStyle style_named(const model::Document& doc, std::string_view name);
ParaStyle style_for(const model::Document& doc, model::ParaRole role);
ParaStyle paragraph_style(const model::Document& doc, const model::Paragraph& p);
ParaStyle heading_style(const model::Document& doc, int level);

/// Result of setting a run of inlines.
struct SetText {
  std::vector<Piece> lines;  ///< one piece per line
  bool rtl = false;
};

/// Sets `content` as lines of `box.width` (minus the style's indents). Glyphs are tagged
/// `node` (or a Link/Span child of it); footnote bodies are laid out and attached to
/// the line holding their marker.
SetText set_inlines(Context& ctx, const std::vector<model::Inline>& content, const ParaStyle& style,
                    const std::string& lang, model::Direction dir, const Box& box, int node);

/// Resolved direction of a paragraph: explicit, else its first strong character, else the box's.
/// The direction of a paragraph: explicit `dir`, else that of its language (`lang`, else
/// its first run's, else the box's), else the document's. Never the first strong
/// letter: "{council} هو..." is an Arabic sentence that starts with a Latin name.
bool is_rtl(const std::vector<model::Inline>& content, model::Direction dir, const Box& box,
            const std::string& lang = {});

/// Lays out blocks into pieces (appended to `out`).
void lay_out_blocks(Context& ctx, std::span<const model::Block> blocks, const Box& box, std::vector<Piece>& out);

// One function per kind of block (blocks.cpp, table.cpp, figure.cpp).
void lay_out_table(Context& ctx, const model::Table& table, const Box& box, std::vector<Piece>& out);
void lay_out_image(Context& ctx, const model::Image& image, const Box& box, std::vector<Piece>& out);
void lay_out_chart(Context& ctx, const model::Chart& chart, const Box& box, std::vector<Piece>& out);
void lay_out_icon(Context& ctx, const model::Icon& icon, const Box& box, std::vector<Piece>& out);

/// The structure node of an icon: a Figure with its alt text under `parent`, or -1
/// (an artifact) when it is decorative.
int icon_tag(Context& ctx, const model::Icon& icon, int parent);
/// A box (panel.cpp): background, border, accent bar, padding, icon column.
void lay_out_panel(Context& ctx, const model::Panel& panel, const Box& box, std::vector<Piece>& out);
/// Appends the paths of `icon` drawn `size` points square with its top-left corner at
/// (x, y), tagged `tag` (see icon_tag), in its colour (else the palette's "primary").
/// For icons inside other blocks (a card's icon column). Unknown names: a warning, nothing drawn.
void draw_icon(Context& ctx, const model::Icon& icon, float x, float y, float size, int tag, std::vector<PItem>& items);

/// A single line of plain text (labels, markers, leaders): set and returned as a piece.
Piece text_line(Context& ctx, const std::string& text, float size, bool bold, const Box& box, int tag,
                model::Align align, const model::Color& color = {}, std::optional<bool> rtl = std::nullopt);

/// Pixel size of a PNG or JPEG from its header bytes; false if neither.
bool image_size(const std::string& data, int& width, int& height);

}  // namespace quire::layout::detail
