// Positions in template files: line tables and decoded-to-raw offset maps.
#include "template/source.hpp"

#include <algorithm>
#include <cstdlib>

namespace quire::tmpl {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) {
  line_starts.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
}

std::pair<int, int> SourceFile::line_col(size_t offset) const {
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts.begin());  // 1-based
  size_t start = line_starts[line - 1];
  int col = 1;
  for (size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return {static_cast<int>(line), col};
}

Pos Sources::pos(int file, size_t offset) const {
  auto [line, col] = files[static_cast<size_t>(file)].line_col(offset);
  return {file, line, col};
}

std::string other_places(int n) {
  return ", and " + std::to_string(n) + (n == 1 ? " other place" : " other places");
}

void Sources::annotate(Diagnostic& d) const {
  if (!d.included_from.empty() || d.pos.file.empty()) return;
  for (const auto& f : files)
    if (f.path == d.pos.file && !f.included_from.empty()) {
      d.included_from = f.included_from;
      if (f.times_included > 1) d.included_from += other_places(f.times_included - 1);
      return;
    }
}

SourcePos Sources::source_pos(Pos p) const {
  if (p.file < 0 || static_cast<size_t>(p.file) >= files.size()) return {};
  return {files[static_cast<size_t>(p.file)].path, p.line, p.col};
}

namespace {

size_t utf8_length(unsigned long cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Number of decoded bytes an entity reference "&...;" produces.
size_t entity_length(std::string_view ref) {
  if (ref.size() > 1 && ref[0] == '#') {
    bool hex = ref.size() > 2 && (ref[1] == 'x' || ref[1] == 'X');
    std::string digits(ref.substr(hex ? 2 : 1));
    return utf8_length(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
  }
  return 1;  // &lt; &gt; &amp; &apos; &quot;
}

}  // namespace

TextMap::TextMap(const Sources& sources, int file, size_t raw_start, std::string_view decoded, bool entities)
    : sources_(&sources), file_(file) {
  const std::string& raw = sources.files[static_cast<size_t>(file)].text;
  raw_.reserve(decoded.size() + 1);
  size_t r = raw_start;
  while (raw_.size() < decoded.size() && r < raw.size()) {
    if (entities && raw[r] == '&') {
      size_t semi = raw.find(';', r);
      if (semi != std::string::npos && semi - r < 12) {
        size_t n = entity_length(std::string_view(raw).substr(r + 1, semi - r - 1));
        for (size_t k = 0; k < n; ++k) raw_.push_back(static_cast<uint32_t>(r));
        r = semi + 1;
        continue;
      }
    }
    if (raw[r] == '\r' && r + 1 < raw.size() && raw[r + 1] == '\n') ++r;  // CR LF reads as one LF
    raw_.push_back(static_cast<uint32_t>(r));
    ++r;
  }
  while (raw_.size() <= decoded.size()) raw_.push_back(static_cast<uint32_t>(r));
}

Pos TextMap::at(size_t index) const {
  if (!sources_) return {};
  index = std::min(index, raw_.size() - 1);
  return sources_->pos(file_, raw_[index]);
}

std::vector<AttributeOffsets> attribute_offsets(std::string_view text, size_t name_offset) {
  std::vector<AttributeOffsets> out;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t i = name_offset;
  while (i < text.size() && !space(text[i]) && text[i] != '>' && text[i] != '/') ++i;  // element name
  while (i < text.size()) {
    while (i < text.size() && space(text[i])) ++i;
    if (i >= text.size() || text[i] == '>' || text[i] == '/') break;
    size_t name_start = i;
    while (i < text.size() && !space(text[i]) && text[i] != '=') ++i;
    std::string name(text.substr(name_start, i - name_start));
    while (i < text.size() && space(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') break;
    ++i;
    while (i < text.size() && space(text[i])) ++i;
    if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) break;
    char quote = text[i++];
    out.push_back({std::move(name), name_start, i});
    size_t end = text.find(quote, i);
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return out;
}

namespace {

// Where `needle` starts at or after `from`, or the text's end.
size_t skip_to(std::string_view text, size_t from, std::string_view needle) {
  size_t at = text.find(needle, from);
  return at == std::string_view::npos ? text.size() : at + needle.size();
}

std::string line_col_text(const SourceFile& file, size_t offset) {
  auto [line, col] = file.line_col(offset);
  return std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

std::optional<Mismatch> find_mismatch(const SourceFile& file) {
  const std::string_view text = file.text;
  auto name_char = [](char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '>' && c != '/' && c != '<';
  };
  struct Open {
    std::string_view name;
    size_t at;
  };
  std::vector<Open> open;
  size_t i = 0;
  while (i < text.size()) {  // every step moves i forward
    size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) break;
    std::string_view rest = text.substr(lt);
    if (rest.starts_with("<!--")) {
      i = skip_to(text, lt + 4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      i = skip_to(text, lt + 9, "]]>");
    } else if (rest.starts_with("<?")) {
      i = skip_to(text, lt + 2, "?>");
    } else if (rest.starts_with("<!")) {  // a DOCTYPE, perhaps with an internal subset
      size_t bracket = text.find('[', lt), close = text.find('>', lt);
      i = bracket < close ? skip_to(text, skip_to(text, bracket, "]"), ">") : skip_to(text, lt, ">");
    } else if (rest.starts_with("</")) {
      size_t end = lt + 2;
      while (end < text.size() && name_char(text[end])) ++end;
      std::string_view name = text.substr(lt + 2, end - lt - 2);
      const bool known = std::any_of(open.begin(), open.end(), [&](const Open& o) { return o.name == name; });
      if (!known)
        return Mismatch{"</" + std::string(name) + "> at " + line_col_text(file, lt) + " closes no open element",
                        "remove it, or add the <" + std::string(name) + "> it should close", lt};
      if (open.back().name != name) {
        const Open& o = open.back();
        return Mismatch{"<" + std::string(o.name) + "> opened at " + line_col_text(file, o.at) +
                            " is not closed before </" + std::string(name) + "> at " + line_col_text(file, lt),
                        "add </" + std::string(o.name) + "> where it should end (or write <" + std::string(o.name) +
                            "/> if it holds nothing)",
                        lt};
      }
      open.pop_back();
      i = skip_to(text, end, ">");
    } else {
      size_t end = lt + 1;
      while (end < text.size() && name_char(text[end])) ++end;
      std::string_view name = text.substr(lt + 1, end - lt - 1);
      // The rest of the start tag: quoted values may hold '>' and '/'.
      size_t k = end;
      bool empty = false;
      while (k < text.size() && text[k] != '>') {
        if (text[k] == '"' || text[k] == '\'') {
          size_t q = text.find(text[k], k + 1);
          k = q == std::string_view::npos ? text.size() : q + 1;
          continue;
        }
        empty = text[k] == '/';
        ++k;
      }
      if (!empty && !name.empty()) open.push_back({name, lt});
      i = k + 1;
    }
  }
  if (open.empty()) return std::nullopt;
  const Open& o = open.back();
  return Mismatch{"<" + std::string(o.name) + "> opened at " + line_col_text(file, o.at) +
                      " is never closed before the end of the file",
                  "add </" + std::string(o.name) + "> where it should end", o.at};
}

}  // namespace quire::tmpl
