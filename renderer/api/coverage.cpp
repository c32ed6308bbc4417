// Glyph coverage of a document, reported at the data value (or catalogue entry, or template
// position) the uncovered characters came from.
#include "api/coverage.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <set>

#include "model/visit.hpp"
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

// Collects the distinct non-ASCII code points (after NFC) of every text of the model that
// the writers may draw: runs, headers, footers, footnotes, captions, alt texts, charts'
// labels, metadata. Walks the model directly (no dump): pure ASCII strings cost one scan.
class TextWalk {
 public:
  std::vector<char32_t> found;

  void text(std::string_view utf8) {
    if (std::all_of(utf8.begin(), utf8.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) return;
    // Already-seen code points are the common case (one script per document): a bitmap of
    // the BMP skips the sort and the set for them.
    for (char32_t c : code_points(utf8)) {
      if (c < 0x80) continue;
      if (c < 0x10000) {
        auto& word = bmp_[c >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (c & 63);
        if (word & bit) continue;
        word |= bit;
      }
      found.push_back(c);
    }
  }

  void inlines(const std::vector<model::Inline>& content) {
    for (const auto& in : content) {
      model::match(
          in,
          [&](const model::TextRun& t) {
            text(t.text);
            text(t.style.style);
            text(t.lang);
            text(t.link);
          },
          [](const model::LineBreak&) {}, [&](const model::Field& f) { text(f.style.style); },
          [&](const model::CrossRef& r) { text(r.target); },
          [&](const model::Footnote& fn) {
            text(fn.number);
            blocks(fn.body);
          });
    }
  }

  void paragraph(const model::Paragraph& p) {
    text(p.lang);
    text(p.id);
    text(p.style);
    text(p.number);
    inlines(p.content);
  }

  void icon(const model::Icon& i) {
    text(i.name);
    text(i.alt);
    text(i.id);
  }

  void blocks(const std::vector<model::Block>& bs) {
    for (const auto& b : bs) block(b);
  }

  void block(const model::Block& b) {
    model::match(
        b.value,
        [&](const model::Heading& h) {
          text(h.id);
          text(h.number);
          inlines(h.content);
        },
        [&](const model::Paragraph& p) { paragraph(p); },
        [&](const model::List& l) {
          for (const auto& item : l.items) {
            text(item.number);
            blocks(item.blocks);
          }
        },
        [&](const model::Table& t) {
          text(t.id);
          text(t.caption);
          for (const auto& row : t.rows)
            for (const auto& cell : row.cells) blocks(cell.blocks);
        },
        [&](const model::Image& i) {
          text(i.source);
          text(i.alt);
          text(i.id);
        },
        [&](const model::Chart& c) {
          text(c.title);
          text(c.alt);
          text(c.id);
          text(c.y_title);
          text(c.value_suffix);
          for (const auto& category : c.categories) text(category);
          for (const auto& s : c.series) text(s.name);
        },
        [&](const model::PageBreak&) {}, [&](const model::Contents& c) { text(c.title); },
        [&](const model::KeepTogether& k) { blocks(k.blocks); },
        [&](const model::Columns& c) {
          for (const auto& column : c.columns) blocks(column);
        },
        [&](const model::Icon& i) { icon(i); },
        [&](const model::Panel& p) {
          text(p.style);
          text(p.id);
          if (p.icon) icon(*p.icon);
          blocks(p.blocks);
        });
  }

  void document(const model::Document& doc) {
    const auto& m = doc.meta;
    for (std::string_view s : {std::string_view(m.title), std::string_view(m.author), std::string_view(m.subject),
                               std::string_view(m.language), std::string_view(m.digits),
                               std::string_view(m.classification), std::string_view(m.blank_page_text)})
      text(s);
    for (const auto& [key, value] : m.custom) {
      text(key);
      text(value);
    }
    for (const auto& s : doc.sections) {
      text(s.title);
      text(s.id);
      for (const auto& p : s.header.paragraphs) paragraph(p);
      for (const auto& p : s.footer.paragraphs) paragraph(p);
      blocks(s.blocks);
    }
  }

 private:
  std::array<std::uint64_t, 0x10000 / 64> bmp_{};
};

}  // namespace

bool check_glyph_coverage(const model::Document& doc, const text::FontLibrary& fonts, const CoverageSources& src,
                          bool allow_missing, Diagnostics& diags) {
  // ASCII is left out: the first face of the stack always covers it.
  TextWalk walk;
  walk.document(doc);
  std::set<char32_t> missing;
  for (char32_t c : walk.found) {
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
