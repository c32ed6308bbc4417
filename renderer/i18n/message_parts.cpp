#include "i18n/message_parts.hpp"

#include <unicode/messagepattern.h>
#include <unicode/unistr.h>

#include <utility>

#include "i18n/locale.hpp"

namespace quire::i18n {

namespace {

std::vector<MessagePart> split_icu(std::string_view pattern);

struct DirTag {
  std::string_view tag, control;
};
constexpr DirTag kDirTags[] = {{"<span dir=\"ltr\">", "\u2066"},
                               {"<span dir=\"rtl\">", "\u2067"},
                               {"<span dir=\"auto\">", "\u2068"},
                               {"</span>", "\u2069"}};

// The direction tag at `at` in `s`, if any.
const DirTag* dir_tag_at(std::string_view s, size_t at) {
  for (const auto& t : kDirTags)
    if (s.substr(at, t.tag.size()) == t.tag) return &t;
  return nullptr;
}

// Cuts the text parts of `parts` at direction tags, which become codes.
std::vector<MessagePart> with_dir_tags(std::vector<MessagePart> parts) {
  std::vector<MessagePart> out;
  auto add = [&](std::string_view text, bool code) {
    if (text.empty()) return;
    if (!out.empty() && out.back().code && code)
      out.back().text += text;
    else
      out.push_back({std::string(text), code});
  };
  for (auto& part : parts) {
    if (part.code || part.text.find('<') == std::string::npos) {
      add(part.text, part.code);
      continue;
    }
    std::string_view s = part.text;
    size_t from = 0;
    for (size_t at = s.find('<'); at != std::string_view::npos; at = s.find('<', at + 1))
      if (const DirTag* t = dir_tag_at(s, at)) {
        add(s.substr(from, at - from), false);
        add(t->tag, true);
        from = at + t->tag.size();
        at = from - 1;
      }
    add(s.substr(from), false);
  }
  return out;
}

}  // namespace

std::string dir_spans(std::string_view pattern, bool isolates) {
  if (pattern.find('<') == std::string_view::npos) return std::string(pattern);
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '<')
      if (const DirTag* t = dir_tag_at(pattern, i)) {
        if (isolates) out += t->control;
        i += t->tag.size();
        continue;
      }
    out += pattern[i++];
  }
  return out;
}

std::vector<MessagePart> split_message(std::string_view pattern) {
  return with_dir_tags(split_icu(pattern));
}

namespace {

// The ICU syntax of `pattern` as codes.
std::vector<MessagePart> split_icu(std::string_view pattern) {
  std::vector<MessagePart> out;
  auto whole = [&] {
    out.clear();
    if (!pattern.empty()) out.push_back({std::string(pattern), false});
    return out;
  };
  if (message_too_deep(pattern) >= 0) return whole();
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern mp(u, nullptr, status);
  if (U_FAILURE(status)) return whole();

  // Code ranges in UTF-16 units, in order.
  std::vector<std::pair<int32_t, int32_t>> codes;
  auto code = [&](int32_t from, int32_t to) {
    if (to <= from) return;
    if (!codes.empty() && codes.back().second == from)
      codes.back().second = to;
    else
      codes.emplace_back(from, to);
  };
  std::vector<int32_t> open;  // per complex argument being walked: where its current code run began
  const int32_t count = mp.countParts();
  for (int32_t i = 0; i < count; ++i) {
    const auto& part = mp.getPart(i);
    switch (part.getType()) {
      case UMSGPAT_PART_TYPE_ARG_START: {
        auto type = part.getArgType();
        if (type == UMSGPAT_ARG_TYPE_NONE || type == UMSGPAT_ARG_TYPE_SIMPLE) {
          int32_t limit = mp.getLimitPartIndex(i);
          code(part.getIndex(), mp.getPart(limit).getLimit());
          i = limit;
        } else {
          open.push_back(part.getIndex());
        }
        break;
      }
      case UMSGPAT_PART_TYPE_MSG_START:
        if (!open.empty() && part.getValue() > 0 && open.back() >= 0) {
          code(open.back(), part.getLimit());
          open.back() = -1;
        }
        break;
      case UMSGPAT_PART_TYPE_MSG_LIMIT:
        if (!open.empty() && part.getValue() > 0) open.back() = part.getIndex();
        break;
      case UMSGPAT_PART_TYPE_ARG_LIMIT:
        if (!open.empty()) {
          code(open.back() >= 0 ? open.back() : part.getIndex(), part.getLimit());
          open.pop_back();
        }
        break;
      case UMSGPAT_PART_TYPE_REPLACE_NUMBER:
        code(part.getIndex(), part.getLimit());
        break;
      default:
        break;
    }
  }

  auto utf8 = [&](int32_t from, int32_t to) {
    std::string s;
    u.tempSubStringBetween(from, to).toUTF8String(s);
    return s;
  };
  int32_t at = 0;
  for (const auto& [from, to] : codes) {
    if (from > at) out.push_back({utf8(at, from), false});
    out.push_back({utf8(from, to), true});
    at = to;
  }
  if (at < u.length()) out.push_back({utf8(at, u.length()), false});
  return out;
}

}  // namespace

int message_length(std::string_view pattern) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  return u.countChar32();
}

}  // namespace quire::i18n
