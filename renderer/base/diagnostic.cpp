#include "quire/diagnostic.hpp"

#include <algorithm>

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
  } else {
    out += "quire";
  }
  out += d.severity == Severity::Error ? ": error[" : ": warning[";
  out += d.code + "]: " + d.message;
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

namespace {
int exit_code_of(Origin origin) {
  switch (origin) {
    case Origin::Usage: return 2;
    case Origin::Data: return 3;
    case Origin::Template: return 4;
    case Origin::Locale: return 4;
    case Origin::Check: return 5;
    case Origin::Internal: return 1;
  }
  return 1;
}
}  // namespace

int exit_code_for(const Diagnostics& diags) {
  // The first error decides: it is the root cause the user should fix first.
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error) return exit_code_of(d.origin);
  return 0;
}

}  // namespace quire
