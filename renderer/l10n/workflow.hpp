// The translators' workflow over catalogues (DESIGN.md section 4): what is left to
// translate, what went stale when the English changed, checks a CAT tool cannot do,
// and XLIFF export/import that never loses a translation. Pure functions: the caller
// reads and writes the files.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "i18n/locale.hpp"
#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

namespace quire::l10n {

using i18n::Catalogue;
using i18n::Message;

/// Where one message is used, for the context note translators see.
struct Usage {
  std::string template_name;  ///< "pledge"
  std::string where;          ///< "template.xml:18, heading 1"
};
using UsageMap = std::map<std::string, std::vector<Usage>, std::less<>>;

/// Status of one string in one locale.
enum class StringStatus { Missing, New, Translated, Reviewed, Final, Stale };
const char* to_string(StringStatus s);

/// `translated` may be null. Stale: translated from an English text that has since changed.
StringStatus classify(const Message& english, const Message* translated);

struct LocaleStatus {
  std::string tag;
  std::string name;  ///< English name of the language
  std::map<StringStatus, int> counts;
  int total = 0;            ///< strings in the English source
  int machine_drafted = 0;  ///< current translations still awaiting a human translator
  int broken = 0;           ///< current translations that cannot be printed (see broken())
  /// Share of English strings with a current, printable translation (translated, reviewed or final).
  [[nodiscard]] double percent_complete() const;
};

LocaleStatus status(const Catalogue& english, const Catalogue& target, const std::string& name);

/// Checks every source (in `english`) or every target (in `target`): ICU MessageFormat
/// syntax, the same placeholders as the English, plural branches for each of the
/// locale's CLDR categories (missing = error, extra = warning), select branches as in
/// the English, balanced bidi controls. Diagnostics carry the catalogue's file:line:col.
void check(const Catalogue& english, const Catalogue& target, const i18n::LocaleInfo& locale, Diagnostics& diags);

/// Ids whose current translation cannot be printed: it does not parse, its braces do not
/// balance, or its placeholders differ from the English's (rendering falls back to English).
std::set<std::string> broken(const Catalogue& english, const Catalogue& target);

/// Part of check() for translations: an error if most letters are in another script than
/// the locale's, a warning for letters of a neighbouring language of the same script
/// (Pashto's ښ in the Arabic catalogue). Placeholders are not looked at.
void check_language(const Message& m, const std::string& text, const SourcePos& pos, const i18n::LocaleInfo& locale,
                    Diagnostics& diags);

/// One agreed term of a locale's glossary (locales/<tag>/glossary.csv: term,translation,note;
/// alternative translations separated by "|").
struct GlossaryEntry {
  std::string term;                       ///< English, matched as whole words, case-insensitively
  std::vector<std::string> translations;  ///< any of these counts as the agreed term
  std::string note;
  SourcePos pos;
};

/// Parses a glossary CSV (header line optional, RFC 4180 quoting); problems go to `diags`.
std::vector<GlossaryEntry> parse_glossary(std::string_view text, const std::string& file, Diagnostics& diags);

/// A warning ("locale.glossary") for each current translation whose English uses a term
/// of the glossary and which contains none of the term's agreed translations (compared
/// after NFC, ignoring case, Arabic harakat and tatweel).
void check_glossary(const Catalogue& english, const Catalogue& target, const std::vector<GlossaryEntry>& glossary,
                    Diagnostics& diags);

/// After check(): when most translations of `target` drew a wrong-language warning, the
/// whole file is in another language (an Arabic file labelled Pashto): an error at `where`.
void check_file_language(const Catalogue& target, const i18n::LocaleInfo& locale, const SourcePos& where,
                         Diagnostics& diags);

/// The canonical XLIFF 1.2 text of a catalogue (the form stored in locales/<tag>/).
/// Units follow `english.order()`; for the English catalogue pass it twice.
std::string write_catalogue(const Catalogue& english, const Catalogue& target);

/// An XLIFF file for translators: every English string, the current translation and
/// state; stale strings marked needs-review-translation with the previous translation
/// as an alt-trans suggestion; missing ones state="new"; a context note per string.
std::string export_xliff(const Catalogue& english, const Catalogue& target, const UsageMap& usage);

/// A TMX 1.4b memory of `target`'s signed-off and final translations (not machine drafts,
/// not stale ones), one <tu tuid="id"> per string, for translators' own memories.
std::string export_tmx(const Catalogue& english, const Catalogue& target);

/// Merges a translator's XLIFF into `current`. Refuses the whole file (nullopt, every
/// problem in `diags`) if it names unknown ids, carries a target for an English text
/// that has changed since the export, or fails check(). Stale strings the translator
/// left as needs-review-translation with the old text stay stale.
std::optional<Catalogue> import_xliff(std::string_view xml, const std::string& file, const Catalogue& english,
                                      const Catalogue& current, const i18n::LocaleInfo& locale, Diagnostics& diags);

/// A template folder's own catalogues (docs/TRANSLATORS.md, "A council's own template"):
/// `<dir>/locales/<tag>/messages.xlf`, the English source in `locales/en-GB/`.
inline constexpr std::string_view kFolderCatalogue = "messages.xlf";

/// The path of `tag`'s catalogue inside template folder `dir`, relative to it.
std::string folder_catalogue_path(const std::string& tag);

/// The locale tags a template folder has a locales/<tag>/ folder for (sorted; names that are no
/// locale tag, or could leave the folder, are skipped).
std::vector<std::string> folder_locales(const World& world, const std::string& dir);

/// `tag`'s catalogue of template folder `dir`, read with World::read_file_within so that no link
/// inside the folder is followed; nullopt if it has none. A locales/<tag>/ folder whose
/// messages.xlf cannot be read that way (a link, a folder) is a "locale.unreadable" error.
std::optional<Catalogue> load_folder_catalogue(const World& world, const std::string& dir, const std::string& tag,
                                               Diagnostics& diags);

/// A template folder's translation may hold only ids of the folder's own English: any other
/// (a typo, a string no template of the folder uses) is a "locale.unknown-id" error at its unit.
void check_folder_ids(const Catalogue& english, const Catalogue& target, const std::string& english_path,
                      Diagnostics& diags);

}  // namespace quire::l10n
