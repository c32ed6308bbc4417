// Attribute values of the template language: names, parsing and checking.
#include <cctype>
#include <charconv>
#include <cmath>

#include "template/nodes.hpp"

namespace quire::tmpl {

const char* attribute_name(At a) {
  static const char* names[] = {"title",
                                "author",
                                "subject",
                                "classification",
                                "keywords",
                                "body-size",
                                "line-height",
                                "paragraph-space",
                                "hyphenate",
                                "size",
                                "orientation",
                                "margin",
                                "margin-top",
                                "margin-right",
                                "margin-bottom",
                                "margin-left",
                                "id",
                                "numbered",
                                "contents",
                                "role",
                                "align",
                                "lang",
                                "dir",
                                "keep-with-next",
                                "start",
                                "widths",
                                "header-rows",
                                "caption",
                                "colspan",
                                "rowspan",
                                "rag",
                                "shading",
                                "src",
                                "alt",
                                "decorative",
                                "width",
                                "kind",
                                "categories",
                                "name",
                                "values",
                                "max-level",
                                "href",
                                "target",
                                "form",
                                "start",
                                "first-page",
                                "numbering",
                                "colour",
                                "size",
                                "height",
                                "y-min",
                                "y-max",
                                "y-title",
                                "suffix",
                                "show-values",
                                "value",
                                "style",
                                "bold",
                                "italic",
                                "space-before",
                                "space-after",
                                "fill",
                                "border",
                                "accent",
                                "padding",
                                "radius",
                                "size",
                                "icon",
                                "icon-alt",
                                "keep-together",
                                "colour",
                                "fit-pages",
                                "min-body-size",
                                "min-line-height",
                                "keep-with-previous",
                                "icon-size",
                                "icon-gap",
                                "icon-placement",
                                "for"};
  static_assert(sizeof names / sizeof names[0] == static_cast<size_t>(At::Count_));
  return names[static_cast<size_t>(a)];
}

namespace {

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? std::string_view() : s.substr(b, e - b + 1);
}

std::optional<double> number(std::string_view s) {
  s = trim(s);
  double d;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(d)) return std::nullopt;
  return d;
}

}  // namespace

std::optional<std::string> parse_palette_ref(std::string_view s) {
  if (!s.empty() && s[0] == '#') {
    if (!parse_color(s)) return std::nullopt;
    return std::string(s);
  }
  if (s.empty() || s.size() > 40) return std::nullopt;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return std::nullopt;
  return std::string(s);
}

std::optional<model::ParaRole> parse_role(std::string_view s) {
  using R = model::ParaRole;
  static const std::pair<const char*, R> roles[] = {
      {"body", R::Body},   {"title", R::Title},   {"subtitle", R::Subtitle}, {"lead", R::Lead},
      {"small", R::Small}, {"notice", R::Notice}, {"caption", R::Caption},   {"quote", R::Quote}};
  for (auto [name, r] : roles)
    if (s == name) return r;
  return std::nullopt;
}

std::optional<model::Align> parse_align(std::string_view s) {
  if (s == "start") return model::Align::Start;
  if (s == "center") return model::Align::Center;
  if (s == "end") return model::Align::End;
  if (s == "justify") return model::Align::Justify;
  return std::nullopt;
}

std::optional<model::Direction> parse_dir(std::string_view s) {
  if (s == "ltr") return model::Direction::Ltr;
  if (s == "rtl") return model::Direction::Rtl;
  if (s == "auto") return model::Direction::Auto;
  return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

std::optional<double> parse_length(std::string_view s) {
  auto d = number(s);
  return d && *d >= 0 ? d : std::nullopt;
}

std::optional<double> parse_number(std::string_view s) {
  return number(s);
}

std::optional<int> parse_count(std::string_view s) {
  auto d = number(s);
  if (!d || *d < 0 || *d != std::floor(*d) || *d > 1e6) return std::nullopt;
  return static_cast<int>(*d);
}

std::optional<model::Rag> parse_rag(std::string_view s) {
  if (s.empty()) return model::Rag::None;
  if (s == "red") return model::Rag::Red;
  if (s == "amber") return model::Rag::Amber;
  if (s == "green") return model::Rag::Green;
  if (s == "blue") return model::Rag::Blue;
  return std::nullopt;
}

std::optional<model::Color> parse_color(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data() + 1, s.data() + 7, v, 16);
  if (ec != std::errc() || end != s.data() + 7) return std::nullopt;
  return model::Color{static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    auto item = trim(s.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<std::vector<double>> parse_widths(std::string_view s) {
  std::vector<double> out;
  for (const auto& item : split_list(s)) {
    auto d = number(item);
    if (!d || *d <= 0) return std::nullopt;
    out.push_back(*d);
  }
  return out;
}

std::optional<model::RefForm> parse_form(std::string_view s) {
  if (s == "page") return model::RefForm::Page;
  if (s == "pages") return model::RefForm::PageRange;
  if (s == "title") return model::RefForm::Title;
  if (s == "number") return model::RefForm::Number;
  return std::nullopt;
}

std::optional<model::SectionStart> parse_section_start(std::string_view s) {
  if (s == "new-page") return model::SectionStart::NewPage;
  if (s == "odd") return model::SectionStart::OddPage;
  return std::nullopt;
}

std::optional<int> parse_first_page(std::string_view s) {
  auto n = parse_count(s);
  return n && *n >= 1 ? n : std::nullopt;
}

std::optional<model::PageNumbering> parse_numbering(std::string_view s) {
  if (s == "decimal") return model::PageNumbering::Decimal;
  if (s == "roman") return model::PageNumbering::LowerRoman;
  if (s == "none") return model::PageNumbering::None;
  return std::nullopt;
}

std::optional<model::IconPlacement> parse_icon_placement(std::string_view s) {
  if (s == "column") return model::IconPlacement::Column;
  if (s == "title") return model::IconPlacement::Title;
  return std::nullopt;
}

std::optional<model::Chart::Kind> parse_chart_kind(std::string_view s) {
  if (s == "bar") return model::Chart::Kind::Bar;
  if (s == "line") return model::Chart::Kind::Line;
  return std::nullopt;
}

std::optional<std::pair<double, double>> parse_page_size(std::string_view s) {
  if (s == "A4") return std::pair{595.276, 841.89};
  if (s == "A5") return std::pair{419.528, 595.276};
  if (s == "A3") return std::pair{841.89, 1190.551};
  if (s == "Letter") return std::pair{612.0, 792.0};
  return std::nullopt;
}

std::optional<model::Orientation> parse_orientation(std::string_view s) {
  if (s == "portrait") return model::Orientation::Portrait;
  if (s == "landscape") return model::Orientation::Landscape;
  return std::nullopt;
}

const char* check_attribute(At a, std::string_view v) {
  switch (a) {
    case At::Role:
      return parse_role(v) ? nullptr : "one of body, title, subtitle, lead, small, notice, caption, quote";
    case At::Align:
      return parse_align(v) ? nullptr : "one of start, center, end, justify";
    case At::Dir:
      return parse_dir(v) ? nullptr : "one of ltr, rtl, auto";
    case At::Hyphenate:
    case At::Numbered:
    case At::Contents:
    case At::KeepWithNext:
    case At::KeepWithPrevious:
    case At::Decorative:
    case At::ShowValues:
    case At::Bold:
    case At::Italic:
    case At::KeepTogether:
      return parse_bool(v) ? nullptr : "true or false";
    case At::SpaceBefore:
    case At::SpaceAfter:
    case At::Padding:
    case At::IconEm:
    case At::IconGap:
    case At::Em:
      return parse_length(v) ? nullptr : "a number (em of the body size), like 1.2";
    case At::Radius:
      return parse_length(v) ? nullptr : "a number of points, like 4";
    case At::Value:
      return parse_color(v) ? nullptr : "a colour written #rrggbb";
    case At::Fill:
    case At::Border:
    case At::Accent:
    case At::PaletteColour:
      return parse_palette_ref(v) ? nullptr : "a palette colour name (like primary) or a colour written #rrggbb";
    case At::MinBodySize:
    case At::MinLineHeight:
    case At::BodySize:
    case At::LineHeight:
    case At::ParagraphSpace:
    case At::Margin:
    case At::MarginTop:
    case At::MarginRight:
    case At::MarginBottom:
    case At::MarginLeft:
    case At::Width:
    case At::IconSize:
    case At::Height:
      return parse_length(v) ? nullptr : "a number of points, like 12 or 56.7";
    case At::FitPages:
    case At::Start:
    case At::HeaderRows:
    case At::MaxLevel:
      return parse_count(v) ? nullptr : "a whole number, like 1";
    case At::Colspan:
    case At::Rowspan:
      return parse_count(v).value_or(0) >= 1 ? nullptr : "a whole number of at least 1";
    case At::Rag:
      return parse_rag(v) ? nullptr : "one of red, amber, green, blue (or empty)";
    case At::Shading:
    case At::Colour:
      return parse_color(v) ? nullptr : "a colour written #rrggbb";
    case At::Widths:
      return parse_widths(v) ? nullptr : "positive numbers separated by commas, like 2,1,1";
    case At::YMin:
    case At::YMax:
      return parse_number(v) ? nullptr : "a number, like 0 or 100";
    case At::Form:
      return parse_form(v) ? nullptr : "one of page, pages, title, number";
    case At::SectionStart:
      return parse_section_start(v) ? nullptr : "odd or new-page";
    case At::FirstPage:
      return parse_first_page(v) ? nullptr : "a whole number of at least 1";
    case At::Numbering:
      return parse_numbering(v) ? nullptr : "one of decimal, roman, none";
    case At::IconPlacement:
      return parse_icon_placement(v) ? nullptr : "column or title";
    case At::Kind:
      return parse_chart_kind(v) ? nullptr : "bar or line";
    case At::Size:
      return parse_page_size(v) ? nullptr : "one of A4, A5, A3, Letter";
    case At::Orientation:
      return parse_orientation(v) ? nullptr : "portrait or landscape";
    default:
      return nullptr;
  }
}

}  // namespace quire::tmpl
