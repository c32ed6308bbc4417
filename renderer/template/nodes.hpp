// The compiled template: a tree of nodes built once from the XML, with every
// expression parsed and every literal attribute checked. Rendering walks it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"
#include "template/expr.hpp"

namespace quire::tmpl {

enum class El : uint8_t {
  Document,
  Typography,
  Section,
  Header,
  Footer,  // structure
  H,
  P,
  Ul,
  Ol,
  Li,
  Table,
  Tr,
  Td,
  Img,
  Chart,
  Series,
  Icon,
  PageBreak,
  Contents,  // blocks
  KeepTogether,
  Columns,
  Column,  //
  Strong,
  Em,
  Span,
  A,
  Br,
  Ref,
  Footnote,  // inlines
  Styles,
  ColourDef,
  ParagraphStyle,
  CharacterStyle,
  BoxStyle,
  Box,   // style sheet and boxes
  Copy,  // <copy for="...">: the document again, for another reader
  For,
  If,
  Let,
  Text,
  Output,  // control, text, {{ }}
};

/// `<img src="theme:logo">`: the theme's logo, not a file of the template folder.
inline constexpr const char* kThemeLogo = "theme:logo";

/// Attribute names of the language ("margin-top" is At::MarginTop).
enum class At : uint8_t {
  Title,
  Author,
  Subject,
  Classification,
  Keywords,
  BodySize,
  LineHeight,
  ParagraphSpace,
  Hyphenate,
  Size,
  Orientation,
  Margin,
  MarginTop,
  MarginRight,
  MarginBottom,
  MarginLeft,
  Id,
  Numbered,
  Contents,
  Role,
  Align,
  Lang,
  Dir,
  KeepWithNext,
  Start,
  Widths,
  HeaderRows,
  Caption,
  Colspan,
  Rowspan,
  Rag,
  Shading,
  Src,
  Alt,
  Decorative,
  Width,
  Kind,
  Categories,
  Name,
  Values,
  MaxLevel,
  Href,
  Target,
  Form,
  SectionStart,  // "start" of a section (odd, new-page); At::Start is a list's first number
  FirstPage,
  Numbering,
  Colour,
  IconSize,
  Height,
  YMin,
  YMax,
  YTitle,
  Suffix,
  ShowValues,
  Value,  // <colour value="#rrggbb">
  Style,  // a named style of the style sheet
  Bold,
  Italic,
  SpaceBefore,
  SpaceAfter,
  Fill,    // palette name or #rrggbb
  Border,  // palette name or #rrggbb
  Accent,  // palette name or #rrggbb
  Padding,
  Radius,
  Em,        // "size" of a style: em of the body size
  IconName,  // "icon" of a box
  IconAlt,
  KeepTogether,
  PaletteColour,  // "colour" of a style: palette name or #rrggbb
  FitPages,
  MinBodySize,
  MinLineHeight,
  KeepWithPrevious,
  IconEm,         // "icon-size" of a box style: em of the body size (an <icon>'s "size" is points)
  IconGap,        // "icon-gap" of a box style: em between a card's icon and its text
  IconPlacement,  // "icon-placement" of a box style: column or title
  For,            // <copy for="carer">: who the copy is for
  Count_
};
const char* attribute_name(At a);

/// An attribute value: literal text and {{ expressions }}.
struct Attr {
  At id = At::Title;
  Pos pos;
  std::vector<Part> parts;

  [[nodiscard]] bool literal() const { return parts.size() <= 1 && (parts.empty() || !parts[0].expr); }
  [[nodiscard]] std::string_view literal_text() const {
    return parts.empty() ? std::string_view() : std::string_view(parts[0].text);
  }
  /// The expression when the value is exactly one {{ expr }} (lists stay lists).
  [[nodiscard]] const Expr* single_expr() const { return parts.size() == 1 ? parts[0].expr.get() : nullptr; }
};

struct Node;
struct Branch {
  std::unique_ptr<Expr> test;  // null for <else>
  std::vector<Node> body;
};

struct Node {
  El el = El::Text;
  Pos pos;
  int level = 0;  // headings
  std::vector<Attr> attrs;
  std::vector<Node> children;
  std::string text;              // Text: literal (whitespace collapsed); Img: the file's bytes
  std::string src;               // Img: path inside the template folder
  std::unique_ptr<Expr> expr;    // Output: the value; Let: the value; For: the list
  int slot = -1;                 // Let: its slot; For: the item (or value) slot
  int key_slot = -1;             // For "key, value in obj"
  int loop_slot = -1;            // For: `loop`
  std::vector<Branch> branches;  // If / elif / else

  [[nodiscard]] const Attr* attr(At id) const {
    for (const auto& a : attrs)
      if (a.id == id) return &a;
    return nullptr;
  }
};

// Attribute values, shared by load-time checks (literal values) and rendering.
/// A palette reference: a name of the style sheet's palette ("primary") or "#rrggbb".
std::optional<std::string> parse_palette_ref(std::string_view s);
std::optional<model::ParaRole> parse_role(std::string_view s);
std::optional<model::Align> parse_align(std::string_view s);
std::optional<model::Direction> parse_dir(std::string_view s);
std::optional<bool> parse_bool(std::string_view s);
std::optional<double> parse_length(std::string_view s);   // a non-negative number of points
std::optional<double> parse_number(std::string_view s);   // any finite number (axis ranges)
std::optional<int> parse_count(std::string_view s);       // a whole number >= 0
std::optional<model::Rag> parse_rag(std::string_view s);  // "" is no RAG
std::optional<model::Color> parse_color(std::string_view s);
std::optional<std::vector<double>> parse_widths(std::string_view s);
std::optional<model::RefForm> parse_form(std::string_view s);
std::optional<model::Chart::Kind> parse_chart_kind(std::string_view s);
std::optional<std::pair<double, double>> parse_page_size(std::string_view s);
std::optional<model::Orientation> parse_orientation(std::string_view s);
std::optional<model::SectionStart> parse_section_start(std::string_view s);    // odd, new-page
std::optional<int> parse_first_page(std::string_view s);                       // a whole number >= 1
std::optional<model::PageNumbering> parse_numbering(std::string_view s);       // decimal, roman, none
std::optional<model::IconPlacement> parse_icon_placement(std::string_view s);  // column, title
std::vector<std::string> split_list(std::string_view s);                       // "a, b,c" -> {"a","b","c"}

/// Checks a value of attribute `a`; returns what was expected, or nullptr when fine.
const char* check_attribute(At a, std::string_view value);

}  // namespace quire::tmpl
