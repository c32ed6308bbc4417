// Message, date and number formatting for one locale, with ICU formatters compiled
// once and kept for the life of the Localiser (one per worker thread).
#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/numsys.h>
#include <unicode/plurrule.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "i18n/icu_locale.hpp"
#include "i18n/locale.hpp"
#include "i18n/message_parts.hpp"

namespace quire::i18n {

namespace {

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Noon UTC: the same calendar date in every time zone a formatter might assume (UTC-11..+11).
UDate to_udate(const Date& d) {
  return (static_cast<double>(days_from_civil(d.year, d.month, d.day)) * 86400.0 + 43200.0) * 1000.0;
}

icu::DateFormat::EStyle date_style(std::string_view style) {
  if (style == "short") return icu::DateFormat::kShort;
  if (style == "medium") return icu::DateFormat::kMedium;
  if (style == "full") return icu::DateFormat::kFull;
  return icu::DateFormat::kLong;
}

icu::UnicodeString pattern_of(const icu::DateFormat* f) {
  icu::UnicodeString p;
  if (const auto* s = dynamic_cast<const icu::SimpleDateFormat*>(f)) s->toPattern(p);
  return p;
}

// Date patterns for languages whose ICU data has none of its own and inherits the root
// locale's year-first ISO order ("2026 adarê 14"). Kurmanji: CLDR 44 and later give
// day-month-year (long "d'ê' MMMM'a' y'an'"), but with bare month names ("adar"); ICU 72
// (Debian 12, CLDR 42) has the construct-state forms ("adarê"), so the same order is written
// without CLDR 44's suffixes: "14ê adarê 2026". Used only while ICU has root's patterns, so
// a newer ICU's own data wins.
struct DatePatterns {
  std::string_view language;
  const char16_t* full;
  const char16_t* long_;
  const char16_t* medium;
  const char16_t* short_;
};
constexpr DatePatterns kDatePatterns[] = {
    {"ku", u"EEEE, d'ê' MMMM y", u"d'ê' MMMM y", u"d MMM y", u"dd.MM.y"},
};

// The date pattern for `style` in `loc`: ICU's own, or the table's above.
icu::UnicodeString date_pattern(const icu::Locale& loc, icu::DateFormat::EStyle style) {
  std::unique_ptr<icu::DateFormat> own(icu::DateFormat::createDateInstance(style, loc));
  icu::UnicodeString p = pattern_of(own.get());
  for (const auto& d : kDatePatterns) {
    if (d.language != loc.getLanguage()) continue;
    std::unique_ptr<icu::DateFormat> root(icu::DateFormat::createDateInstance(style, icu::Locale::getRoot()));
    if (p != pattern_of(root.get())) break;  // ICU has data of its own
    switch (style) {
      case icu::DateFormat::kFull:
        return d.full;
      case icu::DateFormat::kLong:
        return d.long_;
      case icu::DateFormat::kShort:
        return d.short_;
      default:
        return d.medium;
    }
  }
  return p;
}

// Replaces the date arguments of a compiled message ("{d, date, long}") that use ICU's root
// patterns by date_pattern()'s, for the languages of kDatePatterns.
void fix_date_arguments(icu::MessageFormat& fmt, const icu::Locale& loc) {
  if (std::none_of(std::begin(kDatePatterns), std::end(kDatePatterns),
                   [&](const DatePatterns& d) { return d.language == loc.getLanguage(); }))
    return;
  int32_t count = 0;
  const icu::Format** formats = fmt.getFormats(count);
  if (!formats) return;
  std::vector<std::pair<int32_t, icu::UnicodeString>> replace;
  for (int32_t i = 0; i < count; ++i) {
    const auto* df = dynamic_cast<const icu::SimpleDateFormat*>(formats[i]);
    if (!df) continue;
    const icu::UnicodeString have = pattern_of(df);
    for (auto style :
         {icu::DateFormat::kFull, icu::DateFormat::kLong, icu::DateFormat::kMedium, icu::DateFormat::kShort}) {
      std::unique_ptr<icu::DateFormat> own(icu::DateFormat::createDateInstance(style, loc));
      if (have == pattern_of(own.get())) {
        icu::UnicodeString want = date_pattern(loc, style);
        if (want != have) replace.emplace_back(i, want);
        break;
      }
    }
  }
  for (const auto& [i, pattern] : replace) {
    UErrorCode status = U_ZERO_ERROR;
    icu::SimpleDateFormat f(pattern, loc, status);
    if (U_SUCCESS(status)) fmt.setFormat(i, f);
  }
}

}  // namespace

long days_from_epoch(const Date& d) {
  return days_from_civil(d.year, d.month, d.day);
}

Date date_from_days(long z) {  // Howard Hinnant's civil_from_days
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

std::optional<DateTime> parse_datetime(std::string_view iso) {
  if (iso.size() < 16 || iso[10] != 'T') return std::nullopt;
  auto date = parse_date(iso.substr(0, 10));
  if (!date) return std::nullopt;
  DateTime t;
  t.date = *date;
  auto num = [&](std::size_t at, int& out) {
    if (at + 2 > iso.size()) return false;
    auto [p, ec] = std::from_chars(iso.data() + at, iso.data() + at + 2, out);
    return ec == std::errc() && p == iso.data() + at + 2;
  };
  if (!num(11, t.hour) || iso[13] != ':' || !num(14, t.minute)) return std::nullopt;
  std::size_t at = 16;
  if (at < iso.size() && iso[at] == ':') {
    if (!num(at + 1, t.second)) return std::nullopt;
    at += 3;
    if (at < iso.size() && iso[at] == '.') {  // fractions of a second: read, not shown
      ++at;
      while (at < iso.size() && iso[at] >= '0' && iso[at] <= '9') ++at;
    }
  }
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  if (at == iso.size()) return t;
  if (iso[at] == 'Z' && at + 1 == iso.size()) {
    t.offset_minutes = 0;
    return t;
  }
  int oh = 0, om = 0;
  if ((iso[at] != '+' && iso[at] != '-') || at + 6 != iso.size() || !num(at + 1, oh) || iso[at + 3] != ':' ||
      !num(at + 4, om) || oh > 14 || om > 59)
    return std::nullopt;
  t.offset_minutes = (iso[at] == '-' ? -1 : 1) * (oh * 60 + om);
  return t;
}

std::optional<Date> parse_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  Date d;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto [p, ec] = std::from_chars(iso.data() + at, iso.data() + at + len, out);
    return ec == std::errc() && p == iso.data() + at + len;
  };
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

struct Localiser::Cache {
  icu::Locale locale;
  icu::Locale source_locale{"en_GB"};
  // Compiled messages; nullptr records a translation that does not compile.
  std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> translated;
  std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> english;
  std::map<int, std::unique_ptr<icu::DateFormat>> dates;
  std::map<int, icu::number::LocalizedNumberFormatter> numbers;
  std::unique_ptr<icu::PluralRules> plurals;
  std::map<std::string, std::vector<std::string>, std::less<>> needs;  // argument names each English message uses
  std::map<std::string, bool, std::less<>> same;  // whether a translation uses exactly the English's arguments

  // The names of the arguments `pattern` uses, at any depth.
  static std::vector<std::string> argument_names(const std::string& pattern) {
    std::vector<std::string> names;
    if (message_too_deep(pattern) >= 0) return names;
    UErrorCode status = U_ZERO_ERROR;
    icu::MessagePattern mp(from_utf8(pattern), nullptr, status);
    if (U_FAILURE(status)) return names;
    for (int32_t i = 0; i < mp.countParts(); ++i) {
      const icu::MessagePattern::Part& part = mp.getPart(i);
      if (part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) continue;
      std::string name = to_utf8(mp.getSubstring(part));
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
  }

  // `pattern` with every argument shown as it is (not a plural or select, whose bodies are
  // the sentence's own text) wrapped in FSI ... PDI; the pattern itself if ICU cannot parse it.
  static icu::UnicodeString isolated(const icu::UnicodeString& pattern) {
    UErrorCode status = U_ZERO_ERROR;
    icu::MessagePattern mp(pattern, nullptr, status);
    if (U_FAILURE(status)) return pattern;
    std::vector<std::pair<int32_t, char16_t>> marks;  // (offset, FSI or PDI)
    for (int32_t i = 0; i < mp.countParts(); ++i) {
      const icu::MessagePattern::Part& part = mp.getPart(i);
      if (part.getType() == UMSGPAT_PART_TYPE_REPLACE_NUMBER) {
        marks.emplace_back(part.getIndex(), u'\u2068');
        marks.emplace_back(part.getLimit(), u'\u2069');
      } else if (part.getType() == UMSGPAT_PART_TYPE_ARG_START &&
                 (part.getArgType() == UMSGPAT_ARG_TYPE_NONE || part.getArgType() == UMSGPAT_ARG_TYPE_SIMPLE)) {
        marks.emplace_back(part.getIndex(), u'\u2068');
        marks.emplace_back(mp.getPart(mp.getLimitPartIndex(i)).getLimit(), u'\u2069');
      }
    }
    // From the end, so that the offsets before each insertion stay valid.
    std::stable_sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    icu::UnicodeString out = pattern;
    for (const auto& [at, mark] : marks) out.insert(at, mark);
    return out;
  }

  static std::unique_ptr<icu::MessageFormat> compile(const std::string& pattern, const icu::Locale& loc,
                                                     bool isolate = false) {
    if (message_too_deep(pattern) >= 0) return nullptr;  // ICU would recurse through it when formatting
    UErrorCode status = U_ZERO_ERROR;
    // <span dir> in the message: an isolate in laid-out text, nothing elsewhere.
    const icu::UnicodeString text = from_utf8(dir_spans(pattern, isolate));
    auto fmt = std::make_unique<icu::MessageFormat>(isolate ? isolated(text) : text, loc, status);
    if (U_FAILURE(status)) return nullptr;
    fix_date_arguments(*fmt, loc);
    return fmt;
  }
};

Localiser::Localiser(LocaleInfo info, const Catalogue* target, const Catalogue* source)
    : info_(std::move(info)), target_(target), source_(source), cache_(std::make_unique<Cache>()) {
  cache_->locale = icu_locale(info_);
}

Localiser::~Localiser() = default;

bool Localiser::has_message(std::string_view id) const {
  return source_ && source_->find(id);
}

// A catalogue edited by hand can compile and still name {nmae} (ICU would print it raw)
// or drop {name} (the child's name lost): `locales check` reports both, and rendering
// never trusts the catalogue to have been checked.
bool Localiser::same_arguments(std::string_view id, const Message& english, const Message& translated) {
  auto it = cache_->same.find(id);
  if (it == cache_->same.end()) {
    auto want = Cache::argument_names(english.source), got = Cache::argument_names(translated.target);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    it = cache_->same.emplace(std::string(id), want == got).first;
  }
  return it->second;
}

std::string Localiser::message(std::string_view id, const Args& args, Diagnostics& diags, bool isolate_arguments) {
  const Message* english = source_ ? source_->find(id) : nullptr;
  if (!english) {
    diags.error(Origin::Template, "template.unknown-message",
                "no message '" + std::string(id) + "' in the English source catalogue");
    return std::string(id);
  }

  icu::MessageFormat* fmt = nullptr;
  // Compiled messages are cached per id, the isolating form under a key of its own.
  const std::string key = isolate_arguments ? "\x01" + std::string(id) : std::string(id);
  const Message* translated = target_ ? target_->find(id) : nullptr;
  std::optional<Fallback::Reason> fallback;
  if (!translated || translated->target.empty() || translated->state == TranslationState::New) {
    fallback = Fallback::Reason::Missing;
  } else if (translated->source != english->source) {
    fallback = Fallback::Reason::Stale;  // the English changed after this translation was made
  } else {
    auto it = cache_->translated.find(key);
    if (it == cache_->translated.end())
      it = cache_->translated.emplace(key, Cache::compile(translated->target, cache_->locale, isolate_arguments)).first;
    fmt = it->second.get();
    if (!fmt || !same_arguments(id, *english, *translated)) fallback = Fallback::Reason::Invalid;
  }
  if (fallback) {
    fallbacks_.push_back({std::string(id), *fallback});
    auto it = cache_->english.find(key);
    if (it == cache_->english.end())
      it =
          cache_->english.emplace(key, Cache::compile(english->source, cache_->source_locale, isolate_arguments)).first;
    fmt = it->second.get();
    if (!fmt) {
      diags.error(Origin::Locale, "locale.invalid-source",
                  "the English source of '" + std::string(id) + "' is not valid ICU MessageFormat", english->pos);
      return english->source;
    }
  }

  // ICU leaves a missing argument as "{name}" in the text: a template that forgot one
  // would print "Dear {name}," and succeed. The English decides what a message needs.
  auto needs = cache_->needs.find(id);
  if (needs == cache_->needs.end())
    needs = cache_->needs.emplace(std::string(id), Cache::argument_names(english->source)).first;
  for (const auto& name : needs->second)
    if (std::none_of(args.begin(), args.end(), [&](const auto& a) { return a.first == name; })) {
      diags.error(Origin::Template, "template.message-args",
                  "message '" + std::string(id) + "' needs the argument '" + name + "': t('" + std::string(id) + "', " +
                      name + "=...)");
      return english->source;
    }

  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(from_utf8(name));
    if (const auto* s = std::get_if<std::string>(&value))
      values.emplace_back(from_utf8(*s));
    else if (const auto* n = std::get_if<double>(&value))
      values.emplace_back(*n);
    else
      values.emplace_back(to_udate(std::get<Date>(value)), icu::Formattable::kIsDate);
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  fmt->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  if (U_FAILURE(status)) {
    diags.error(Origin::Template, "template.message-args",
                "message '" + std::string(id) + "' could not be formatted with the arguments given (" +
                    u_errorName(status) +
                    "): an argument the message shows as {x, date, ...} needs a date (| as_date), and {x, number} or a "
                    "plural needs a number");
    return english->source;
  }
  return to_utf8(out);
}

std::string Localiser::format_date(const Date& date, std::string_view style) {
  auto key = static_cast<int>(date_style(style));
  auto it = cache_->dates.find(key);
  if (it == cache_->dates.end()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateFormat> fmt(
        new icu::SimpleDateFormat(date_pattern(cache_->locale, date_style(style)), cache_->locale, status));
    if (U_FAILURE(status)) fmt.reset(icu::DateFormat::createDateInstance(date_style(style), cache_->locale));
    if (fmt) fmt->setTimeZone(*icu::TimeZone::getGMT());
    it = cache_->dates.emplace(key, std::move(fmt)).first;
  }
  if (!it->second) return std::to_string(date.year) + "-" + std::to_string(date.month) + "-" + std::to_string(date.day);
  icu::UnicodeString out;
  it->second->format(to_udate(date), out);
  return to_utf8(out);
}

namespace {

/// A style name, or nullopt for a skeleton.
std::optional<icu::DateFormat::EStyle> style_of(std::string_view pattern) {
  if (pattern == "short" || pattern == "medium" || pattern == "long" || pattern == "full") return date_style(pattern);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Localiser::format_moment(const DateTime& moment, std::string_view pattern, bool date,
                                                    bool time, std::string_view zone, std::string_view wall_zone,
                                                    std::string& error) {
  auto zone_of = [&](std::string_view id) -> std::unique_ptr<icu::TimeZone> {
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(from_utf8(id)));
    if (!tz || *tz == icu::TimeZone::getUnknown()) {
      error = "'" + std::string(id) + "' is not a time zone (Europe/London, Asia/Kabul...)";
      return nullptr;
    }
    return tz;
  };
  std::unique_ptr<icu::TimeZone> tz = zone_of(zone), wall = zone_of(wall_zone);
  if (!tz || !wall) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  UDate when;
  if (moment.offset_minutes) {
    const double days = static_cast<double>(days_from_epoch(moment.date));
    when = ((days * 24 + moment.hour) * 60 + moment.minute - *moment.offset_minutes) * 60000.0 + moment.second * 1000.0;
  } else {  // wall-clock time in the zone
    std::unique_ptr<icu::Calendar> cal(
        icu::Calendar::createInstance(wall.release(), icu::Locale("en_GB@calendar=gregorian"), status));
    if (U_FAILURE(status)) {
      error = u_errorName(status);
      return std::nullopt;
    }
    cal->clear();
    cal->set(moment.date.year, moment.date.month - 1, moment.date.day, moment.hour, moment.minute, moment.second);
    when = cal->getTime(status);
  }
  std::unique_ptr<icu::DateFormat> fmt;
  if (auto style = style_of(pattern)) {
    fmt.reset(icu::DateFormat::createDateTimeInstance(date ? *style : icu::DateFormat::kNone,
                                                      time ? *style : icu::DateFormat::kNone, cache_->locale));
  } else {
    std::unique_ptr<icu::DateTimePatternGenerator> gen(
        icu::DateTimePatternGenerator::createInstance(cache_->locale, status));
    if (U_FAILURE(status) || !gen) {
      error = u_errorName(status);
      return std::nullopt;
    }
    icu::UnicodeString best = gen->getBestPattern(from_utf8(pattern), status);
    if (U_FAILURE(status)) {
      error = "'" + std::string(pattern) + "' is not a style (short, medium, long, full) or an ICU skeleton";
      return std::nullopt;
    }
    fmt = std::make_unique<icu::SimpleDateFormat>(best, cache_->locale, status);
  }
  if (U_FAILURE(status) || !fmt) {
    error = "'" + std::string(pattern) + "': " + u_errorName(status);
    return std::nullopt;
  }
  fmt->adoptTimeZone(tz.release());
  icu::UnicodeString out;
  fmt->format(when, out);
  return to_utf8(out);
}

std::optional<std::string> Localiser::format_date_skeleton(const Date& date, std::string_view skeleton,
                                                           std::string& error) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> gen(
      icu::DateTimePatternGenerator::createInstance(cache_->locale, status));
  if (U_FAILURE(status) || !gen) {
    error = u_errorName(status);
    return std::nullopt;
  }
  icu::UnicodeString best = gen->getBestPattern(from_utf8(skeleton), status);
  if (U_FAILURE(status)) {
    error = "'" + std::string(skeleton) + "' is not a style (short, medium, long, full) or an ICU skeleton";
    return std::nullopt;
  }
  icu::SimpleDateFormat fmt(best, cache_->locale, status);
  if (U_FAILURE(status)) {
    error = "'" + std::string(skeleton) + "': " + u_errorName(status);
    return std::nullopt;
  }
  fmt.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString out;
  fmt.format(to_udate(date), out);
  return to_utf8(out);
}

std::string Localiser::format_number(double value, int max_fraction) {
  auto it = cache_->numbers.find(max_fraction);
  if (it == cache_->numbers.end()) {
    auto fmt = icu::number::NumberFormatter::withLocale(cache_->locale)
                   .precision(icu::number::Precision::maxFraction(max_fraction < 0 ? 0 : max_fraction));
    it = cache_->numbers.emplace(max_fraction, std::move(fmt)).first;
  }
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = it->second.formatDouble(value, status);
  if (U_FAILURE(status)) return std::to_string(value);
  return to_utf8(formatted.toString(status));
}

std::string Localiser::digits() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberingSystem> ns(icu::NumberingSystem::createInstance(cache_->locale, status));
  if (U_FAILURE(status) || !ns || ns->isAlgorithmic() || ns->getRadix() != 10) return "0123456789";
  return to_utf8(ns->getDescription());
}

std::string Localiser::plural_category(double n) {
  if (!cache_->plurals) {
    UErrorCode status = U_ZERO_ERROR;
    cache_->plurals.reset(icu::PluralRules::forLocale(cache_->locale, status));
    if (U_FAILURE(status)) cache_->plurals.reset();
  }
  if (!cache_->plurals) return "other";
  return to_utf8(cache_->plurals->select(n));
}

}  // namespace quire::i18n
