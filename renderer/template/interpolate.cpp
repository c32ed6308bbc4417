// Text with {{ expressions }}: splits text nodes and attribute values into literal
// parts and parsed expressions.
#include "template/expr.hpp"

namespace quire::tmpl {

std::vector<Part> parse_interpolated(std::string_view text, const TextMap& map, const Scope& scope,
                                     const Sources& sources, Diagnostics& diags) {
  std::vector<Part> parts;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{", i);
    if (open == std::string_view::npos) break;
    // The closing braces, skipping any inside quoted strings.
    size_t close = std::string_view::npos;
    char quote = 0;
    for (size_t k = open + 2; k + 1 < text.size(); ++k) {
      char c = text[k];
      if (quote) {
        if (c == '\\')
          ++k;
        else if (c == quote)
          quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}' && text[k + 1] == '}') {
        close = k;
        break;
      }
    }
    if (close == std::string_view::npos) close = text.find("}}", open + 2);  // an unclosed quote inside
    if (close == std::string_view::npos) {
      diags.add({Severity::Error,
                 Origin::Template,
                 "template.syntax",
                 "'{{' is never closed with '}}'",
                 sources.source_pos(map.at(open)),
                 {},
                 {}});
      return {};
    }
    if (open > i) parts.push_back({std::string(text.substr(i, open - i)), nullptr});
    // On error keep going: the other expressions of the text may hold more mistakes to report.
    if (auto e = parse_expression(text.substr(0, close), open + 2, map, scope, sources, diags))
      parts.push_back({{}, std::move(e)});
    i = close + 2;
  }
  if (i < text.size()) parts.push_back({std::string(text.substr(i)), nullptr});
  return parts;
}

}  // namespace quire::tmpl
