// The style sheet: every typographic and colour decision of a document, made once in
// the model and read by both writers (layout -> PDF, and DOCX), so they cannot disagree.
// Sizes are relative to the body size (em), so a 14 pt body keeps h3 larger than body
// text. A template sets the sheet in one place (<styles>); the council's theme supplies
// the primary and accent colours and the logo.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/color.hpp"

namespace quire::model {

/// A named paragraph style. Lengths in em of the body size unless said otherwise.
struct ParagraphStyle {
  double size = 1.0;  ///< em of the body size
  bool bold = false;
  bool italic = false;
  std::string color = "text";               ///< a palette name ("text", "primary", "muted"...)
  double line_height = 0;                   ///< multiple of the size; 0 = the typography's
  double space_before = 0;                  ///< em of the body size
  double space_after = -1;                  ///< em of the body size; < 0 = the typography's paragraph space
  double indent_start = 0, indent_end = 0;  ///< em
  bool hyphenate = true;
  bool keep_with_next = false;
  std::string fill;    ///< palette name of a shaded background (notices); empty = none
  std::string border;  ///< palette name of a box border (notices); empty = none
  std::string bar;     ///< palette name of a bar on the start side (quotes); empty = none
};

/// A named character style (<span style="...">).
struct CharacterStyle {
  double size = 1.0;  ///< em of the surrounding text
  bool bold = false;
  bool italic = false;
  std::string color;  ///< palette name; empty = inherit
};

/// Where a card's icon goes: in a column beside all of its text (the default), or at the
/// start of its first paragraph (the title), the rest of the text using the card's full width.
enum class IconPlacement { Column, Title };

/// A named box style (<box style="card">): background, border and accent bar.
struct BoxStyle {
  std::string fill = "surface";   ///< palette name; empty = none
  std::string border = "rule";    ///< palette name; empty = none
  std::string accent = "accent";  ///< palette name of the bar on the start side; empty = none
  double border_width = 0.75;     ///< points
  double accent_width = 4;        ///< points
  double padding = 0.7;           ///< em of the body size
  double radius = 4;              ///< points, corner radius
  double space_after = 0.5;       ///< em
  double icon_size = 2.0;         ///< em; the icon column of a card
  double icon_gap = 0.6;          ///< em; between the icon and the text of a card
  IconPlacement icon_placement = IconPlacement::Column;
};

/// How tables are set (every <table>): cell padding, rules, the space after. Points.
struct TableStyle {
  double padding_x = 4;            ///< cell padding, start and end sides
  double padding_y = 3;            ///< cell padding, top and bottom
  double border_width = 0.5;       ///< the rule round every cell
  double space_after = 3;          ///< after a table, on top of the typography's paragraph space
  double caption_space_after = 3;  ///< between a caption and its table
};

/// How lists are set: the hanging indent of each level and the gap after the label.
/// Em of the body size (11 pt body: 16 pt for bullets, 22 pt for numbers, a 5 pt gap).
struct ListStyle {
  double bullet_indent = 16.0 / 11;
  double number_indent = 22.0 / 11;
  double label_gap = 5.0 / 11;
};

/// How one RAG status looks: its fill, the colour of text on it, and its word.
struct RagStyle {
  Color fill;
  Color text;
  std::string word;  ///< from the locale catalogue ("Red", "أحمر"...); never empty
};

/// Every named style and colour of a document. `defaults()` gives quire's house style.
struct StyleSheet {
  /// Palette: "text", "muted", "primary", "accent", "surface", "rule", "header-fill",
  /// "link", "notice-fill", "notice-border", "series-1".."series-6", and any the template adds.
  std::map<std::string, Color, std::less<>> palette;
  /// Paragraph styles by name: "Body", "Title", "Subtitle", "Lead", "Small", "Notice",
  /// "Caption", "Quote", "Heading1".."Heading6", and any the template adds.
  std::map<std::string, ParagraphStyle, std::less<>> paragraphs;
  std::map<std::string, CharacterStyle, std::less<>> characters;
  std::map<std::string, BoxStyle, std::less<>> boxes;
  TableStyle table;
  ListStyle lists;
  /// The padding and border of a paragraph with a fill or border (Notice), in points.
  double notice_padding = 6;
  double notice_border_width = 0.75;
  /// Red, Amber, Green, Blue (index = Rag - 1).
  std::array<RagStyle, 4> rag;
  /// Text in these scripts (ISO 15924, e.g. "Arab", "Ethi", "Beng") is set larger so it
  /// reads the same size as Latin text at the same nominal size.
  std::map<std::string, double, std::less<>> script_scale;
  /// Languages whose text is not scaled: Urdu's Nastaliq face already reads large.
  std::vector<std::string> unscaled_languages;
  /// A face taller than the Latin one (Naskh, Nastaliq) gets lines taller in proportion to
  /// its ascender + descender, but at most this many times a Latin line of the same size:
  /// Nastaliq's metrics (2.5 em) allow for its tallest stacks, and lines of that height read
  /// double-spaced. Layout and the DOCX writer (w:spacing) both apply it. At 1.4 Urdu lines
  /// nearly touched, and the Urdu Pledge's Word file ran to two pages in LibreOffice at the
  /// size the PDF had chosen.
  double tallest_line = 1.5;
  /// The space between side-by-side columns, in points. Layout leaves it between them; the
  /// DOCX writer makes it the cells' inner margins, with none at the outer edges, so column
  /// text starts where body text does in both.
  double column_gap = 18;

  /// quire's house style (GOV.UK-like colours, relative heading sizes).
  static StyleSheet defaults();

  /// The colour of palette entry `name` (text colour if unknown).
  [[nodiscard]] Color color(std::string_view name) const;
  /// The paragraph style `name`, or Body's if unknown.
  [[nodiscard]] const ParagraphStyle& paragraph(std::string_view name) const;
  /// The box style `name`, or "card"'s if unknown.
  [[nodiscard]] const BoxStyle& box(std::string_view name) const;
  /// The scale for text in `script` (1 when none is set).
  [[nodiscard]] double scale_for_script(std::string_view script) const;
  /// True when text in `lang` (a BCP 47 tag) is not scaled: it or its primary language is
  /// one of `unscaled_languages` ("ur", "ur-PK").
  [[nodiscard]] bool unscaled(std::string_view lang) const;
};

/// The name of the paragraph style of a heading level (1-6): "Heading1".."Heading6".
std::string heading_style_name(int level);

/// A council's identity, shared by every template: passed as data (`theme.*` in
/// templates) and used for the style sheet's "primary" and "accent" colours.
struct Theme {
  std::string name;  ///< the council's name as it brands documents
  Color primary{0x1d, 0x4f, 0x91};
  Color accent{0x00, 0x70, 0x3c};
  std::string logo;      ///< PNG or JPEG bytes; empty = none
  std::string logo_alt;  ///< alternative text of the logo
  struct Contact {
    std::string label;  ///< "Children's services"
    std::string phone, email, web, address;
  };
  std::vector<Contact> contacts;
};

/// "#rrggbb" (case-insensitive) -> Color; nullopt for anything else.
std::optional<Color> parse_color(std::string_view text);
/// Color -> "rrggbb" (upper case, no '#': the form OOXML wants).
std::string hex(const Color& c);
/// WCAG 2.x contrast ratio between two colours (1-21).
double contrast_ratio(const Color& a, const Color& b);

}  // namespace quire::model
