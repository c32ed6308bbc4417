// The one pass over the model before writing (complete_document): every number a reader sees
// (headings, continuous paragraph numbers, list items, contents) and every reference
// target, computed once and written into the model so the PDF and DOCX writers agree.
#include <algorithm>
#include <array>
#include <cstdio>

#include "model/document.hpp"
#include "model/rag.hpp"
#include "model/visit.hpp"

namespace quire::model {
namespace {

class Numberer {
 public:
  explicit Numberer(Document& doc) : doc_(doc), out_(doc.numbering) {}

  void run() {
    out_ = Numbering{};
    for (auto& section : doc_.sections) {
      if (section.starts_copy) {  // a copy for another reader is numbered as the original is
        counters_ = {};
        paragraphs_ = 0;
        footnotes_ = 0;
      }
      if (!section.id.empty()) target(section.id, Target::Kind::Section, section.title, {});
      blocks(section.blocks);
    }
    out_.done = true;
  }

 private:
  Document& doc_;
  Numbering& out_;
  std::array<int, 6> counters_{};
  int paragraphs_ = 0;
  int footnotes_ = 0;
  int generated_ids_ = 0;

  [[nodiscard]] std::string num(long n) const { return format_number(n, doc_.meta.digits); }

  void target(const std::string& id, Target::Kind kind, std::string title, std::string number) {
    if (id.empty()) return;
    if (title.size() > 120) {
      size_t cut = 120;
      while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;  // whole characters
      title.resize(cut);
    }
    out_.targets.emplace(id, Target{kind, std::move(title), std::move(number)});
  }

  void inlines(std::vector<Inline>& content) {
    for (auto& in : content)
      match(
          in, [](TextRun&) {}, [](LineBreak&) {},
          [&](Field& f) {
            if (f.kind != FieldKind::SectionTitle) out_.needs_pages = true;
          },
          [&](CrossRef& r) {
            if (r.form == RefForm::Page || r.form == RefForm::PageRange) out_.needs_pages = true;
          },
          [&](Footnote& fn) {
            fn.number = num(++footnotes_);
            blocks(fn.body);
          });
  }
  void blocks(std::vector<Block>& list) {
    for (auto& b : list) block(b);
  }

  void heading(Heading& h) {
    const int level = std::clamp(h.level, 1, 6);
    h.number.clear();
    if (h.numbered) {
      ++counters_[static_cast<size_t>(level - 1)];
      for (size_t k = static_cast<size_t>(level); k < 6; ++k) counters_[k] = 0;
      for (size_t k = 0; k < static_cast<size_t>(level); ++k)
        h.number += (k ? "." : "") + num(counters_[k] ? counters_[k] : 1);
    }
    const std::string text = visible_text(h.content);
    if (h.id.empty() && h.in_contents) h.id = "_h" + std::to_string(++generated_ids_);
    target(h.id, Target::Kind::Heading, text, h.number);
    if (h.in_contents) out_.contents.push_back({level, h.number, text, h.id});
    inlines(h.content);
  }

  void paragraph(Paragraph& p, const std::string& item_number) {
    p.number = p.numbered ? num(++paragraphs_) : std::string();
    const std::string& number = p.numbered ? p.number : item_number;
    target(p.id, item_number.empty() ? Target::Kind::Paragraph : Target::Kind::ListItem, visible_text(p.content),
           number);
    inlines(p.content);
  }

  void list(List& l) {
    int n = l.start;
    for (auto& item : l.items) {
      item.number = l.ordered ? num(n) : std::string();
      ++n;
      // The item's first paragraph stands for the item: a reference to its id gives
      // the item's number.
      bool first = true;
      for (auto& b : item.blocks) {
        if (first)
          if (auto* p = std::get_if<Paragraph>(&b.value)) {
            paragraph(*p, item.number);
            first = false;
            continue;
          }
        first = false;
        block(b);
      }
    }
  }

  void block(Block& b) {
    match(
        b.value, [&](Heading& h) { heading(h); }, [&](Paragraph& p) { paragraph(p, {}); }, [&](List& l) { list(l); },
        [&](Table& t) {
          target(t.id, Target::Kind::Table, t.caption, {});
          for (auto& row : t.rows)
            for (auto& cell : row.cells) {
              if (rag_cell_needs_word(cell))  // status never by colour alone, the same word in every writer
                cell.blocks = {Block{Paragraph{{TextRun{rag_style(doc_.styles, cell.rag)->word, {}, {}, {}, {}}}}}};
              blocks(cell.blocks);
            }
        },
        [&](Image& i) { target(i.id, Target::Kind::Image, i.alt, {}); },
        [&](Chart& c) { target(c.id, Target::Kind::Chart, c.title.empty() ? c.alt : c.title, {}); }, [&](PageBreak&) {},
        [&](Contents&) { out_.needs_pages = out_.has_contents = true; }, [&](KeepTogether& k) { blocks(k.blocks); },
        [&](Columns& c) {
          for (auto& col : c.columns) blocks(col);
        },
        [&](Panel& p) {
          target(p.id, Target::Kind::Panel, p.icon ? p.icon->alt : std::string(), {});
          blocks(p.blocks);
        },
        [&](Icon& i) { target(i.id, Target::Kind::Icon, i.alt, {}); });
  }
};

}  // namespace

void complete_document(Document& doc) {
  Numberer(doc).run();
}

namespace {

// ASCII digits of `ascii` replaced by `digits` (ten UTF-8 characters; otherwise unchanged).
std::string map_digits(const std::string& ascii, std::string_view digits) {
  if (digits.empty()) return ascii;
  std::array<std::string_view, 10> glyphs;
  size_t count = 0;
  for (size_t i = 0; i < digits.size() && count < 10;) {
    size_t len = 1;
    auto c = static_cast<unsigned char>(digits[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    glyphs[count++] = digits.substr(i, len);
    i += len;
  }
  if (count != 10) return ascii;
  std::string out;
  for (char ch : ascii)
    if (ch >= '0' && ch <= '9')
      out += glyphs[static_cast<size_t>(ch - '0')];
    else if (ch == '.' && glyphs[0].size() == 2 && static_cast<unsigned char>(glyphs[0][0]) >= 0xD8)
      out += "\u066B";  // Arabic decimal separator with Arabic-script digits
    else
      out += ch;
  return out;
}

// The ten digits of `digits` (ASCII when empty or malformed).
std::array<std::string, 10> digit_glyphs(std::string_view digits) {
  std::array<std::string, 10> out;
  for (size_t d = 0; d < 10; ++d) out[d] = std::string(1, static_cast<char>('0' + d));
  std::array<std::string, 10> mapped;
  size_t count = 0;
  for (size_t i = 0; i < digits.size() && count < 10;) {
    auto c = static_cast<unsigned char>(digits[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    mapped[count++] = std::string(digits.substr(i, len));
    i += len;
  }
  return count == 10 ? mapped : out;
}

}  // namespace

std::string convert_digits(std::string_view text, std::string_view from, std::string_view to) {
  const auto a = digit_glyphs(from), b = digit_glyphs(to);
  if (a == b) return std::string(text);
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool hit = false;
    for (size_t d = 0; d < 10 && !hit; ++d)
      if (text.substr(i, a[d].size()) == a[d]) {
        out += b[d];
        i += a[d].size();
        hit = true;
      }
    if (!hit) out += text[i++];
  }
  return out;
}

std::string format_number(long n, std::string_view digits) {
  return map_digits(std::to_string(n), digits);
}

std::string format_decimal(double v, int decimals, std::string_view digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 6), v);
  std::string ascii = buf;
  if (ascii.find('.') != std::string::npos) {  // 2.50 -> 2.5, 3.00 -> 3
    while (ascii.back() == '0') ascii.pop_back();
    if (ascii.back() == '.') ascii.pop_back();
  }
  if (ascii == "-0") ascii = "0";
  return map_digits(ascii, digits);
}

std::string roman(long n) {
  if (n <= 0 || n > 3999) return std::to_string(n);
  static const std::pair<int, const char*> parts[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                      {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                      {5, "v"},    {4, "iv"},   {1, "i"}};
  std::string out;
  for (const auto& [value, text] : parts)
    while (n >= value) {
      out += text;
      n -= value;
    }
  return out;
}

}  // namespace quire::model
