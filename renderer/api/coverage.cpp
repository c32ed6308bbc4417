// Glyph coverage of a document, reported at the data value (or catalogue entry, or template
// position) the uncovered characters came from.
#include "api/coverage.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>

#include "text/unicode.hpp"

namespace quire {
namespace {

// Code points of UTF-8 text after NFC (the form the text stage shapes).
std::u32string code_points(std::string_view utf8) {
  std::u16string u16;
  text::append_utf16(u16, utf8);
  text::normalize_nfc(u16);
  std::u32string out;
  for (size_t i = 0; i < u16.size();) {
    size_t len = 1;
    out.push_back(text::code_point_at(u16, i, &len));
    i += len;
  }
  return out;
}

std::string utf8_of(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

// "U+1F9D1 '🧑', U+E000 ''" (private-use and unassigned characters are shown by number only).
std::string describe(const std::set<char32_t>& chars) {
  std::string out;
  for (char32_t c : chars) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    if (!out.empty()) out += ", ";
    out += buf;
    bool printable = !(c >= 0xE000 && c <= 0xF8FF) && c < 0xF0000;
    if (printable) out += " '" + utf8_of(c) + "'";
  }
  return out;
}

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char ch : key) {
    if (ch == '~')
      out += "~0";
    else if (ch == '/')
      out += "~1";
    else
      out += ch;
  }
  return out;
}

// Adds, for every string in `j` holding some of `missing`, the pointer and those characters.
void find_in_data(const nlohmann::json& j, const std::string& pointer, const std::set<char32_t>& missing,
                  std::vector<std::pair<std::string, std::set<char32_t>>>& out) {
  if (j.is_string()) {
    std::set<char32_t> here;
    for (char32_t c : code_points(j.get_ref<const std::string&>()))
      if (missing.count(c)) here.insert(c);
    if (!here.empty()) out.emplace_back(pointer, std::move(here));
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) find_in_data(value, pointer + "/" + pointer_token(key), missing, out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) find_in_data(j[i], pointer + "/" + std::to_string(i), missing, out);
  }
}

// file:line:col of the first of `chars` in the template file, if it is there.
SourcePos find_in_template(const CoverageSources& src, const std::set<char32_t>& chars) {
  SourcePos pos;
  pos.file = src.template_file;
  if (!src.world || src.template_file.empty()) return pos;
  auto text = src.world->read_file(src.template_file);
  if (!text) return pos;
  size_t best = std::string::npos;
  for (char32_t c : chars) best = std::min(best, text->find(utf8_of(c)));
  if (best != std::string::npos) pos = LineIndex(*text, src.template_file).at(best);
  return pos;
}

// The distinct non-ASCII code points of `utf8` after NFC, as code_points() would find them,
// without converting the whole text. ASCII is NFC-inert and composes with nothing after it,
// so each stretch of non-ASCII bytes is normalised on its own, with the ASCII character
// before it (a base a combining mark may compose with).
std::set<char32_t> non_ascii(std::string_view utf8) {
  std::set<char32_t> out;
  for (size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < utf8.size() && static_cast<unsigned char>(utf8[end]) >= 0x80) ++end;
    const size_t start = i > 0 ? i - 1 : i;
    for (char32_t c : code_points(utf8.substr(start, end - start)))
      if (c >= 0x80) out.insert(c);
    i = end;
  }
  return out;
}

}  // namespace

bool check_glyph_coverage(const model::Document& doc, const text::FontLibrary& fonts, const CoverageSources& src,
                          bool allow_missing, Diagnostics& diags) {
  // The dump holds every text of the model (runs, headers, footers, footnotes, charts' labels);
  // its own syntax is ASCII, which the first face of the stack always covers.
  std::string dumped = model::dump(doc);
  std::set<char32_t> missing;
  for (char32_t c : non_ascii(dumped)) {
    if (text::FontLibrary::needs_no_glyph(c) || fonts.any_covers(c)) continue;
    missing.insert(c);
  }
  if (missing.empty()) return true;

  const Severity severity = allow_missing ? Severity::Warning : Severity::Error;
  const std::string hint = allow_missing ? "drawn as the font's replacement glyph (--allow-missing-glyphs)"
                                         : "install a font that covers it (docs/FONTS.md), correct the text, or "
                                           "render anyway with --allow-missing-glyphs (a replacement glyph is drawn)";
  auto message = [](const std::set<char32_t>& chars) { return "no installed font has " + describe(chars); };

  std::set<char32_t> placed;
  std::vector<std::pair<std::string, std::set<char32_t>>> in_data;
  if (src.data) find_in_data(*src.data, "", missing, in_data);
  for (auto& [pointer, chars] : in_data) {
    Diagnostic d{severity, Origin::Data, "text.no-font", message(chars), {}, pointer.empty() ? "/" : pointer, hint};
    d.pos.file = src.data_name;
    diags.add(std::move(d));
    placed.insert(chars.begin(), chars.end());
  }
  std::set<char32_t> rest;
  std::set_difference(missing.begin(), missing.end(), placed.begin(), placed.end(), std::inserter(rest, rest.end()));
  if (src.catalogue && !rest.empty()) {
    for (const auto& [id, msg] : src.catalogue->messages()) {
      std::set<char32_t> here;
      for (char32_t c : code_points(msg.target))
        if (rest.count(c)) here.insert(c);
      if (here.empty()) continue;
      diags.add({severity,
                 Origin::Locale,
                 "text.no-font",
                 message(here) + " (message '" + id + "')",
                 msg.target_pos,
                 {},
                 hint});
      placed.insert(here.begin(), here.end());
    }
    rest.clear();
    std::set_difference(missing.begin(), missing.end(), placed.begin(), placed.end(), std::inserter(rest, rest.end()));
  }
  if (!rest.empty())
    diags.add({severity, Origin::Template, "text.no-font", message(rest), find_in_template(src, rest), {}, hint});
  return allow_missing;
}

}  // namespace quire
