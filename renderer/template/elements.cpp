// The element table of the template language (docs/TEMPLATES.md describes it for authors).
#include "template/elements.hpp"

#include <string>

#include "quire/suggest.hpp"

namespace quire::tmpl {
namespace {

enum class Cat : uint8_t { Document, Section, Block, Para, Inline, Item, Row, Cell, Series, Column, StyleDef };

struct Entry {
  Cat cat;
  ElementSpec spec;
};

const std::vector<Entry>& table() {
  using A = At;
  const std::vector<At> heading{A::Id, A::Numbered, A::Contents};
  static const std::vector<Entry> entries = {
      {Cat::Document,
       {"document", El::Document, Cx::Document, {A::Title, A::Author, A::Subject, A::Classification, A::Keywords}, {}}},
      {Cat::Document,
       {"typography",
        El::Typography,
        Cx::Empty,
        {A::BodySize, A::LineHeight, A::ParagraphSpace, A::Hyphenate, A::FitPages, A::MinBodySize, A::MinLineHeight},
        {}}},
      {Cat::Document,
       {"section",
        El::Section,
        Cx::Section,
        {A::Title, A::Size, A::Orientation, A::Margin, A::MarginTop, A::MarginRight, A::MarginBottom, A::MarginLeft,
         A::Id, A::SectionStart, A::FirstPage, A::Numbering},
        {}}},
      {Cat::Section, {"header", El::Header, Cx::Paras, {}, {}}},
      {Cat::Section, {"footer", El::Footer, Cx::Paras, {}, {}}},
      {Cat::Block, {"h1", El::H, Cx::Inline, heading, {}, 1}},
      {Cat::Block, {"h2", El::H, Cx::Inline, heading, {}, 2}},
      {Cat::Block, {"h3", El::H, Cx::Inline, heading, {}, 3}},
      {Cat::Block, {"h4", El::H, Cx::Inline, heading, {}, 4}},
      {Cat::Block, {"h5", El::H, Cx::Inline, heading, {}, 5}},
      {Cat::Block, {"h6", El::H, Cx::Inline, heading, {}, 6}},
      {Cat::Para,
       {"p",
        El::P,
        Cx::Inline,
        {A::Role, A::Align, A::Lang, A::Dir, A::Id, A::KeepWithNext, A::KeepWithPrevious, A::Style, A::Numbered},
        {}}},
      {Cat::Block, {"ul", El::Ul, Cx::List, {}, {}}},
      {Cat::Block, {"ol", El::Ol, Cx::List, {A::Start}, {}}},
      {Cat::Item, {"li", El::Li, Cx::Flow, {}, {}}},
      {Cat::Block, {"table", El::Table, Cx::Table, {A::Widths, A::HeaderRows, A::Caption, A::Dir, A::Id}, {}}},
      {Cat::Row, {"tr", El::Tr, Cx::Row, {}, {}}},
      {Cat::Cell, {"td", El::Td, Cx::Flow, {A::Colspan, A::Rowspan, A::Align, A::Rag, A::Shading}, {}}},
      {Cat::Cell, {"th", El::Td, Cx::Flow, {A::Colspan, A::Rowspan, A::Align, A::Rag, A::Shading}, {}}},
      {Cat::Block, {"img", El::Img, Cx::Empty, {A::Src, A::Alt, A::Decorative, A::Width, A::Id}, {A::Src}}},
      {Cat::Block,
       {"chart",
        El::Chart,
        Cx::Chart,
        {A::Kind, A::Title, A::Alt, A::Categories, A::Id, A::Height, A::YMin, A::YMax, A::YTitle, A::Suffix,
         A::ShowValues},
        {}}},
      {Cat::Block,
       {"icon", El::Icon, Cx::Empty, {A::Name, A::Alt, A::Decorative, A::IconSize, A::Colour, A::Id}, {A::Name}}},
      {Cat::Series, {"series", El::Series, Cx::Empty, {A::Name, A::Values}, {A::Values}}},
      {Cat::Block, {"page-break", El::PageBreak, Cx::Empty, {}, {}}},
      {Cat::Block, {"contents", El::Contents, Cx::Empty, {A::Title, A::MaxLevel}, {}}},
      {Cat::Block, {"keep-together", El::KeepTogether, Cx::Flow, {}, {}}},
      {Cat::Block, {"columns", El::Columns, Cx::Columns, {A::Widths}, {}}},
      {Cat::Column, {"column", El::Column, Cx::Flow, {}, {}}},
      {Cat::Inline, {"strong", El::Strong, Cx::Inline, {}, {}}},
      {Cat::Inline, {"em", El::Em, Cx::Inline, {}, {}}},
      {Cat::Inline, {"span", El::Span, Cx::Inline, {A::Lang, A::Dir, A::Style}, {}}},
      {Cat::Inline, {"a", El::A, Cx::Inline, {A::Href}, {A::Href}}},
      {Cat::Inline, {"br", El::Br, Cx::Empty, {}, {}}},
      {Cat::Inline, {"ref", El::Ref, Cx::Empty, {A::Target, A::Form}, {A::Target}}},
      {Cat::Inline, {"footnote", El::Footnote, Cx::Flow, {}, {}}},
      {Cat::Document, {"styles", El::Styles, Cx::Styles, {}, {}}},
      {Cat::StyleDef, {"colour", El::ColourDef, Cx::Empty, {A::Name, A::Value}, {A::Name, A::Value}}},
      {Cat::StyleDef,
       {"paragraph-style",
        El::ParagraphStyle,
        Cx::Empty,
        {A::Name, A::Em, A::Bold, A::Italic, A::PaletteColour, A::SpaceBefore, A::SpaceAfter, A::LineHeight, A::Fill,
         A::Border, A::KeepWithNext},
        {A::Name}}},
      {Cat::StyleDef,
       {"character-style",
        El::CharacterStyle,
        Cx::Empty,
        {A::Name, A::Em, A::Bold, A::Italic, A::PaletteColour},
        {A::Name}}},
      {Cat::StyleDef,
       {"box-style",
        El::BoxStyle,
        Cx::Empty,
        {A::Name, A::Fill, A::Border, A::Accent, A::Padding, A::Radius, A::SpaceAfter, A::IconEm, A::IconGap,
         A::IconPlacement},
        {A::Name}}},
      {Cat::Block, {"box", El::Box, Cx::Flow, {A::Style, A::IconName, A::IconAlt, A::Accent, A::Id}, {}}},
      {Cat::Document, {"copy", El::Copy, Cx::Empty, {A::For}, {A::For}}},
  };
  return entries;
}

const Entry* find(std::string_view name) {
  for (const auto& e : table())
    if (e.spec.name == name) return &e;
  return nullptr;
}

}  // namespace

std::vector<std::string> element_names() {
  std::vector<std::string> names;
  for (const auto& e : table()) names.emplace_back(e.spec.name);
  for (const char* control : {"if", "elif", "else", "for", "let", "include", "t", "partial"})
    names.emplace_back(control);
  return names;
}

const ElementSpec* find_element(std::string_view name) {
  const Entry* e = find(name);
  return e ? &e->spec : nullptr;
}

bool text_allowed(Cx cx) {
  return cx == Cx::Document || cx == Cx::Section || cx == Cx::Flow || cx == Cx::Inline;
}

bool allowed_in(std::string_view name, bool inline_kind, Cx cx) {
  const Entry* e = find(name);
  Cat cat = inline_kind || !e ? Cat::Inline : e->cat;
  bool flow = cx == Cx::Document || cx == Cx::Section || cx == Cx::Flow;
  switch (cat) {
    case Cat::Document:
      return cx == Cx::Document && name != "document";
    case Cat::Section:
      return cx == Cx::Section;
    case Cat::Block:
      return flow;
    case Cat::Para:
      return flow || cx == Cx::Paras;
    case Cat::Inline:
      return flow || cx == Cx::Inline;
    case Cat::Item:
      return cx == Cx::List;
    case Cat::Row:
      return cx == Cx::Table;
    case Cat::Cell:
      return cx == Cx::Row;
    case Cat::Series:
      return cx == Cx::Chart;
    case Cat::Column:
      return cx == Cx::Columns;
    case Cat::StyleDef:
      return cx == Cx::Styles;
  }
  return false;
}

bool is_block_element(std::string_view name) {
  const Entry* e = find(name);
  return e && e->cat != Cat::Inline;
}

std::string element_context(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')
    return "heading " + std::string(1, name[1]);
  if (name == "li") return "list item";
  if (name == "td") return "table cell";
  if (name == "th") return "table header cell";
  if (name == "footnote") return "footnote";
  if (name == "p" || name == "document" || name == "section" || name == "keep-together" || name == "column")
    return "paragraph";  // loose text in a container becomes a paragraph
  return "";
}

std::string attribute_context(std::string_view element, std::string_view attr) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"img", "image"}, {"series", "chart series"}, {"icon", "icon"},
      {"a", "link"},    {"td", "table cell"},       {"th", "table header cell"}};
  std::string what(element);
  for (auto [from, to] : names)
    if (element == from) what = to;
  if (element.size() == 2 && element[0] == 'h') what = element_context(element);
  return what + " " + (attr == "alt" ? std::string("alt text") : std::string(attr));
}

std::string suggestion(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> slips[] = {{"b", "strong"},
                                                                        {"i", "em"},
                                                                        {"div", "keep-together"},
                                                                        {"image", "img"},
                                                                        {"elseif", "elif"},
                                                                        {"foreach", "for"},
                                                                        {"each", "for"},
                                                                        {"set", "let"},
                                                                        {"link", "a"},
                                                                        {"pagebreak", "page-break"},
                                                                        {"toc", "contents"},
                                                                        {"heading", "h1"},
                                                                        {"para", "p"},
                                                                        {"block", "keep-together"}};
  for (auto [from, to] : slips)
    if (name == from) return "did you mean <" + std::string(to) + ">?";
  std::string best = closest_name(name, element_names());
  if (!best.empty()) return "did you mean <" + best + ">?";
  return "see docs/TEMPLATES.md for the elements a template may use";
}

}  // namespace quire::tmpl
