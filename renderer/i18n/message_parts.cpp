#include "i18n/message_parts.hpp"

#include <unicode/messagepattern.h>
#include <unicode/unistr.h>

#include <utility>

#include "i18n/locale.hpp"

namespace quire::i18n {

std::vector<MessagePart> split_message(std::string_view pattern) {
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

int message_length(std::string_view pattern) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  return u.countChar32();
}

}  // namespace quire::i18n
