// Context helpers, the pre-layout walk (targets, headings) and paragraph styles.
#include "layout/context.hpp"

#include <algorithm>
#include <cctype>

namespace quire::layout::detail {

int Context::node(Role role, int parent, const std::string& lang, const std::string& id) {
  if (artifact) return -1;
  StructNode n;
  n.role = role;
  n.parent = parent;
  n.id = id;
  if (!lang.empty() && lang != lang_of(parent)) n.lang = lang;
  nodes.push_back(std::move(n));
  int index = static_cast<int>(nodes.size()) - 1;
  if (parent >= 0) nodes[static_cast<size_t>(parent)].children.push_back(index);
  return index;
}

std::string Context::lang_of(int n) const {
  while (n >= 0 && static_cast<size_t>(n) < nodes.size()) {
    if (!nodes[static_cast<size_t>(n)].lang.empty()) return nodes[static_cast<size_t>(n)].lang;
    n = nodes[static_cast<size_t>(n)].parent;
  }
  return doc.meta.language;
}

void Context::warn(const std::string& code, const std::string& message, const std::string& key) {
  if (!warned.insert(code + "\x1f" + key).second) return;
  diags.warning(Origin::Template, code, message);
}

std::string Context::resolve(const model::CrossRef& ref) {
  if (ref.form == model::RefForm::Page || ref.form == model::RefForm::PageRange) {
    // Any placed block or section, in this document or another laid out with it.
    used_pages = true;
    const bool range = ref.form == model::RefForm::PageRange;
    if (!prev) return range ? number(10) + " - " + number(12) : number(10);  // first pass: typical width
    auto p = prev->pages.find(ref.target);
    if (p == prev->pages.end()) {
      warn("layout.unresolved-ref",
           "cross-reference to '" + ref.target + "', which no placed block or section has as its id", ref.target);
      return "??";
    }
    std::string first = page_ref(p->second);
    if (!range) return first;
    auto l = prev->last_pages.find(ref.target);
    std::string last = l == prev->last_pages.end() || l->second <= p->second ? first : page_ref(l->second);
    return last == first ? first : first + " - " + last;
  }
  const auto& targets = all_targets ? *all_targets : pre.targets;
  auto it = targets.find(ref.target);
  if (it == targets.end()) {
    warn("layout.unresolved-ref", "cross-reference to '" + ref.target + "', which no block has as its id", ref.target);
    return "??";
  }
  if (ref.form == model::RefForm::Title && !it->second.title.empty()) return it->second.title;
  if (ref.form == model::RefForm::Number && !it->second.number.empty()) return it->second.number;
  warn("layout.unresolved-ref",
       "cross-reference to '" + ref.target + "': the target has no " +
           (ref.form == model::RefForm::Title ? "title" : "number"),
       ref.target);
  return "??";
}

std::string Context::page_ref(int page) const {
  if (prev && page >= 1 && static_cast<size_t>(page) <= prev->numbers.size() &&
      !prev->numbers[static_cast<size_t>(page - 1)].empty())
    return prev->numbers[static_cast<size_t>(page - 1)];
  return number(page);
}

std::string Context::number(long n) const {
  std::string ascii = std::to_string(n);
  if (doc.meta.digits.empty()) return ascii;
  // digits holds ten UTF-8 characters; find each one's bytes once per call (short strings).
  std::vector<std::string_view> glyphs;
  std::string_view d = doc.meta.digits;
  for (std::size_t i = 0; i < d.size();) {
    std::size_t len = 1;
    auto c = static_cast<unsigned char>(d[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    glyphs.push_back(d.substr(i, len));
    i += len;
  }
  if (glyphs.size() != 10) return ascii;
  std::string out;
  for (char ch : ascii) out += ch >= '0' && ch <= '9' ? std::string(glyphs[ch - '0']) : std::string(1, ch);
  return out;
}

std::string Context::body_page_field(std::string& key) {
  key = std::string(1, kInternalMark) + "page" + std::to_string(body_page_fields++);
  if (!prev) return "0";
  auto it = prev->pages.find(key);
  if (it == prev->pages.end()) return number(0);
  const auto page = static_cast<size_t>(it->second);
  return page >= 1 && page <= prev->numbers.size() ? prev->numbers[page - 1] : number(it->second);
}

std::string Context::field(const model::Field& f) const {
  switch (f.kind) {
    case model::FieldKind::PageNumber:  // in a header or footer; body text: see body_page_field()
      return fields.page > 0 ? fields.page_text : number(0);
    case model::FieldKind::PageCount:  // every physical page, printed nowhere in an unnumbered section
      if (fields.page > 0 && fields.page_text.empty()) return {};
      if (fields.pages > 0) return number(fields.pages);
      return prev ? number(prev->page_count) : number(10);
    case model::FieldKind::SectionTitle:
      return fields.section_title;
  }
  return {};
}

// ---------------------------------------------------------------------------------------
// Pre-layout walk

namespace {

// "3.2 The plan" -> "3.2": numbered paragraphs carry their number in their text.
std::string leading_number(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && text[i] == '.'))) ++i;
  std::string n = text.substr(0, i);
  while (!n.empty() && n.back() == '.') n.pop_back();
  return n;
}

struct Walker {
  Prescan& out;
  int counters[6] = {0, 0, 0, 0, 0, 0};

  void inlines(const std::vector<model::Inline>& content) {
    for (const auto& in : content) {
      if (const auto* r = std::get_if<model::CrossRef>(&in)) {
        if (r->form == model::RefForm::Page) out.needs_pages = true;
      } else if (const auto* f = std::get_if<model::Field>(&in)) {
        if (f->kind != model::FieldKind::SectionTitle) out.needs_pages = true;
      } else if (const auto* fn = std::get_if<model::Footnote>(&in)) {
        blocks(fn->body);
      }
    }
  }
  void blocks(const std::vector<model::Block>& list) {
    for (const auto& b : list) block(b);
  }
  void block(const model::Block& b) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, model::Heading>) {
            int level = std::clamp(v.level, 1, 6);
            HeadingEntry e;
            e.level = level;
            e.in_contents = v.in_contents;
            std::string number;
            if (v.numbered) {
              ++counters[level - 1];
              for (int k = level; k < 6; ++k) counters[k] = 0;
              for (int k = 0; k < level; ++k) number += (k ? "." : "") + std::to_string(counters[k]);
            }
            std::string text = model::visible_text(v.content);
            e.title = number.empty() ? text : number + " " + text;
            e.number = number;
            e.id = v.id.empty() ? "_h" + std::to_string(out.headings.size() + 1) : v.id;
            out.targets[e.id] = {text, number};
            out.heading_index[&v] = out.headings.size();
            out.headings.push_back(e);
            inlines(v.content);
          } else if constexpr (std::is_same_v<T, model::Paragraph>) {
            if (!v.id.empty()) {
              std::string text = model::visible_text(v.content);
              out.targets[v.id] = {text.size() > 120 ? text.substr(0, 120) : text, leading_number(text)};
            }
            inlines(v.content);
          } else if constexpr (std::is_same_v<T, model::List>) {
            for (const auto& item : v.items) blocks(item.blocks);
          } else if constexpr (std::is_same_v<T, model::Table>) {
            if (!v.id.empty()) out.targets[v.id] = {v.caption, {}};
            for (const auto& row : v.rows)
              for (const auto& cell : row.cells) blocks(cell.blocks);
          } else if constexpr (std::is_same_v<T, model::Image>) {
            if (!v.id.empty()) out.targets[v.id] = {v.alt, {}};
          } else if constexpr (std::is_same_v<T, model::Chart>) {
            if (!v.id.empty()) out.targets[v.id] = {v.title.empty() ? v.alt : v.title, {}};
          } else if constexpr (std::is_same_v<T, model::Contents>) {
            out.needs_pages = true;
            out.has_contents = true;
          } else if constexpr (std::is_same_v<T, model::KeepTogether>) {
            blocks(v.blocks);
          } else if constexpr (std::is_same_v<T, model::Columns>) {
            for (const auto& col : v.columns) blocks(col);
          }
        },
        b.value);
  }
};

}  // namespace

Prescan prescan(const model::Document& doc) {
  Prescan out;
  Walker w{out};
  for (const auto& section : doc.sections) w.blocks(section.blocks);
  return out;
}

// ---------------------------------------------------------------------------------------
// Styles

ParaStyle style_for(const model::Document& doc, model::ParaRole role) {
  const auto& t = doc.typography;
  ParaStyle s;
  s.size = static_cast<float>(t.body_size > 0 ? t.body_size : 11);
  s.line_height = static_cast<float>(t.line_height > 0 ? t.line_height : 1.35);
  s.space_after = static_cast<float>(t.paragraph_space);
  switch (role) {
    case model::ParaRole::Body:
      break;
    case model::ParaRole::Title:
      s.size = 24;
      s.hyphenate = false;
      s.bold = true;
      s.line_height = std::min(s.line_height, 1.2f);
      s.space_after = s.space_after * 2;
      break;
    case model::ParaRole::Subtitle:
      s.size = 15;
      s.hyphenate = false;
      s.line_height = std::min(s.line_height, 1.25f);
      s.space_after = s.space_after * 1.5f;
      break;
    case model::ParaRole::Lead:
      s.size = 13;
      break;
    case model::ParaRole::Small:
      s.size = 9;
      break;
    case model::ParaRole::Notice:
      s.size = 9.5f;
      s.notice = true;
      break;
    case model::ParaRole::Caption:
      s.size = 9.5f;
      break;
    case model::ParaRole::Quote:
      s.indent_start = s.indent_end = 18;
      s.quote = true;
      break;
  }
  return s;
}

ParaStyle heading_style(const model::Document& doc, int level) {
  ParaStyle s = style_for(doc, model::ParaRole::Body);
  static const float sizes[6] = {20, 15, 12.5f, 11, 11, 11};
  static const float before[6] = {14, 12, 10, 8, 8, 8};
  level = std::clamp(level, 1, 6);
  s.size = sizes[level - 1];
  s.bold = true;
  s.hyphenate = false;
  s.line_height = std::min(s.line_height, 1.25f);
  s.space_before = before[level - 1];
  return s;
}

}  // namespace quire::layout::detail
