// The translators' job API (DESIGN.md section 4), shared by `quire locales` and the
// service: progress per locale, checks, XLIFF export/import, extraction of the
// English strings from the templates. Reads through the World; never writes: a
// change comes back as the new bytes of a catalogue file for the caller to write.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quire/diagnostic.hpp"
#include "quire/render.hpp"
#include "quire/world.hpp"

namespace quire {

/// How far one locale is. Counts cover every string of every template.
struct LocaleProgress {
  std::string tag;
  std::string name;  ///< English name of the language ("Pashto")
  int new_strings = 0, translated = 0, reviewed = 0, final_strings = 0, stale = 0, missing = 0;
  int total = 0;
  int machine_drafted = 0;  ///< current translations not yet checked by a human translator
  double percent_complete = 0;
  int broken = 0;  ///< translations that cannot be printed (they show in English): `locales check`
};

/// One string of one locale, for `quire locales status --list`.
struct StringRow {
  std::string id;
  std::string english;      ///< the current English
  std::string translation;  ///< the current translation, if any
  std::string old_english;  ///< stale: the English the translation was made from
  std::string status;       ///< "new", "stale", "translated", "reviewed", "final"
  bool machine_drafted = false;
  bool needs_review = false;  ///< marked needs-review-* by a translator or by export
};

/// Which strings `list` returns: with no translation; translated from an English that
/// has since changed; translated but not yet signed off; drafted by machine and not
/// yet checked by a translator; whose translation cannot be printed (broken).
enum class StringList { New, Stale, Review, Machine, Broken };

/// A catalogue file to (re)write, as a whole.
struct CatalogueFile {
  std::string tag;
  std::string path;
  std::string bytes;
  std::vector<std::string> changes;  ///< one line per string added, updated or removed
  /// extract: strings whose English changed and how many locales now hold an out-of-date
  /// translation of them (they render in English until translated again).
  int strings_gone_stale = 0;
  int locales_affected = 0;
  /// Set when the file lies in a template folder: `path` is this folder + "/" + the rest,
  /// and the caller writes it without following any link below the folder.
  std::string folder;
};

class Translations {
 public:
  /// Works on quire's own templates and catalogues (config.templates_dir, config.locales_dir),
  /// or, when `template_folder` is given, on that one template folder and its own catalogues
  /// only (<template_folder>/locales/<tag>/messages.xlf, the English in locales/en-GB/): its
  /// ids, its files; quire's catalogues are read only to tell shared strings (page footers,
  /// engine notices) from the folder's and to know which languages quire ships.
  Translations(const World& world, EngineConfig config, std::string template_folder = {});
  ~Translations();

  /// Every locale except the English source, sorted.
  [[nodiscard]] std::vector<std::string> locales() const;

  /// Progress of every locale (or of `tags`) against the English source.
  std::vector<LocaleProgress> status(const std::vector<std::string>& tags, Diagnostics& diags) const;

  /// The templates that use message `id` (for a preview): names, or the template folder's
  /// path when working on one (either is a RenderJob::template_ref); empty if none does.
  [[nodiscard]] std::vector<std::string> templates_using(const std::string& id) const;

  /// The strings of `tag` in `which`, in the order the English lists them.
  std::vector<StringRow> list(const std::string& tag, StringList which, Diagnostics& diags) const;

  /// The shipped locale `tag` resolves to (ar-SA -> ar, fa-AF -> prs, as `render --locale`
  /// does); nullopt and a usage error listing the shipped locales if there is none.
  std::optional<std::string> resolve(const std::string& tag, Diagnostics& diags) const;

  /// Checks the English source and every catalogue (or `tags`); findings go to `diags`.
  void check(const std::vector<std::string>& tags, Diagnostics& diags) const;

  /// The XLIFF a translator of `tag` opens in a CAT tool; nullopt on error.
  std::optional<std::string> export_locale(const std::string& tag, Diagnostics& diags) const;

  /// A TMX 1.4b file of `tag`'s reviewed translations; nullopt on error.
  std::optional<std::string> export_memory(const std::string& tag, Diagnostics& diags) const;

  /// Validates a translator's XLIFF and gives the updated catalogue; nullopt (and the
  /// full report in `diags`) if anything in the file is refused.
  std::optional<CatalogueFile> import_file(std::string_view xml, const std::string& file, Diagnostics& diags) const;

  /// Gathers the English of every <t> (and of every t('id', 'English')) in the templates into
  /// the source catalogue: new ids added, changed English updated (translations then show as
  /// stale), ids no template uses any more reported and removed. In a template folder, ids
  /// quire's own catalogue has and the folder gives no English for stay shared. nullopt on error.
  std::optional<CatalogueFile> extract(Diagnostics& diags) const;

  /// Every catalogue rewritten in canonical form (after hand edits). In a template folder this
  /// also drops from its translations the ids its English no longer has (after extract).
  std::vector<CatalogueFile> normalise(Diagnostics& diags) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire
