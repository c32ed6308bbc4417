// Localisation runtime: locale facts from ICU, translation catalogues (XLIFF 1.2)
// and message formatting (ICU MessageFormat) with visible fallback to English.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/document.hpp"
#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

namespace quire::i18n {

/// The tag every catalogue is translated from.
inline constexpr std::string_view kSourceLocale = "en-GB";

/// Messages the engine itself prints (not any template): kept by `locales extract`.
inline constexpr std::string_view kFallbackNoticeId = "common.fallback_notice";
/// The sentence on a page left blank before a section that starts on an odd page.
inline constexpr std::string_view kBlankPageId = "common.blank_page";
/// The words that go with RAG colours (never colour alone), in the document's language.
inline constexpr std::string_view kRagIds[] = {"common.rag.red", "common.rag.amber", "common.rag.green",
                                               "common.rag.blue"};
inline constexpr std::string_view kEngineMessageIds[] = {kFallbackNoticeId, kBlankPageId, kRagIds[0],
                                                         kRagIds[1],        kRagIds[2],   kRagIds[3]};

/// Facts about a locale, all taken from ICU (CLDR) rather than tables of our own.
struct LocaleInfo {
  std::string tag;     ///< BCP 47 as the user gave it, canonicalised ("zh-Hans", "prs")
  std::string icu_id;  ///< the ICU locale used for formatting (may be a close relative: prs -> fa_AF)
  model::Direction direction = model::Direction::Ltr;
  std::string english_name;  ///< "Pashto"
  std::string native_name;   ///< "پښتو"
  std::string script;        ///< ISO 15924 ("Arab", "Ethi", "Latn", "Hans")
};

/// Looks a locale up in ICU. Unknown or malformed tags give nullopt.
std::optional<LocaleInfo> locale_info(std::string_view tag);

/// The shipped locale closest to `tag` as people write it: the same tag, else an entry of a
/// small alias table (fa-AF is Dari "prs", ku is Kurmanji "kmr", ku-Arab is Sorani "ckb"),
/// else the shipped locale with the same language and likely script (ICU likely subtags:
/// ar-SA -> ar, zh-CN -> zh-Hans, en-US -> en-GB, but not zh-TW -> zh-Hans). nullopt if none.
std::optional<std::string> closest_locale(std::string_view tag, const std::vector<std::string>& available);

/// Translation state of one string (DESIGN.md section 4), as recorded in the catalogue.
enum class TranslationState { New, Translated, Reviewed, Final };

/// One translatable string of one locale.
struct Message {
  std::string id;      ///< stable key, "pledge.promise.home"
  std::string source;  ///< English source this translation was made from (ICU MessageFormat)
  std::string target;  ///< translation (ICU MessageFormat); empty = not translated
  TranslationState state = TranslationState::New;
  bool machine_drafted = false;               ///< drafted without a human translator; needs review
  std::string note;                           ///< context for translators, from the developers
  std::vector<std::string> translator_notes;  ///< notes translators left for reviewers
  int max_width = 0;                          ///< maximum length in characters where the page needs it; 0 = none
  bool needs_review = false;                  ///< marked needs-review-* (e.g. exported as stale, not yet redone)
  bool has_target_element = false;            ///< the file had a <target> (possibly empty)
  std::string declared_state;                 ///< the target's state attribute as written ("" if none)
  SourcePos pos;                              ///< where the unit was read (file:line:col), for reports
  SourcePos target_pos;                       ///< where its target text starts (the unit's position if none)
};

/// How deeply a message's braces may nest: `{n, plural, one {{who} ...}}` is 3. ICU's
/// parser accepts thousands of levels but MessageFormat::format then recurses through
/// them until the stack runs out, so catalogues, checks, imports and the Localiser all
/// refuse deeper messages ("locale.limit").
inline constexpr int kMaxMessageNesting = 20;

/// The offset (in bytes) of the first brace in `pattern` that opens a level deeper than
/// kMaxMessageNesting, or -1. Quoted text ('{' in ICU's apostrophe mode) does not count.
long message_too_deep(std::string_view pattern);

/// All strings of one locale, read from `locales/<tag>/*.xlf`.
class Catalogue {
 public:
  /// Parses one XLIFF 1.2 file and merges its units; problems go to `diags` with file:line:col.
  void load_xliff(std::string_view xml, const std::string& file, Diagnostics& diags);
  [[nodiscard]] const Message* find(std::string_view id) const;
  [[nodiscard]] const std::map<std::string, Message, std::less<>>& messages() const { return messages_; }
  /// Ids in the order the files list them (the English catalogue's order is the page's order).
  [[nodiscard]] const std::vector<std::string>& order() const { return order_; }
  /// Adds or replaces a message (keeping its place in order()).
  void put(Message m);
  /// Removes a message; returns false if there was none.
  bool erase(std::string_view id);

  std::string tag;
  struct Note {
    std::string from;  ///< "translator", "developer" or empty
    std::string text;
  };
  std::vector<Note> header_notes;  ///< file-level notes (who translated, review status)

 private:
  std::map<std::string, Message, std::less<>> messages_;
  std::vector<std::string> order_;
};

/// A calendar date (no time zone: plans and pledges carry dates, not instants).
struct Date {
  int year = 0, month = 0, day = 0;
  bool operator==(const Date&) const = default;
};

/// Parses "YYYY-MM-DD"; nullopt if malformed or not a real date.
std::optional<Date> parse_date(std::string_view iso);

/// A moment written in ISO 8601: "2026-03-14T16:00", with seconds and a zone ("Z",
/// "+01:00") optional. Without a zone it is wall-clock time where the document is read
/// (Europe/London unless a template says otherwise).
struct DateTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset_minutes;  ///< east of UTC, when the text gives one
};

/// Parses an ISO 8601 date-time (a 'T' between date and time); nullopt if malformed or impossible.
std::optional<DateTime> parse_datetime(std::string_view iso);

/// Days from 1970-01-01 (proleptic Gregorian), and back: date arithmetic for templates.
long days_from_epoch(const Date& d);
Date date_from_days(long days);

/// An argument to a message: text, number or date.
using Arg = std::variant<std::string, double, Date>;
using Args = std::vector<std::pair<std::string, Arg>>;

/// Why a message came out in English instead of the requested locale.
struct Fallback {
  std::string id;
  enum class Reason { Missing, Stale, Invalid } reason = Reason::Missing;
};

/// Formats messages, dates and numbers for one locale. Not thread-safe: use one per thread.
class Localiser {
 public:
  /// `target` and `source` must outlive the Localiser; `source` is the en-GB catalogue.
  Localiser(LocaleInfo info, const Catalogue* target, const Catalogue* source);
  ~Localiser();
  Localiser(const Localiser&) = delete;
  Localiser& operator=(const Localiser&) = delete;

  [[nodiscard]] const LocaleInfo& info() const { return info_; }

  /// Formats message `id` with `args`. A missing, stale (source changed) or broken
  /// translation falls back to English and is recorded in fallbacks(); an id unknown
  /// even in English is an error in `diags` and gives the id itself.
  /// `isolate_arguments`: every argument shown as it is ({name}, {n, number}, {d, date},
  /// plural's #) comes out as a bidi isolate (FSI ... PDI), for text that is laid out.
  std::string message(std::string_view id, const Args& args, Diagnostics& diags, bool isolate_arguments = false);

  /// True if `id` exists in the English source catalogue.
  [[nodiscard]] bool has_message(std::string_view id) const;

  /// Locale-formatted date; style is "short", "medium", "long" or "full".
  std::string format_date(const Date& date, std::string_view style);
  /// A date, a time or both of `moment` in the locale's calendar, digits and order, in
  /// time zone `zone` (an Olson id, "Europe/London"). `pattern` is a style ("short",
  /// "medium", "long", "full") or an ICU skeleton ("yMMMd", "Hm", "EEEEd MMMM"), whose fields
  /// ICU arranges as the locale writes them. nullopt and `error` when ICU refuses.
  /// A moment without a zone of its own is wall-clock time in `wall_zone`.
  std::optional<std::string> format_moment(const DateTime& moment, std::string_view pattern, bool date, bool time,
                                           std::string_view zone, std::string_view wall_zone, std::string& error);
  /// The same for a calendar date, with an ICU skeleton of date fields only.
  std::optional<std::string> format_date_skeleton(const Date& date, std::string_view skeleton, std::string& error);
  /// Locale-formatted number (grouping, the locale's digits) with at most `max_fraction` decimals.
  std::string format_number(double value, int max_fraction = 2);
  /// The locale's default digits 0-9 (UTF-8), "0123456789" for Latin ones.
  std::string digits();
  /// CLDR plural category of `n` in this locale ("zero", "one", "two", "few", "many", "other").
  std::string plural_category(double n);

  /// Messages that fell back to English since the last reset_fallbacks().
  [[nodiscard]] const std::vector<Fallback>& fallbacks() const { return fallbacks_; }
  void reset_fallbacks() { fallbacks_.clear(); }

 private:
  bool same_arguments(std::string_view id, const Message& english, const Message& translated);
  struct Cache;
  LocaleInfo info_;
  const Catalogue* target_;
  const Catalogue* source_;
  std::vector<Fallback> fallbacks_;
  std::unique_ptr<Cache> cache_;  // compiled ICU formatters, reused across documents
};

/// Loads and caches catalogues from `<root>/<tag>/*.xlf` through a World.
class LocaleStore {
 public:
  LocaleStore(const World& world, std::string root);
  /// The catalogue for `tag` (loaded on first use); nullptr if the folder does not exist.
  const Catalogue* catalogue(std::string_view tag, Diagnostics& diags);
  /// Every locale tag with a folder under the root, sorted.
  [[nodiscard]] std::vector<std::string> available() const;

 private:
  const World& world_;
  std::string root_;
  std::map<std::string, std::unique_ptr<Catalogue>, std::less<>> loaded_;
};

}  // namespace quire::i18n
