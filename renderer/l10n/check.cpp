// Checks on catalogues that CAT tools do not make: a lost {name}, an Arabic plural
// without its "few" branch, a stray right-to-left embedding that would swallow the
// rest of the line. Each names the string and its place in the file.
#include <unicode/messagepattern.h>
#include <unicode/plurrule.h>
#include <unicode/strenum.h>

#include <algorithm>
#include <set>

#include "i18n/icu_locale.hpp"
#include "i18n/message_parts.hpp"
#include "l10n/workflow.hpp"

namespace quire::l10n {

namespace {

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

/// What a message asks of its arguments: every name, and the branches of each plural or select.
struct Shape {
  std::set<std::string> names;
  std::map<std::string, std::set<std::string>> plurals;  // arg -> keywords (without =N)
  std::map<std::string, std::set<std::string>> selects;  // arg -> keys
};

std::optional<Shape> analyse(const std::string& text, int& error_offset, std::string& error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::MessagePattern pattern(icu::UnicodeString::fromUTF8(text), &parse_error, status);
  if (U_FAILURE(status)) {
    error_offset = parse_error.offset;
    error = u_errorName(status);
    return std::nullopt;
  }
  Shape shape;
  int count = pattern.countParts();
  for (int i = 0; i < count; ++i) {
    const auto& part = pattern.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const auto& name_part = pattern.getPart(i + 1);
    std::string name = name_part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER ? std::to_string(name_part.getValue())
                                                                           : to_utf8(pattern.getSubstring(name_part));
    shape.names.insert(name);
    auto type = part.getArgType();
    bool plural = type == UMSGPAT_ARG_TYPE_PLURAL || type == UMSGPAT_ARG_TYPE_SELECTORDINAL;
    if (!plural && type != UMSGPAT_ARG_TYPE_SELECT) continue;
    auto& keys = plural ? shape.plurals[name] : shape.selects[name];
    int limit = pattern.getLimitPartIndex(i);
    for (int j = i + 2; j < limit; ++j) {
      const auto& sel = pattern.getPart(j);
      if (sel.getType() == UMSGPAT_PART_TYPE_MSG_START) {
        j = pattern.getLimitPartIndex(j);  // skip the branch's message; nested args are found by the outer loop
        continue;
      }
      if (sel.getType() != UMSGPAT_PART_TYPE_ARG_SELECTOR) continue;
      std::string key = to_utf8(pattern.getSubstring(sel));
      if (!key.starts_with("=")) keys.insert(key);
    }
  }
  return shape;
}

/// Where the first unbalanced brace is (ICU reports the start of the message), in UTF-16 units.
int unbalanced_brace(const icu::UnicodeString& u) {
  std::vector<int> open;
  bool quoted = false;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c == u'\'') {
      if (i + 1 < u.length() && u.charAt(i + 1) == u'\'') {
        ++i;
      } else if (quoted || (i + 1 < u.length() && (u.charAt(i + 1) == u'{' || u.charAt(i + 1) == u'}'))) {
        quoted = !quoted;
      }
    } else if (!quoted && c == u'{') {
      open.push_back(i);
    } else if (!quoted && c == u'}') {
      if (open.empty()) return i;
      open.pop_back();
    }
  }
  return open.empty() ? -1 : open.back();
}

/// ICU's parse error in words a translator can act on, and where it is (code points from the start).
std::string explain(const std::string& text, const std::string& icu_error, int& offset) {
  auto u = icu::UnicodeString::fromUTF8(text);
  std::string words;
  // ICU names the first thing it could not read; a brace left open or closed twice is what a
  // translator usually did, so look for that first, and point at the brace.
  if (int at = unbalanced_brace(u); at >= 0) {
    offset = at;
    words = u.charAt(at) == u'}' ? "a '}' closes nothing: remove it, or write '}' (in apostrophes) for a brace"
                                 : "a '{' is not closed: every placeholder is written {name}";
  } else if (icu_error == "U_UNMATCHED_BRACES") {
    words = "a brace is not matched";
  } else if (icu_error == "U_PATTERN_SYNTAX_ERROR") {
    words = "a placeholder is written wrongly: {name}, {n, plural, one {...} other {...}} or {d, date, long}";
  } else if (icu_error == "U_ILLEGAL_ARGUMENT_ERROR") {
    words = "a placeholder has an unknown type or style (number, date, time, plural, select, selectordinal)";
  } else if (icu_error == "U_DEFAULT_KEYWORD_MISSING") {
    words = "a plural or select has no 'other' branch";
  } else if (icu_error == "U_DUPLICATE_KEYWORD") {
    words = "a plural or select has the same branch twice";
  } else if (icu_error == "U_ARGUMENT_TYPE_MISMATCH") {
    words = "named and numbered placeholders are mixed";
  } else {
    words = "the placeholders cannot be read";
  }
  if (offset > u.length()) offset = u.length();
  int chars = offset > 0 ? u.countChar32(0, offset) : 0;
  offset = chars;
  return words + " (at character " + std::to_string(chars + 1) + ")";
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::set<std::string> plural_keywords(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale, status));
  std::set<std::string> out;
  if (U_FAILURE(status)) return {"other"};
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  while (const char* k = keywords ? keywords->next(nullptr, status) : nullptr) out.insert(k);
  return out;
}

/// Every embedding or override (LRE RLE LRO RLO) closed by a PDF, every isolate (LRI RLI FSI,
/// <span dir>) by a PDI (</span>).
bool balanced_bidi(const std::string& text) {
  std::vector<char> stack;
  auto u = icu::UnicodeString::fromUTF8(i18n::dir_spans(text, true));  // <span dir> ... </span> is an isolate
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c >= 0x202A && c <= 0x202E && c != 0x202C)
      stack.push_back('e');
    else if (c >= 0x2066 && c <= 0x2068)
      stack.push_back('i');
    else if (c == 0x202C || c == 0x2069) {
      char want = c == 0x202C ? 'e' : 'i';
      if (stack.empty() || stack.back() != want) return false;
      stack.pop_back();
    }
  }
  return stack.empty();
}

SourcePos shifted(SourcePos pos, int offset) {
  if (pos.line > 0 && offset > 0) pos.column += offset;  // offsets count UTF-16 units; close enough on one line
  return pos;
}

void report(Diagnostics& diags, Severity severity, const std::string& code, const std::string& message,
            const SourcePos& pos) {
  diags.add({severity, Origin::Locale, code, message, pos, {}, {}});
}

}  // namespace

std::set<std::string> broken(const Catalogue& english, const Catalogue& target) {
  std::set<std::string> out;
  for (const auto& id : target.order()) {
    const Message& m = *target.find(id);
    const Message* source = english.find(id);
    if (!source || m.target.empty() || m.state == i18n::TranslationState::New) continue;
    int offset = 0, o2 = 0;
    std::string error, e2;
    auto got = i18n::message_too_deep(m.target) < 0 ? analyse(m.target, offset, error) : std::nullopt;
    auto want = i18n::message_too_deep(source->source) < 0 ? analyse(source->source, o2, e2) : std::nullopt;
    if (!got || (want && got->names != want->names) || unbalanced_brace(icu::UnicodeString::fromUTF8(m.target)) >= 0)
      out.insert(id);
  }
  return out;
}

void check(const Catalogue& english, const Catalogue& target, const i18n::LocaleInfo& locale, Diagnostics& diags) {
  const bool is_source = &english == &target;
  const auto categories = plural_keywords(i18n::icu_locale(locale));
  for (const auto& id : target.order()) {
    const Message& m = *target.find(id);
    const Message* source = english.find(id);
    const std::string& text = is_source ? m.source : m.target;
    if (!source) {
      report(diags, Severity::Warning, "locale.obsolete", "'" + id + "' is not in the English catalogue any more",
             m.pos);
      continue;
    }
    if (text.empty()) continue;
    if (long deep = i18n::message_too_deep(text); deep >= 0) {
      report(diags, Severity::Error, "locale.limit",
             "'" + id + "': arguments nest more than " + std::to_string(i18n::kMaxMessageNesting) + " braces deep",
             shifted(is_source ? m.pos : m.target_pos, static_cast<int>(deep)));
      continue;
    }
    int offset = 0;
    std::string error;
    auto shape = analyse(text, offset, error);
    if (!shape) {
      std::string words = explain(text, error, offset);
      report(diags, Severity::Error, "locale.syntax", "'" + id + "': " + words,
             shifted(is_source ? m.pos : m.target_pos, offset));
      continue;
    }
    if (source->max_width > 0 && i18n::message_length(text) > source->max_width)
      report(diags, Severity::Warning, "locale.too-long",
             "'" + id + "': " + std::to_string(i18n::message_length(text)) +
                 " characters where the page has room for " + std::to_string(source->max_width) + " (maxwidth)",
             is_source ? m.pos : m.target_pos);
    if (!is_source) check_language(m, text, m.target_pos, locale, diags);
    // ICU prints a '}' that closes nothing as text: a child would read "بيت } آمن".
    if (int at = unbalanced_brace(icu::UnicodeString::fromUTF8(text)); at >= 0) {
      int offset_at = at;
      std::string words = explain(text, "U_UNMATCHED_BRACES", offset_at);
      report(diags, Severity::Error, "locale.syntax", "'" + id + "': " + words,
             shifted(is_source ? m.pos : m.target_pos, offset_at));
      continue;
    }
    if (!is_source && m.source != source->source)
      report(diags, Severity::Warning, "locale.stale",
             "'" + id + "' was translated from an older English (\"" + m.source +
                 "\"); it prints in English until it is translated again",
             m.target_pos);
    if (!balanced_bidi(text))
      report(diags, Severity::Error, "locale.bidi-unbalanced",
             "'" + id + "': a directional embedding, isolate or <span dir> is opened and not closed (or closed twice)",
             m.target_pos);

    for (const auto& [arg, keys] : shape->plurals) {
      std::set<std::string> missing, extra;
      std::set_difference(categories.begin(), categories.end(), keys.begin(), keys.end(),
                          std::inserter(missing, missing.end()));
      std::set_difference(keys.begin(), keys.end(), categories.begin(), categories.end(),
                          std::inserter(extra, extra.end()));
      if (!missing.empty())
        report(diags, Severity::Error, "locale.plural-missing",
               "'" + id + "': plural {" + arg + "} lacks " + join(missing) + " (" + locale.english_name + " needs " +
                   join(categories) + ")",
               m.target_pos);
      if (!extra.empty())
        report(
            diags, Severity::Warning, "locale.plural-extra",
            "'" + id + "': plural {" + arg + "} has " + join(extra) + ", which " + locale.english_name + " never uses",
            m.target_pos);
    }
    if (is_source) continue;

    int o = 0;
    std::string e;
    if (i18n::message_too_deep(source->source) >= 0) continue;
    auto want = analyse(source->source, o, e);
    if (!want) continue;  // reported when the English catalogue is checked
    for (const auto& name : want->names)
      if (!shape->names.count(name)) {
        // In ICU an apostrophe before a brace quotes it: '{name}' is the text "{name}".
        const bool quoted = text.find("'{" + name) != std::string::npos;
        report(diags, Severity::Error, "locale.placeholder-missing",
               "'" + id + "': the translation lost the placeholder {" + name + "}" +
                   (quoted ? ": an apostrophe right before '{' makes it plain text; remove it, or write two "
                             "apostrophes ('') for one"
                           : ""),
               m.target_pos);
      }
    for (const auto& name : shape->names)
      if (!want->names.count(name))
        report(diags, Severity::Error, "locale.placeholder-unknown",
               "'" + id + "': the translation uses {" + name + "}, which the English does not have", m.target_pos);
    for (const auto& [arg, keys] : want->selects) {
      auto it = shape->selects.find(arg);
      if (it == shape->selects.end()) continue;  // the translation need not vary here
      std::set<std::string> missing;
      std::set_difference(keys.begin(), keys.end(), it->second.begin(), it->second.end(),
                          std::inserter(missing, missing.end()));
      if (!missing.empty())
        report(diags, Severity::Error, "locale.select-missing",
               "'" + id + "': select {" + arg + "} lacks the branches " + join(missing), m.target_pos);
    }
  }
}

}  // namespace quire::l10n
