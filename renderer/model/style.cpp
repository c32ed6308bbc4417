// quire's house style and the colour helpers of the style sheet.
#include "model/style.hpp"

#include <cctype>
#include <cmath>

namespace quire::model {

StyleSheet StyleSheet::defaults() {
  StyleSheet s;
  s.palette = {
      {"text", {0x0b, 0x0c, 0x0c}},        {"muted", {0x50, 0x5a, 0x5f}},         {"primary", {0x1d, 0x4f, 0x91}},
      {"accent", {0x00, 0x70, 0x3c}},      {"surface", {0xf3, 0xf2, 0xf1}},       {"rule", {0xb1, 0xb4, 0xb6}},
      {"header-fill", {0xf3, 0xf2, 0xf1}}, {"link", {0x1d, 0x70, 0xb8}},          {"notice-fill", {0xf3, 0xf2, 0xf1}},
      {"preview", {0xa8, 0x00, 0x5c}},     {"notice-border", {0xb1, 0xb4, 0xb6}}, {"border", {0x50, 0x5a, 0x5f}},
      {"grid", {0xdd, 0xdd, 0xdd}},        {"white", {0xff, 0xff, 0xff}},         {"series-1", {0x1d, 0x70, 0xb8}},
      {"series-2", {0xf4, 0x77, 0x38}},    {"series-3", {0x00, 0x70, 0x3c}},      {"series-4", {0x4c, 0x2c, 0x92}},
      {"series-5", {0xd4, 0x35, 0x1c}},    {"series-6", {0x50, 0x5a, 0x5f}},
  };
  auto para = [](double size, bool bold) {
    ParagraphStyle p;
    p.size = size;
    p.bold = bold;
    return p;
  };
  s.paragraphs["Body"] = para(1.0, false);
  ParagraphStyle title = para(2.0, true);
  title.line_height = 1.2;
  title.hyphenate = false;
  title.space_after = 0.9;
  title.color = "primary";
  s.paragraphs["Title"] = title;
  ParagraphStyle subtitle = para(1.35, false);
  subtitle.line_height = 1.25;
  subtitle.hyphenate = false;
  subtitle.space_after = 0.7;
  s.paragraphs["Subtitle"] = subtitle;
  s.paragraphs["Lead"] = para(1.15, false);
  ParagraphStyle small = para(0.82, false);
  small.color = "muted";
  s.paragraphs["Small"] = small;
  ParagraphStyle notice = para(0.9, false);
  notice.fill = "notice-fill";
  notice.border = "notice-border";
  s.paragraphs["Notice"] = notice;
  s.paragraphs["Caption"] = para(0.88, false);
  ParagraphStyle quote = para(1.0, false);
  quote.indent_start = quote.indent_end = 1.6;
  quote.bar = "rule";
  s.paragraphs["Quote"] = quote;
  // Headings: never smaller than body text, whatever the body size.
  const double sizes[6] = {1.8, 1.4, 1.18, 1.05, 1.0, 1.0};
  const double before[6] = {1.25, 1.05, 0.9, 0.75, 0.75, 0.75};
  for (int level = 1; level <= 6; ++level) {
    ParagraphStyle h = para(sizes[level - 1], true);
    h.line_height = 1.25;
    h.hyphenate = false;
    h.keep_with_next = true;
    h.space_before = before[level - 1];
    if (level <= 2) h.color = "primary";
    s.paragraphs[heading_style_name(level)] = h;
  }
  s.characters["strong"] = CharacterStyle{1.0, true, false, {}};
  s.characters["muted"] = CharacterStyle{1.0, false, false, "muted"};
  s.characters["primary"] = CharacterStyle{1.0, true, false, "primary"};
  // The string a translator previews (quire locales preview), in a colour no template uses.
  s.characters["translation-preview"] = CharacterStyle{1.0, true, false, "preview"};
  s.boxes["card"] = BoxStyle{};
  BoxStyle plain;
  plain.fill = "";
  plain.accent = "";
  s.boxes["plain"] = plain;
  BoxStyle note;
  note.fill = "notice-fill";
  note.border = "notice-border";
  note.accent = "primary";
  s.boxes["notice"] = note;
  BoxStyle contact;
  contact.fill = "";
  contact.border = "primary";
  contact.accent = "";
  contact.border_width = 1.25;
  s.boxes["contact"] = contact;
  s.rag = {RagStyle{{0xd4, 0x35, 0x1c}, {0xff, 0xff, 0xff}, "Red"},
           RagStyle{{0xf4, 0x77, 0x38}, {0x0b, 0x0c, 0x0c}, "Amber"},
           RagStyle{{0x00, 0x70, 0x3c}, {0xff, 0xff, 0xff}, "Green"},
           RagStyle{{0x1d, 0x70, 0xb8}, {0xff, 0xff, 0xff}, "Blue"}};
  // Arabic-script, Ethiopic and Bengali faces have a smaller x-height (or larger
  // vertical extent) than Latin at one nominal size.
  s.script_scale = {{"Arab", 1.15}, {"Ethi", 1.08}, {"Beng", 1.1}};
  s.unscaled_languages = {"ur"};
  return s;
}

Color StyleSheet::color(std::string_view name) const {
  auto it = palette.find(name);
  if (it != palette.end()) return it->second;
  auto text = palette.find("text");
  return text != palette.end() ? text->second : Color{};
}

const ParagraphStyle& StyleSheet::paragraph(std::string_view name) const {
  auto it = paragraphs.find(name);
  if (it != paragraphs.end()) return it->second;
  static const ParagraphStyle body;
  auto b = paragraphs.find("Body");
  return b != paragraphs.end() ? b->second : body;
}

const BoxStyle& StyleSheet::box(std::string_view name) const {
  auto it = boxes.find(name);
  if (it != boxes.end()) return it->second;
  static const BoxStyle card;
  auto c = boxes.find("card");
  return c != boxes.end() ? c->second : card;
}

double StyleSheet::scale_for_script(std::string_view script) const {
  auto it = script_scale.find(script);
  return it == script_scale.end() ? 1.0 : it->second;
}

bool StyleSheet::unscaled(std::string_view lang) const {
  for (const auto& u : unscaled_languages)
    if (lang == u || (lang.size() > u.size() && lang.compare(0, u.size(), u) == 0 && lang[u.size()] == '-'))
      return true;
  return false;
}

std::string heading_style_name(int level) {
  if (level < 1) level = 1;
  if (level > 6) level = 6;
  return "Heading" + std::to_string(level);
}

std::optional<Color> parse_color(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  int v[6];
  for (int i = 0; i < 6; ++i)
    if ((v[i] = nibble(text[static_cast<size_t>(i) + 1])) < 0) return std::nullopt;
  return Color{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
               static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

std::string hex(const Color& c) {
  static const char* digits = "0123456789ABCDEF";
  std::string out(6, '0');
  const std::uint8_t ch[3] = {c.r, c.g, c.b};
  for (int i = 0; i < 3; ++i) {
    out[static_cast<size_t>(i) * 2] = digits[ch[i] >> 4];
    out[static_cast<size_t>(i) * 2 + 1] = digits[ch[i] & 15];
  }
  return out;
}

namespace {
double luminance(const Color& c) {
  auto lin = [](std::uint8_t v8) {
    double v = v8 / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}
}  // namespace

double contrast_ratio(const Color& a, const Color& b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

}  // namespace quire::model
