// The document model: plain, format-neutral data produced by the template engine
// and consumed by checks, layout (-> PDF) and the DOCX writer. It knows nothing of
// PDF or DOCX. Lengths are in points (1/72 inch); text is UTF-8, NFC, in logical order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/color.hpp"
#include "model/path.hpp"
#include "model/style.hpp"

namespace quire::model {

/// Writing direction of a paragraph or run. Auto = from the text (UAX #9 P2/P3).
enum class Direction { Auto, Ltr, Rtl };

/// Red/Amber/Green/Blue status. A RAG cell always carries a text label too, so it
/// never relies on colour alone (WCAG 1.4.1).
enum class Rag { None, Red, Amber, Green, Blue };

struct Block;  // defined below; blocks nest (list items, table cells, footnotes)

/// A value computed by layout or by the word processor: page number, page count...
/// PartPageCount: the pages of the numbering part the field is in (a part runs from a section
/// that restarts the page numbers, or the document's start, to the next restart), so a copy
/// for a second reader says "Page 1 of 1" where `PageCount` says how many pages the file has.
enum class FieldKind { PageNumber, PageCount, SectionTitle, PartPageCount };

/// How a cross-reference is shown: the target's page number, its title text, its number,
/// or the pages it spans ("12 - 15", one number when it fits one page; resolved after layout).
enum class RefForm { Page, Title, Number, PageRange };

/// Character formatting shared by every inline.
struct RunStyle {
  bool strong = false;
  bool emphasis = false;
  bool small_caps = false;
  std::optional<Color> color;
  std::string style;  ///< a character style of the style sheet; empty = none
  bool operator==(const RunStyle&) const = default;
};

/// A piece of text with one style, one language and one direction.
struct TextRun {
  std::string text;
  RunStyle style;
  std::string lang;                 ///< BCP 47; empty = the paragraph's language
  Direction dir = Direction::Auto;  ///< explicit direction, else from the text
  std::string link;                 ///< URI or "#anchor"; empty = not a link
};
/// A forced line break inside a paragraph.
struct LineBreak {};
/// A field filled in after pagination (PDF) or by the word processor (DOCX).
struct Field {
  FieldKind kind = FieldKind::PageNumber;
  RunStyle style;
  /// The ten digits its number is written in (UTF-8); empty = the document's (Metadata::digits).
  /// A bilingual edition's English column sets ASCII, so its footer reads "Page 1 of 2".
  std::string digits;
};
/// A reference to a block with `id == target`, resolved after pagination.
struct CrossRef {
  std::string target;
  RefForm form = RefForm::Page;
  RunStyle style;
};
/// A footnote; its body is laid out at the foot of the page (PDF) or as w:footnote (DOCX).
struct Footnote {
  std::vector<Block> body;
  /// Its mark ("3", "٣"), set by the numbering pass: in the locale's digits, from 1 again in
  /// each copy (`<copy>`); both writers print it.
  std::string number;
};

using Inline = std::variant<TextRun, LineBreak, Field, CrossRef, Footnote>;

enum class Align { Start, Center, End, Justify };

/// Named paragraph roles; writers map them to styles ("Normal", "Title", "Notice"...).
enum class ParaRole { Body, Title, Subtitle, Lead, Small, Notice, Caption, Quote };

struct Heading {
  int level = 1;  ///< 1-6
  std::vector<Inline> content;
  std::string id;  ///< anchor for cross-references and outlines; may be empty
  bool numbered = false;
  bool in_contents = true;  ///< listed in the contents and the PDF outline
  std::string number;       ///< "2.1": set by complete_document(), read by every writer
};

struct Paragraph {
  std::vector<Inline> content;
  ParaRole role = ParaRole::Body;
  Align align = Align::Start;  ///< Start/End follow the paragraph direction
  std::string lang;            ///< empty = document language
  Direction dir = Direction::Auto;
  std::string id;
  bool keep_with_next = false;
  /// Never the first thing on a page after the block before it (a closing paragraph, a
  /// signature): when they do not fit together, the block before is split or moves with it.
  bool keep_with_previous = false;
  std::string style;      ///< a paragraph style of the style sheet; empty = the role's
  bool numbered = false;  ///< takes the next continuous paragraph number (committee reports)
  std::string number;     ///< "12": set by complete_document() when numbered
};

struct ListItem {
  std::vector<Block> blocks;
  std::string number;  ///< "3" in an ordered list: set by complete_document()
};

struct List {
  bool ordered = false;
  int start = 1;
  std::vector<ListItem> items;
};

struct TableCell {
  std::vector<Block> blocks;
  int col_span = 1;
  int row_span = 1;
  std::optional<Color> shading;
  Rag rag = Rag::None;  ///< when set, writers colour the cell and keep its text label
  Align align = Align::Start;
};

struct TableRow {
  std::vector<TableCell> cells;
};

struct Table {
  std::vector<double> column_widths;  ///< relative weights; empty = equal columns
  int header_rows = 0;                ///< the first N rows repeat on every page
  std::vector<TableRow> rows;
  std::string caption;
  Direction dir = Direction::Auto;  ///< Rtl = first column on the right
  std::string id;
};

struct Image {
  std::string source;  ///< path as resolved by the template engine (inside the template folder)
  std::string data;    ///< the image bytes, read through the World
  std::string alt;     ///< alternative text; required unless decorative
  bool decorative = false;
  double width = 0;  ///< points; 0 = natural size, capped to the column
  std::string id;
};

/// A data series for a chart (one line or one set of bars).
struct Series {
  std::string name;
  std::vector<double> values;
};

struct Chart {
  enum class Kind { Bar, Line } kind = Kind::Bar;
  std::string title;
  std::vector<std::string> categories;
  std::vector<Series> series;
  std::string alt;
  std::string id;
  double height = 0;            ///< points of the plot area; 0 = a third of the width
  std::optional<double> y_min;  ///< axis range; unset = from the data (and 0 for bars)
  std::optional<double> y_max;
  std::string y_title;       ///< axis title ("% of children")
  std::string value_suffix;  ///< printed after values and axis labels ("%")
  bool show_values = true;   ///< values printed at the bars or markers
};

/// An icon from quire's built-in set (`icon_names()`), drawn as vector paths by both
/// writers: no image files needed.
struct Icon {
  std::string name;  ///< "home", "school", "health"...
  std::string alt;   ///< alternative text; required unless decorative
  bool decorative = false;
  double size = 0;             ///< points; 0 = the box style's icon size (or 2 em)
  std::optional<Color> color;  ///< unset = the style sheet's "primary"
  std::string id;
};

/// A box holding several blocks: background, border, accent bar, padding (a box style of
/// the style sheet). A card has an icon in a column on the start side. Kept on one page
/// when it fits; otherwise split, the border continued on the next page.
struct Panel {
  std::vector<Block> blocks;
  std::string style = "card";  ///< a box style of the style sheet
  std::optional<Icon> icon;
  std::optional<Color> accent;  ///< replaces the style's accent colour
  std::string id;
};

struct PageBreak {};

/// Where the table of contents goes; filled from the headings after pagination.
struct Contents {
  std::string title;
  int max_level = 3;
};

/// A group of blocks kept together on one page where possible (e.g. a signature block).
struct KeepTogether {
  std::vector<Block> blocks;
};

/// Blocks laid out side by side in columns (bilingual editions, two-column promises).
struct Columns {
  std::vector<std::vector<Block>> columns;
  /// Relative widths, one per column (`widths="1,9"`); empty: the columns share the width equally.
  std::vector<double> widths;
};

using BlockVariant = std::variant<Heading, Paragraph, List, Table, Image, Chart, PageBreak, Contents, KeepTogether,
                                  Columns, Panel, Icon>;

/// One block of the document.
struct Block {
  BlockVariant value;
};

enum class Orientation { Portrait, Landscape };

/// Page geometry of a section, in points.
struct PageSetup {
  double width = 595.276;  ///< A4
  double height = 841.89;
  Orientation orientation = Orientation::Portrait;
  double margin_top = 56.7, margin_bottom = 56.7, margin_left = 56.7, margin_right = 56.7;
};

/// Repeated text at the top or bottom of every page; may hold Fields.
struct HeaderFooter {
  std::vector<Paragraph> paragraphs;
};

/// Where a section starts: after the previous one's last block, on a new page, or on
/// the next odd (right-hand) page, a blank page reading "This page is intentionally left
/// blank" put in before it where needed.
enum class SectionStart { NewPage, OddPage };

/// How page numbers are shown in a section.
enum class PageNumbering { Decimal, LowerRoman, None };

/// A run of pages sharing one page setup, header and footer.
struct Section {
  PageSetup page;
  HeaderFooter header;
  HeaderFooter footer;
  std::string title;  ///< for the SectionTitle field
  std::string id;     ///< target of page references and page ranges ("Pages X - Y")
  SectionStart start = SectionStart::NewPage;
  std::optional<int> first_page_number;  ///< restart numbering here; unset = continue
  PageNumbering numbering = PageNumbering::Decimal;
  std::vector<Block> blocks;
  /// The first section of a copy of the document for another reader (`<copy>`): heading and
  /// paragraph numbers start again here, as they did in the original.
  bool starts_copy = false;
};

/// Protective marking of the document (e.g. "OFFICIAL-SENSITIVE").
struct Metadata {
  std::string title;
  std::string author;
  std::string subject;
  std::string language = "en-GB";  ///< BCP 47 of the document as a whole
  Direction direction = Direction::Ltr;
  /// The ten digits 0-9 of the document's numbering system (UTF-8, e.g. Arabic-Indic
  /// "٠١٢٣٤٥٦٧٨٩"), so page numbers match the dates and numbers in the text; empty = ASCII.
  std::string digits;
  std::string classification;
  std::vector<std::string> keywords;
  std::map<std::string, std::string> custom;  ///< extra properties, e.g. "quire:fallback-strings"
  /// The sentence on a blank page put in before an odd-page section, in the document's
  /// language (engine message common.blank_page); empty = "This page is intentionally left blank".
  std::string blank_page_text;
};

/// Typographic settings chosen by the template; writers honour them.
struct Typography {
  double body_size = 11;       ///< points
  double line_height = 1.35;   ///< multiple of the font size
  double paragraph_space = 6;  ///< points after each paragraph
  bool hyphenate = false;      ///< off unless the template asks; where the language has a dictionary
  /// Fit the document on this many pages (0 = no limit): layout sets it again with a
  /// smaller body size, half a point at a time, down to `min_body_size`, until it fits
  /// (a one-page Pledge in scripts whose lines are taller or longer than English).
  int fit_pages = 0;
  double min_body_size = 0;
  /// With `fit_pages`: before text is set smaller, its lines are set closer, 0.05 at a time
  /// from `line_height` down to this (0 = never). Layout chooses the largest body size that
  /// fits with lines this close, then the loosest line height that fits at that size.
  double min_line_height = 0;
  /// Words never hyphenated, sorted: every word of every string of the data (names, places),
  /// set by the template stage. A data value may reach the text through a translated
  /// message ("Dear {name}"), so words, not runs, are what is kept whole.
  std::vector<std::string> unhyphenated;
  /// Set once layout has chosen `body_size` and `line_height` for `fit_pages` (`layout::fit`):
  /// the api lays out once and both writers read them, so the Word file is set as the PDF is.
  bool fitted = false;
};

/// What a cross-reference can point at, as the numbering pass found it.
struct Target {
  enum class Kind { Heading, Paragraph, ListItem, Table, Image, Chart, Panel, Icon, Section } kind = Kind::Paragraph;
  std::string title;   ///< heading text, caption, alt...
  std::string number;  ///< "2.1", "12", "3"; empty = unnumbered
};

/// One line of the contents (and of the PDF outline / DOCX TOC).
struct ContentsEntry {
  int level = 1;
  std::string number;  ///< "2.1" or empty
  std::string title;   ///< the heading's visible text, without its number
  std::string id;      ///< the heading's id, or a generated one ("_h3")
};

/// What complete_document() computes once, for every writer.
struct Numbering {
  std::map<std::string, Target> targets;  ///< by id; the first definition of an id wins
  std::vector<ContentsEntry> contents;    ///< every heading listed in contents, in order
  /// Body text shows page numbers (page references, page fields, a contents block), so
  /// layout must run again once pages are known.
  bool needs_pages = false;
  bool has_contents = false;  ///< the document has a Contents block
  bool done = false;
};

/// A whole document.
struct Document {
  Metadata meta;
  Typography typography;
  StyleSheet styles = StyleSheet::defaults();
  Theme theme;
  std::vector<Section> sections;
  Numbering numbering;  ///< filled by complete_document()
};

/// The one pass over the model before any writer reads it (numbering.cpp): heading
/// numbers ("2.1"), continuous paragraph numbers, ordered-list item numbers, reference
/// targets and contents entries, written into the model (Heading::number,
/// Paragraph::number, ListItem::number, Document::numbering) in the document's digits;
/// headings listed in contents without an id get one ("_h3") so entries can link to them;
/// a RAG cell without text gets its status word from the style sheet. Idempotent.
void complete_document(Document& doc);

/// The style sheet's name for a paragraph role ("Body", "Title", "Notice"...).
std::string_view role_style_name(ParaRole role);
/// The paragraph style a paragraph uses: its own `style`, else its role's.
std::string_view paragraph_style_name(const Paragraph& p);

/// A paragraph style resolved for one document: points and colours. Both writers read
/// this, so a heading is the same size in the PDF and in Word.
struct ResolvedStyle {
  double size = 11, line_height = 1.35;                                        ///< points; multiple of the size
  double space_before = 0, space_after = 6, indent_start = 0, indent_end = 0;  ///< points
  bool bold = false, italic = false, hyphenate = true, keep_with_next = false;
  Color color;
  std::optional<Color> fill, border, bar;
};
/// Resolves paragraph style `name` (Body's if unknown) against the document's typography.
ResolvedStyle resolve_style(const Document& doc, std::string_view name);

/// `n` written in `digits` (ten UTF-8 characters, e.g. "٠١٢٣٤٥٦٧٨٩"; empty = ASCII).
std::string format_number(long n, std::string_view digits);
/// `text` with every digit of `from` (ten UTF-8 characters; empty = ASCII) written as the same
/// digit of `to` (empty = ASCII); everything else unchanged.
std::string convert_digits(std::string_view text, std::string_view from, std::string_view to);
/// `v` with at most `decimals` decimals (no trailing zeros) in `digits`; Arabic-script
/// digits take the Arabic decimal separator (chart values and axis labels).
std::string format_decimal(double v, int decimals, std::string_view digits);
/// `n` as lower-case Roman numerals (front matter page labels); decimal above 3999.
std::string roman(long n);

/// Stable, diff-friendly text form of the model, for tests and bug reports
/// (`quire dump --stage model`).
std::string dump(const Document& doc);

/// Plain text of some inlines (fields and references as placeholders), for checks and outlines.
std::string plain_text(const std::vector<Inline>& content);

/// Only the text a reader sees before fields are filled (runs, line breaks as spaces):
/// for contents entries, bookmarks and heading numbers.
std::string visible_text(const std::vector<Inline>& content);

}  // namespace quire::model
