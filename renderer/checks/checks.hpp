// The content checks of children's plans (issue 11): what a care plan or a pathway plan
// must contain by law, whether every action has an owner and a date, whether the child's
// voice is heard, and, for the editions written to the child, whether the words are plain.
// Each template keeps its rules as data (templates/<name>/checks.yaml, docs/CHECKS.md);
// a locale keeps its jargon list (locales/<tag>/jargon.csv). This stage reads them and
// checks one record; it does no I/O of its own (the api hands it the texts).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quire/diagnostic.hpp"

namespace quire::checks {

/// Largest checks.yaml or jargon.csv read; longer is refused (a rules file is a page or two).
inline constexpr std::size_t kMaxRulesBytes = 256 * 1024;
/// How many `extends` a rules file may chain through (my-plan -> care-plan is one).
inline constexpr int kMaxExtendsDepth = 4;

/// One statutory area: an id the record's `areas[].area` uses, and where the law asks for it.
struct Area {
  std::string id;
  std::string title;
  std::string source;  ///< the legal source, e.g. "CPPCR 2010 reg 5(b)(i), Sch 1 para 1"
};

/// A statutory matter held in a record field rather than in `areas[]` (the permanence plan,
/// the IRO's name, the contingency plan).
struct Field {
  enum class Kind { Text, Boolean };
  std::string pointer;  ///< JSON pointer into the record: "/plan/permanence"
  std::string title;
  std::string source;
  Kind kind = Kind::Text;
};

/// When the next review is due at the latest: `due` no more than `max_months` after `from`.
struct ReviewRule {
  bool enabled = false;
  std::string due = "/plan/review_due";
  std::string from = "/plan/written";
  int max_months = 6;
  std::string source;
};

/// A field required when a boolean is true (pathway plans: a parallel plan when `uasc`).
struct ConditionalRule {
  bool enabled = false;
  std::string when;   ///< pointer of the boolean: "/child/uasc"
  std::string field;  ///< pointer of the text required: "/parallel_plan"
  std::string source;
};

/// The language rules of an edition written to the child.
struct LanguageRule {
  bool enabled = false;
  bool jargon = true;
  int max_sentence_words = 20;
  /// Flesch reading ease an area's English text should reach (0 = report the score only).
  double min_reading_ease = 0;
  /// Pointers of the record texts the child's edition prints, `*` standing for any array
  /// index: "/areas/*/needs". Never the child's own `words` (refused when the rules load).
  std::vector<std::string> fields;
};

/// One template's rules, with any `extends` already applied.
struct Rules {
  std::string file;     ///< the checks.yaml they came from (the last of an extends chain)
  std::string edition;  ///< "professional" or "child"
  std::vector<Area> areas;
  std::vector<Field> fields;
  std::vector<std::string> voice_by;  ///< whose `views[].by` count as the child's voice
  ReviewRule review;
  ConditionalRule parallel_plan;
  LanguageRule language;

  [[nodiscard]] const Area* area(std::string_view id) const;
};

/// Finds the rules a file `extends` by the name it gives (a sibling template folder),
/// already loaded; nullopt (with diagnostics) when they cannot be.
using RulesResolver = std::function<std::optional<Rules>(const std::string& name, int depth, Diagnostics& diags)>;

/// Parses a checks.yaml. Problems are Template diagnostics: "template.checks-syntax" (YAML),
/// "template.checks" (a key, type or value the rules do not allow), with file:line:col.
/// `resolve` loads what an `extends` names (none: `extends` is an error); `depth` counts the
/// chain so far. Every problem is reported; returns nullopt when there was any error.
std::optional<Rules> parse_rules(std::string_view yaml, const std::string& file, Diagnostics& diags,
                                 const RulesResolver& resolve = {}, int depth = 0);

/// A locale's jargon list: a term and the plain words to say instead.
struct JargonTerm {
  std::string term;
  std::string plain;
  bool match_case = false;  ///< a term written with a capital ("LAC", "PEP") matches only so
};
struct Jargon {
  std::vector<JargonTerm> terms;  ///< longest first, so "care plan review" wins over "review"
};

/// Parses jargon.csv (`term,plain,note`, a header row, RFC 4180 quoting). A bad row is a
/// Locale diagnostic "locale.jargon" with its line; the good rows are kept.
Jargon parse_jargon(std::string_view csv, const std::string& file, Diagnostics& diags);

/// The Flesch reading ease of one area's English text (higher is easier; 60-70 is plain English).
struct ReadingEase {
  std::string pointer;  ///< "/areas/2"
  std::string area;     ///< its id
  double score = 0;
  int words = 0;
  int sentences = 0;
};

/// What check_record needs besides the rules and the record.
struct Context {
  std::string data_name;                     ///< the file name diagnostics show ("plan.json")
  std::vector<std::string> shipped_locales;  ///< the locales quire ships (child.language); empty: not checked
  std::vector<const Jargon*> jargon;         ///< the lists to use (the record's locale's, and English)
};

/// Checks one record against `rules`. First the record itself: wrong types, impossible dates,
/// unknown area ids, an unshipped `child.language` are Data errors ("data.type", "data.date",
/// "data.enum", "data.unknown-area", "data.unknown-language"), all of them; when there is any,
/// the content checks do not run. Then the findings (Origin::Check, codes "plan.*"), each with
/// a JSON pointer into the record. Returns the reading-ease score of each area (child's
/// editions only). Bounded by the record's size; never throws.
std::vector<ReadingEase> check_record(const Rules& rules, const nlohmann::json& record, const Context& context,
                                      Diagnostics& diags);

// The language measures, exposed for tests.
/// Splits text into sentences (at . ! ? and line breaks).
std::vector<std::string> split_sentences(std::string_view text);
/// Words in a sentence (runs of letters or digits).
int count_words(std::string_view sentence);
/// English syllables in a word, by vowel groups (an estimate, as every Flesch tool makes).
int count_syllables(std::string_view word);
/// Flesch reading ease of `text` (206.835 - 1.015 words/sentence - 84.6 syllables/word).
double flesch_reading_ease(std::string_view text, int* words = nullptr, int* sentences = nullptr);

}  // namespace quire::checks
