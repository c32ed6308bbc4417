// Locale facts from ICU (CLDR). A few tags we serve have no ICU data of their own;
// they format with a close relative, named here once.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "i18n/icu_locale.hpp"
#include "i18n/locale.hpp"

namespace quire::i18n {

namespace {

struct Alias {
  std::string_view tag;
  std::string_view icu_id;
  std::string_view english_name;  // ICU's own name is missing or misleading for these
};

// Dari has no CLDR locale: it is the Afghan variety of Persian (fa_AF).
// Kurmanji is ICU's "ku"; Sorani ("ckb") has data of its own.
constexpr Alias kAliases[] = {
    {"prs", "fa_AF", "Dari"},
    {"kmr", "ku", "Kurdish (Kurmanji)"},
    {"ckb", "ckb", "Kurdish (Sorani)"},
    {"bn", "bn", "Bengali"},  // CLDR says "Bangla"; UK services and families say Bengali
};

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

icu::Locale icu_locale(const LocaleInfo& info) {
  // UK documents use the Gregorian calendar whatever the locale's default (fa: Persian).
  icu::Locale loc(info.icu_id.c_str());
  UErrorCode status = U_ZERO_ERROR;
  loc.setKeywordValue("calendar", "gregorian", status);
  return loc;
}

std::optional<LocaleInfo> locale_info(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale parsed =
      icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || parsed.isBogus() || std::string_view(parsed.getLanguage()).empty()) return std::nullopt;

  LocaleInfo info;
  std::string canonical = parsed.toLanguageTag<std::string>(status);
  if (U_FAILURE(status)) return std::nullopt;
  info.tag = canonical;
  info.icu_id = parsed.getName();
  std::string_view override_name;
  for (const auto& alias : kAliases) {
    if (info.tag == alias.tag) {
      info.icu_id = alias.icu_id;
      override_name = alias.english_name;
    }
  }

  icu::Locale icu(info.icu_id.c_str());
  info.direction = icu.isRightToLeft() ? model::Direction::Rtl : model::Direction::Ltr;
  icu::UnicodeString name;
  info.english_name = override_name.empty() ? to_utf8(parsed.getDisplayName(icu::Locale::getEnglish(), name))
                                            : std::string(override_name);
  name.remove();
  info.native_name = to_utf8(icu.getDisplayName(icu, name));

  icu::Locale likely = icu;
  status = U_ZERO_ERROR;
  likely.addLikelySubtags(status);
  info.script = U_SUCCESS(status) ? likely.getScript() : "";
  return info;
}

}  // namespace quire::i18n
