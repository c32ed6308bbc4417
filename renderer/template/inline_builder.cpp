// Inline content of a paragraph: whitespace collapsing, run merging, field placeholders.
#include "template/inline_builder.hpp"

#include "template/expr.hpp"

namespace quire::tmpl {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

bool same_format(const model::TextRun& run, const InlineStyle& s) {
  return run.style == s.style && run.dir == s.dir && run.lang == s.lang && run.link == s.link;
}

constexpr std::string_view kLri = "\u2066", kRli = "\u2067", kFsi = "\u2068", kPdi = "\u2069";
// UAX #9 keeps 125 levels; each isolate may take two. Template nesting is bounded anyway.
constexpr int kMaxIsolates = 48;

}  // namespace

void InlineBuilder::reset(std::vector<model::Inline>& out) {
  out_ = &out;
  style_ = {};
  pending_space_ = false;
  at_line_start_ = true;
  lone_value_ = false;
  isolates_ = 0;
}

model::TextRun& InlineBuilder::run(const InlineStyle& s) {
  if (!out_->empty())
    if (auto* last = std::get_if<model::TextRun>(&out_->back()); last && same_format(*last, s)) return *last;
  out_->emplace_back(model::TextRun{{}, s.style, s.lang, s.dir, s.link});
  return std::get<model::TextRun>(out_->back());
}

void InlineBuilder::flush_space() {
  // The space keeps the format it was typed in: "<strong>Title</strong> body" has a plain space.
  if (pending_space_ && !at_line_start_) run(space_style_).text += ' ';
  pending_space_ = false;
}

void InlineBuilder::text(std::string_view s) {
  // Field placeholders split the text; between them, plain text.
  size_t i = 0;
  while (i < s.size()) {
    size_t mark = s.find(kFieldMark, i);
    auto known = [](char k) { return k == 'p' || k == 'n' || k == 'q' || k == 's' || k == 'h' || k == 'H'; };
    while (mark != std::string_view::npos && mark + 3 < s.size() && !known(s[mark + 3]))
      mark = s.find(kFieldMark, mark + 1);  // a lone mark without a kind stays text
    if (mark == std::string_view::npos || mark + 3 >= s.size()) {
      plain(s.substr(i));
      return;
    }
    plain(s.substr(i, mark - i));
    char k = s[mark + 3];
    if (k == 'h' || k == 'H') {  // a translator's preview: the marked message in its own character style
      if (k == 'h') {
        before_highlight_ = style_.style.style;
        style_.style.style = "translation-preview";
      } else {
        style_.style.style = before_highlight_;
      }
      i = mark + 4;
      continue;
    }
    field(k == 'p'   ? model::FieldKind::PageNumber
          : k == 'n' ? model::FieldKind::PageCount
          : k == 'q' ? model::FieldKind::PartPageCount
                     : model::FieldKind::SectionTitle);
    i = mark + 4;
  }
}

void InlineBuilder::plain(std::string_view s) {
  std::string* out = nullptr;  // the run being appended to; found once per call, not per word
  bool style_owed = false;     // a space typed here after `out` was found: record its style at the end
  size_t i = 0, n = s.size();
  while (i < n) {
    if (is_space(s[i])) {
      if (!pending_space_) {
        if (out)
          style_owed = true;
        else
          space_style_ = style_;
      }
      pending_space_ = true;
      while (i < n && is_space(s[i])) ++i;
      continue;
    }
    // A span of words separated by single spaces goes in with one append.
    size_t start = i;
    while (i < n) {
      if (s[i] == ' ' && i + 1 < n && !is_space(s[i + 1]))
        i += 2;
      else if (is_space(s[i]))
        break;
      else
        ++i;
    }
    if (pending_space_ && !at_line_start_) {
      if (out)
        out->push_back(' ');
      else
        flush_space();
    }
    pending_space_ = false;
    if (!out) out = &run(style_).text;
    out->append(s.data() + start, i - start);
    at_line_start_ = false;
  }
  if (style_owed && pending_space_) space_style_ = style_;
}

void InlineBuilder::value(std::string_view s) {
  size_t first = 0, last = s.size();
  while (first < last && is_space(s[first])) ++first;
  while (last > first && is_space(s[last - 1])) --last;
  if (first == last) {  // nothing but spaces: one space, as before
    plain(s);
    return;
  }
  plain(s.substr(0, first));  // the spaces around the value separate it from its neighbours
  flush_space();
  const bool starts_paragraph = out_->empty();
  run(style_).text += kFsi;
  at_line_start_ = false;
  text(s.substr(first, last - first));
  flush_space();                          // none pending: the value ends with a non-space
  model::TextRun& closing = run(style_);  // a new run if the value ended with a field
  closing.text += kPdi;
  lone_value_ = starts_paragraph && out_->size() == 1;
  lone_end_ = closing.text.size();
  plain(s.substr(last));
}

bool InlineBuilder::open_isolate(model::Direction dir) {
  if (isolates_ >= kMaxIsolates) return false;
  ++isolates_;
  flush_space();
  run(style_).text += dir == model::Direction::Ltr ? kLri : dir == model::Direction::Rtl ? kRli : kFsi;
  at_line_start_ = false;
  return true;
}

void InlineBuilder::close_isolate(bool opened) {
  if (!opened) return;
  --isolates_;
  auto* last = out_->empty() ? nullptr : std::get_if<model::TextRun>(&out_->back());
  for (auto open : {kLri, kRli, kFsi})
    if (last && last->text.ends_with(open)) {  // nothing inside: no isolate, and no empty paragraph
      last->text.erase(last->text.size() - open.size());
      if (last->text.empty()) out_->pop_back();
      // The space open_isolate wrote before the opener is pending again ("a <span/> b": one space).
      auto* before = out_->empty() ? nullptr : std::get_if<model::TextRun>(&out_->back());
      if (before && before->text.ends_with(' ')) {
        before->text.pop_back();
        if (before->text.empty()) out_->pop_back();
        pending_space_ = true;
      }
      at_line_start_ = out_->empty() || std::holds_alternative<model::LineBreak>(out_->back());
      return;
    }
  // A pending space stays pending: it goes after the PDI, or is dropped at the paragraph's end.
  run(style_).text += kPdi;
}

void InlineBuilder::finish() {
  if (!lone_value_ || out_->size() != 1) return;
  auto* only = std::get_if<model::TextRun>(&out_->front());
  if (!only || only->text.size() != lone_end_ || only->text.size() < 6) return;
  // The isolate is the whole paragraph: the bidi algorithm gives the same order without it.
  only->text.erase(only->text.size() - kPdi.size());
  only->text.erase(0, kFsi.size());
  lone_value_ = false;
}

void InlineBuilder::line_break() {
  pending_space_ = false;
  out_->emplace_back(model::LineBreak{});
  at_line_start_ = true;
}

void InlineBuilder::field(model::FieldKind kind) {
  flush_space();
  out_->emplace_back(model::Field{kind, style_.style});
  at_line_start_ = false;
}

void InlineBuilder::cross_ref(std::string target, model::RefForm form) {
  flush_space();
  out_->emplace_back(model::CrossRef{std::move(target), form, style_.style});
  at_line_start_ = false;
}

void InlineBuilder::footnote(model::Footnote note) {
  pending_space_ = false;  // a footnote mark sits against the word before it
  out_->emplace_back(std::move(note));
  at_line_start_ = false;
}

}  // namespace quire::tmpl
