// Paragraph styles resolved to points and colours, for both writers.
#include "model/document.hpp"

namespace quire::model {

std::string_view role_style_name(ParaRole role) {
  switch (role) {
    case ParaRole::Body:
      return "Body";
    case ParaRole::Title:
      return "Title";
    case ParaRole::Subtitle:
      return "Subtitle";
    case ParaRole::Lead:
      return "Lead";
    case ParaRole::Small:
      return "Small";
    case ParaRole::Notice:
      return "Notice";
    case ParaRole::Caption:
      return "Caption";
    case ParaRole::Quote:
      return "Quote";
  }
  return "Body";
}

std::string_view paragraph_style_name(const Paragraph& p) {
  return p.style.empty() ? role_style_name(p.role) : std::string_view(p.style);
}

ResolvedStyle resolve_style(const Document& doc, std::string_view name) {
  const Typography& t = doc.typography;
  const StyleSheet& sheet = doc.styles;
  const ParagraphStyle& s = sheet.paragraph(name);
  const double body = t.body_size > 0 ? t.body_size : 11;
  ResolvedStyle r;
  r.size = body * (s.size > 0 ? s.size : 1.0);
  const double line = t.line_height > 0 ? t.line_height : 1.35;
  r.line_height = s.line_height > 0 ? std::min(s.line_height, line) : line;
  r.space_before = s.space_before * body;
  r.space_after = s.space_after < 0 ? std::max(0.0, t.paragraph_space) : s.space_after * body;
  r.indent_start = s.indent_start * body;
  r.indent_end = s.indent_end * body;
  r.bold = s.bold;
  r.italic = s.italic;
  r.hyphenate = s.hyphenate && t.hyphenate;
  r.keep_with_next = s.keep_with_next;
  r.color = sheet.color(s.color.empty() ? "text" : s.color);
  if (!s.fill.empty()) r.fill = sheet.color(s.fill);
  if (!s.border.empty()) r.border = sheet.color(s.border);
  if (!s.bar.empty()) r.bar = sheet.color(s.bar);
  return r;
}

}  // namespace quire::model
