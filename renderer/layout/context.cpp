// Context helpers, the pre-layout walk (targets, headings) and paragraph styles.
#include "layout/context.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/linebreak.hpp"

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

const std::vector<std::pair<int, float>>& Context::script_scale() {
  if (!scales) {
    scales.emplace();
    for (const auto& [name, factor] : doc.styles.script_scale) {
      const int code = u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str());
      if (code >= 0 && factor > 0) scales->emplace_back(code, static_cast<float>(factor));
    }
  }
  return *scales;
}

bool Context::unscaled(const std::string& lang) const {
  return doc.styles.unscaled(lang.empty() ? doc.meta.language : lang);
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
  const auto& targets = all_targets ? *all_targets : pre.numbering->targets;
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
  return model::format_number(n, doc.meta.digits);
}

std::string Context::body_page_field(std::string& key, model::FieldKind kind) {
  key = std::string(1, kInternalMark) + "page" + std::to_string(body_page_fields++);
  if (!prev) return "0";
  auto it = prev->pages.find(key);
  if (it == prev->pages.end()) return number(0);
  const auto page = static_cast<size_t>(it->second);
  if (kind == model::FieldKind::PartPageCount)
    return number(page >= 1 && page <= prev->part_pages.size() ? prev->part_pages[page - 1] : 0);
  return page >= 1 && page <= prev->numbers.size() ? prev->numbers[page - 1] : number(it->second);
}

const std::vector<std::u16string>& Context::whole_words() {
  if (shared_whole) return *shared_whole;
  if (!whole) whole = text::letter_words(doc.typography.unhyphenated);
  return *whole;
}

std::string Context::field(const model::Field& f) const {
  // A field in another language's digits than the document's (a bilingual edition's English column).
  auto own = [&](std::string s) { return f.digits.empty() ? s : model::convert_digits(s, doc.meta.digits, f.digits); };
  switch (f.kind) {
    case model::FieldKind::PageNumber:  // in a header or footer; body text: see body_page_field()
      return own(fields.page > 0 ? fields.page_text : number(0));
    case model::FieldKind::PageCount:  // every physical page, printed nowhere in an unnumbered section
      if (fields.page > 0 && fields.page_text.empty()) return {};
      if (fields.pages > 0) return own(number(fields.pages));
      return own(prev ? number(prev->page_count) : number(10));
    case model::FieldKind::PartPageCount:  // in a header or footer; body text: see body_page_field()
      if (fields.page > 0 && fields.page_text.empty()) return {};
      return own(number(fields.part_pages));
    case model::FieldKind::SectionTitle:
      return fields.section_title;
  }
  return {};
}

Prescan prescan(const model::Document& doc) {
  return {&doc.numbering, doc.numbering.needs_pages, doc.numbering.has_contents};
}

// ---------------------------------------------------------------------------------------
// Styles

ParaStyle style_named(const model::Document& doc, std::string_view name) {
  const model::ResolvedStyle r = model::resolve_style(doc, name);
  ParaStyle s;
  s.size = static_cast<float>(r.size);
  s.bold = r.bold;
  s.italic = r.italic;
  s.line_height = static_cast<float>(r.line_height);
  s.space_before = static_cast<float>(r.space_before);
  s.space_after = static_cast<float>(r.space_after);
  s.indent_start = static_cast<float>(r.indent_start);
  s.indent_end = static_cast<float>(r.indent_end);
  s.color = r.color;
  s.hyphenate = r.hyphenate;
  s.keep_with_next = r.keep_with_next;
  s.fill = r.fill;
  s.border = r.border;
  s.bar = r.bar;
  s.notice = r.fill.has_value() || r.border.has_value();
  s.quote = r.bar.has_value();
  return s;
}

ParaStyle style_for(const model::Document& doc, model::ParaRole role) {
  return style_named(doc, model::role_style_name(role));
}

ParaStyle paragraph_style(const model::Document& doc, const model::Paragraph& p) {
  return style_named(doc, model::paragraph_style_name(p));
}

ParaStyle heading_style(const model::Document& doc, int level) {
  return style_named(doc, model::heading_style_name(std::clamp(level, 1, 6)));
}

}  // namespace quire::layout::detail
