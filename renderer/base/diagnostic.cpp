#include "quire/diagnostic.hpp"

#include <algorithm>
#include <cstring>

namespace quire {

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.pointer.empty() || (d.origin == Origin::Data && !d.pos.file.empty() && d.pos.line == 0)) {
    // Data problems are located by JSON pointer: file#/a/b
    out += d.pos.file.empty() ? "<data>" : d.pos.file;
    out += "#" + d.pointer;
  } else if (!d.pos.file.empty()) {
    out += d.pos.file;
    if (d.pos.line > 0) out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
    if (!d.included_from.empty()) out += " (included from " + d.included_from + ")";
  } else {
    out += "quire";
  }
  out += d.severity == Severity::Error ? ": error[" : ": warning[";
  out += d.code + "]: " + d.message;
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

int exit_code_of(Origin origin) {
  switch (origin) {
    case Origin::Usage:
      return 2;
    case Origin::Data:
      return 3;
    case Origin::Template:
      return 4;
    case Origin::Locale:
      return 4;
    case Origin::Check:
      return 5;
    case Origin::Internal:
      return 1;
    case Origin::Limit:
      return 6;
  }
  return 1;
}

namespace {
/// Severity rank of an exit code: higher is worse (the order documented in diagnostic.hpp).
int rank_of(int exit_code) {
  switch (exit_code) {
    case 0:
      return 0;
    case 6:
      return 1;
    case 5:
      return 2;
    case 2:
      return 3;
    case 3:
      return 4;
    case 4:
      return 5;
    default:
      return 6;  // 1 and anything unknown: internal
  }
}
}  // namespace

int worse_exit_code(int a, int b) {
  return rank_of(b) > rank_of(a) ? b : a;
}

int exit_code_for(const Diagnostics& diags) {
  int worst = 0;
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error) worst = worse_exit_code(worst, exit_code_of(d.origin));
  return worst;
}

}  // namespace quire

namespace quire {

LineIndex::LineIndex(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
  line_starts_.push_back(0);
  // memchr: catalogues and templates are read at start-up, and a byte loop was a tenth of loading one.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl) break;
    line_starts_.push_back(static_cast<std::size_t>(nl - begin) + 1);
    p = nl + 1;
  }
}

SourcePos LineIndex::at(std::size_t offset) const {
  if (offset > text_.size()) offset = text_.size();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // count code points, not bytes
  return {file_, static_cast<int>(line), column};
}

}  // namespace quire
