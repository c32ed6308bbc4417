// Locales as people write them ("ar-SA", "fa-AF", "zh-CN") -> the closest shipped catalogue.
#include <unicode/locid.h>

#include <algorithm>
#include <cctype>

#include "i18n/locale.hpp"

namespace quire::i18n {

namespace {

// Tags whose closest catalogue likely subtags cannot find: a different language code, or a
// variety ICU files under another language. docs/ARCHITECTURE.md describes the table.
struct Closest {
  std::string_view from;  // canonical BCP 47, lower case
  std::string_view to;
};
constexpr Closest kAliasTable[] = {
    {"fa-af", "prs"},       // Persian as written in Afghanistan is Dari
    {"fa-arab-af", "prs"},  //
    {"ku", "kmr"},          // ICU's "ku" is Kurmanji (Latin script)
    {"ku-latn", "kmr"},     //
    {"ku-tr", "kmr"},       //
    {"ku-sy", "kmr"},       //
    {"ku-arab", "ckb"},     // Kurdish in Arabic script is Sorani
    {"ku-iq", "ckb"},       // most Kurdish speakers in Iraq and Iran write Sorani
    {"ku-ir", "ckb"},       //
    {"ckb-iq", "ckb"},      //
    {"kmr-tr", "kmr"},      //
    {"prs-af", "prs"},      //
    {"zh", "zh-Hans"},      //
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Likely {
  std::string language, script, region;
};

std::optional<Likely> likely(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || loc.isBogus() || std::string_view(loc.getLanguage()).empty()) return std::nullopt;
  Likely out{loc.getLanguage(), loc.getScript(), loc.getCountry()};
  icu::Locale full = loc;
  full.addLikelySubtags(status);
  if (U_SUCCESS(status)) {
    if (out.script.empty()) out.script = full.getScript();
    if (out.region.empty()) out.region = full.getCountry();
  }
  return out;
}

}  // namespace

std::optional<std::string> closest_locale(std::string_view given, const std::vector<std::string>& available) {
  std::string tag(given);  // ar_SA, as some tools write it, is ar-SA
  std::replace(tag.begin(), tag.end(), '_', '-');
  auto shipped = [&](std::string_view want) -> std::optional<std::string> {
    for (const auto& a : available)
      if (lower(a) == lower(want)) return a;
    return std::nullopt;
  };
  if (auto exact = shipped(tag)) return exact;
  auto info = locale_info(tag);
  std::string canonical = lower(info ? info->tag : std::string(tag));
  if (auto exact = shipped(canonical)) return exact;
  for (const auto& alias : kAliasTable)
    if (canonical == alias.from)
      if (auto hit = shipped(alias.to)) return hit;

  auto want = likely(canonical);
  if (!want) return std::nullopt;
  std::optional<std::string> best;
  int best_score = -1;
  for (const auto& a : available) {
    auto have = likely(a);
    if (!have || have->language != want->language || have->script != want->script) continue;
    int score = have->region == want->region ? 2 : 1;
    if (score > best_score) {
      best_score = score;
      best = a;
    }
  }
  return best;
}

}  // namespace quire::i18n
