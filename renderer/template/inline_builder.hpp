// Builds the inline content of one paragraph: collapses whitespace as HTML does,
// merges adjacent runs of equal formatting, turns field placeholders (from
// field(), possibly inside a translated message) back into model::Field inlines, and
// wraps interpolated values and <span dir> in bidi isolates (U+2066-U+2069).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace quire::tmpl {

/// The formatting that applies to text appended now (changed by <strong>, <span>, <a>...).
struct InlineStyle {
  model::RunStyle style;
  std::string lang;
  model::Direction dir = model::Direction::Auto;
  std::string link;
};

class InlineBuilder {
 public:
  explicit InlineBuilder(std::vector<model::Inline>& out) : out_(&out) {}

  /// Appends text; runs of spaces, tabs and newlines become one space, dropped at the
  /// start and end of the paragraph and around line breaks.
  void text(std::string_view s);
  /// Appends a value interpolated into the sentence ({{ }}) as a bidi isolate (FSI ... PDI,
  /// UAX #9 X5c), so that a phone number or a Latin name keeps its order inside
  /// right-to-left text. Its leading and trailing spaces stay outside the isolate.
  void value(std::string_view s);
  /// Opens (LRI, RLI or FSI for Auto) and closes (PDI) an isolate around what is appended
  /// between: a <span dir>. `open_isolate` returns false, appending nothing, past the
  /// nesting depth the bidi algorithm keeps (then `close_isolate(false)` appends nothing).
  bool open_isolate(model::Direction dir);
  void close_isolate(bool opened);
  /// Ends the paragraph: a value that is the whole paragraph loses its pointless isolate.
  void finish();
  void line_break();
  void field(model::FieldKind kind);
  void cross_ref(std::string target, model::RefForm form);
  void footnote(model::Footnote note);

  /// The style of text appended from now on; callers save and restore it around elements.
  InlineStyle& style() { return style_; }
  /// Forgets any pending space and starts afresh (used when a paragraph is reused).
  void reset(std::vector<model::Inline>& out);
  [[nodiscard]] bool empty() const { return out_->empty(); }

 private:
  void plain(std::string_view s);  // text without field placeholders
  void flush_space();
  // The run text in format `s` goes into: the last one if its formatting matches.
  model::TextRun& run(const InlineStyle& s);

  std::vector<model::Inline>* out_;
  InlineStyle style_;
  InlineStyle space_style_;
  std::string before_highlight_;  // the character style a previewed message interrupted  // the format where the
                                  // pending space was typed
  bool pending_space_ = false;
  bool at_line_start_ = true;
  // The paragraph so far is one value's isolate, ending at this size of the first run.
  bool lone_value_ = false;
  size_t lone_end_ = 0;
  int isolates_ = 0;  // open isolates (<span dir> nested in a paragraph)
};

}  // namespace quire::tmpl
