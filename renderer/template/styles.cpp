// The template's style sheet: <styles> with <colour>, <paragraph-style>,
// <character-style> and <box-style>, applied over quire's house style
// (model::StyleSheet::defaults()). Names are checked where they are used, with the
// element's file:line:col, so a typo is an error, not a silently unstyled paragraph.
#include "template/render.hpp"

namespace quire::tmpl {
namespace {

template <class Map>
std::string names_of(const Map& map) {
  std::string out;
  for (const auto& [name, value] : map) {
    if (!name.empty() && name[0] == '#') continue;  // colours a template wrote as #rrggbb
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

std::string Emitter::palette_ref(const Node& n, At id, const model::Document& doc) {
  const Attr* a = n.attr(id);
  auto v = text(n, id);
  if (!v) return {};
  auto ref = parse_palette_ref(*v);
  if (!ref) {
    st_.cx.error(a ? a->pos : n.pos, "template.type",
                 std::string(attribute_name(id)) + " must be a palette colour name or #rrggbb, not '" + *v + "'");
    return {};
  }
  if ((*ref)[0] == '#') {
    // A colour written out: kept in the palette under its own text, so the style sheet
    // holds every colour the document uses.
    st_.doc->styles.palette.emplace(*ref, *model::parse_color(*ref));
    return *ref;
  }
  if (!doc.styles.palette.count(*ref)) {
    st_.cx.error(a ? a->pos : n.pos, "template.unknown-colour",
                 "there is no colour '" + *ref + "' in the palette (colours: " + names_of(doc.styles.palette) + ")");
    return {};
  }
  return *ref;
}

bool Emitter::known_style(const Node& n, const std::string& name, const char* kind, const model::Document& doc) {
  const auto& s = doc.styles;
  const std::string k = kind;
  const bool found = k == "paragraph" ? s.paragraphs.count(name) > 0
                     : k == "box"     ? s.boxes.count(name) > 0
                                      : s.characters.count(name) > 0;
  if (found) return true;
  const std::string known = k == "paragraph" ? names_of(s.paragraphs)
                            : k == "box"     ? names_of(s.boxes)
                                             : names_of(s.characters);
  const Attr* a = n.attr(At::Style);
  st_.cx.error(a ? a->pos : n.pos, "template.unknown-style",
               "there is no " + k + " style '" + name + "' (" + k + " styles: " + known + ")");
  return false;
}

void Emitter::style_def(const Node& n, model::Document& doc) {
  auto name = text(n, At::Name);
  if (!name || name->empty()) return;
  auto& sheet = doc.styles;
  auto colour = [&](At id, std::string& into) {
    if (!n.attr(id)) return;
    if (text(n, id).value_or("") == "none") {  // no fill, border or accent
      into.clear();
      return;
    }
    std::string ref = palette_ref(n, id, doc);
    if (!ref.empty()) into = std::move(ref);
  };
  switch (n.el) {
    case El::ColourDef:
      if (auto v = typed<model::Color>(n, At::Value, parse_color)) sheet.palette[*name] = *v;
      return;
    case El::ParagraphStyle: {
      model::ParagraphStyle& p = sheet.paragraphs[*name];  // a known name: only what is given changes
      if (auto v = typed<double>(n, At::Em, parse_length)) p.size = *v;
      if (auto v = typed<bool>(n, At::Bold, parse_bool)) p.bold = *v;
      if (auto v = typed<bool>(n, At::Italic, parse_bool)) p.italic = *v;
      if (auto v = typed<double>(n, At::SpaceBefore, parse_length)) p.space_before = *v;
      if (auto v = typed<double>(n, At::SpaceAfter, parse_length)) p.space_after = *v;
      if (auto v = typed<double>(n, At::LineHeight, parse_length)) p.line_height = *v;
      if (auto v = typed<bool>(n, At::KeepWithNext, parse_bool)) p.keep_with_next = *v;
      colour(At::PaletteColour, p.color);
      colour(At::Fill, p.fill);
      colour(At::Border, p.border);
      return;
    }
    case El::CharacterStyle: {
      model::CharacterStyle& c = sheet.characters[*name];
      if (auto v = typed<double>(n, At::Em, parse_length)) c.size = *v;
      if (auto v = typed<bool>(n, At::Bold, parse_bool)) c.bold = *v;
      if (auto v = typed<bool>(n, At::Italic, parse_bool)) c.italic = *v;
      colour(At::PaletteColour, c.color);
      return;
    }
    case El::BoxStyle: {
      model::BoxStyle& b = sheet.boxes[*name];
      colour(At::Fill, b.fill);
      colour(At::Border, b.border);
      colour(At::Accent, b.accent);
      if (auto v = typed<double>(n, At::Padding, parse_length)) b.padding = *v;
      if (auto v = typed<double>(n, At::Radius, parse_length)) b.radius = *v;
      if (auto v = typed<double>(n, At::SpaceAfter, parse_length)) b.space_after = *v;
      if (auto v = typed<double>(n, At::IconEm, parse_length)) b.icon_size = *v;
      if (auto v = typed<double>(n, At::IconGap, parse_length)) b.icon_gap = *v;
      if (auto v = typed<model::IconPlacement>(n, At::IconPlacement, parse_icon_placement)) b.icon_placement = *v;
      return;
    }
    default:
      return;
  }
}

}  // namespace quire::tmpl
