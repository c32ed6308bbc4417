// JSON parsing with positions: nlohmann reports the byte offset of a syntax
// error; we turn it into line:column (columns in code points, as everywhere).
#include "data/json.hpp"

namespace quire::data {
namespace {

SourcePos position_of(std::string_view text, size_t offset, const std::string& file) {
  if (offset > text.size()) offset = text.size();
  SourcePos pos{file, 1, 1};
  for (size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not UTF-8 continuation bytes
      ++pos.column;
    }
  }
  return pos;
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 3, column 5:
// syntax error while parsing object - unexpected string literal; expected '}'". The position
// is ours to give (in code points), so keep only the explanation.
std::string readable(const std::string& what) {
  std::string msg = what;
  if (auto colon = msg.find(": "); msg.rfind("[json.exception", 0) == 0 && colon != std::string::npos)
    msg = msg.substr(colon + 2);
  if (msg.rfind("syntax error while parsing ", 0) == 0) {
    std::string rest = msg.substr(27);
    auto dash = rest.find(" - ");
    if (dash != std::string::npos) msg = rest.substr(dash + 3) + " (in " + rest.substr(0, dash) + ")";
  }
  return "invalid JSON: " + msg;
}

// The offset of the first bracket that opens a level deeper than `limit`, if any
// (strings skipped). Checked before parsing, so nothing deep is ever built.
std::optional<size_t> too_deep(std::string_view text, int limit) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<nlohmann::json> parse_json(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (auto at = too_deep(text, kMaxJsonDepth)) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.origin = Origin::Data;
    d.code = "data.limit";
    d.message = "the JSON nests more than " + std::to_string(kMaxJsonDepth) + " levels deep";
    d.pos = position_of(text, *at, file);
    diags.add(std::move(d));
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is the 1-based offset of the last character read: the one that broke the syntax.
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    Diagnostic d;
    d.severity = Severity::Error;
    d.origin = Origin::Data;
    d.code = "data.syntax";
    d.message = readable(e.what());
    d.pos = position_of(text, offset, file);
    diags.add(std::move(d));
  } catch (const nlohmann::json::exception& e) {
    diags.error(Origin::Data, "data.syntax", readable(e.what()), SourcePos{file, 1, 1});
  }
  return std::nullopt;
}

}  // namespace quire::data
