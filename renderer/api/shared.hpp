// Engine::Shared: the process-wide state behind the public Engine (private header).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checks/checks.hpp"
#include "i18n/locale.hpp"
#include "quire/render.hpp"
#include "template/template.hpp"
#include "text/font.hpp"
#include "text/hyphenate.hpp"

namespace quire {

/// True if `ref` is a plain name (letters, digits, '.', '_', '-'; not starting with '.'),
/// which can only mean a folder directly under templates_dir.
bool is_builtin_template_name(const std::string& ref);

/// A loaded theme: the model's form (colours, logo) and the JSON templates read as `theme`.
struct Theme {
  model::Theme model;
  nlohmann::json data;  ///< name, primary, accent, logo_alt, contacts (no logo bytes)
};

/// A template found for a job: the parsed template and the folder it was read from.
struct FoundTemplate {
  const tmpl::Template* tpl = nullptr;  ///< nullptr when not found or not loaded (diagnostics say why)
  std::string dir;                      ///< the folder; also set when it exists but its template failed to load
};

/// The catalogues a template folder brings (<dir>/locales/<tag>/messages.xlf), read once.
struct FolderCatalogues {
  std::map<std::string, i18n::Catalogue> own;   ///< by tag, en-GB among them when the folder has it
  std::map<std::string, Diagnostics> problems;  ///< by tag: unreadable files, syntax, ids not in its English
};

struct Engine::Shared {
  Shared(const World& world, EngineConfig config);
  ~Shared();

  /// The folder of the template `ref` names, by the rules below (the one resolution render,
  /// batch and check share); "" with a usage diagnostic (usage.template-folder,
  /// usage.unknown-template, listing the names) when there is none.
  std::string resolve_template(const std::string& ref, bool allow_folders, Diagnostics& diags) const;
  /// The parsed template for a name (under templates_dir, then each template root), or for a
  /// folder when `allow_folders` (a path, or a plain name that is an existing folder and no
  /// template's name); parsed once, then cached. A folder path without `allow_folders` is a
  /// usage error; an unknown name one that lists the names (and how to write a folder).
  FoundTemplate find_template(const std::string& ref, bool allow_folders, Diagnostics& diags) const;
  /// Names of the templates under templates_dir and the template roots (first of a name wins).
  [[nodiscard]] std::vector<std::string> templates_list() const;
  /// The catalogue of `tag`, loaded once; nullptr if the locale has no folder.
  const i18n::Catalogue* catalogue(const std::string& tag, Diagnostics& diags) const;
  /// The catalogues of template folder `dir` (read once), or nullptr if it has no locales/.
  const FolderCatalogues* folder_catalogues(const std::string& dir) const;
  /// Appends the problems of the folder's catalogue of `tag` (every job reports them).
  void folder_problems(const std::string& dir, const std::string& tag, Diagnostics& diags) const;
  /// The catalogue of `tag` for a template in `dir`: the folder's own strings laid over the
  /// shared ones (built once), with the folder file's problems appended to `diags`. With no
  /// folder catalogues, the shared one. nullptr if neither the folder nor quire has `tag`.
  const i18n::Catalogue* catalogue_for(const std::string& dir, const std::string& tag, Diagnostics& diags) const;
  /// Locale tags with a catalogue, quire's and the template folder's (sorted, unique).
  [[nodiscard]] std::vector<std::string> locales_for(const std::string& dir) const;
  /// A built-in theme (templates/themes/NAME), loaded and checked once; nullptr with
  /// diagnostics (usage: unknown name; template: a bad colour or logo in theme.json).
  const Theme* theme(const std::string& name, Diagnostics& diags) const;
  /// The content rules of the template folder `dir` (its checks.yaml, with any `extends`),
  /// loaded once; nullptr when it has none (`*present` false) or they are broken (Template
  /// diagnostics, `*present` true).
  const checks::Rules* check_rules(const std::string& dir, Diagnostics& diags, bool* present = nullptr) const;
  /// The jargon list of a locale (locales/<tag>/jargon.csv), loaded once; nullptr if none.
  const checks::Jargon* jargon(const std::string& tag, Diagnostics& diags) const;
  /// Runs the checks of `rules` over a parsed record for the locale `tag` (the api's one
  /// way to the checks stage: Engine::check and Renderer::render both use it).
  std::vector<checks::ReadingEase> run_checks(const checks::Rules& rules, const nlohmann::json& record,
                                              const std::string& data_name, const std::string& tag,
                                              Diagnostics& diags) const;

  const World& world;
  EngineConfig config;
  Diagnostics startup;
  text::FontLibrary fonts;
  std::unique_ptr<text::Hyphenators> hyphenators;

  mutable std::mutex locales_mutex;
  mutable i18n::LocaleStore locale_store;
  mutable std::mutex folders_mutex;
  mutable std::map<std::string, std::unique_ptr<FolderCatalogues>> folders;  ///< by template folder
  mutable std::map<std::string, std::unique_ptr<i18n::Catalogue>> merged;    ///< folder + '\x1f' + tag
  mutable std::mutex templates_mutex;
  mutable std::map<std::string, std::unique_ptr<tmpl::Template>> templates;
  mutable std::mutex themes_mutex;
  mutable std::map<std::string, std::unique_ptr<Theme>> themes;
  struct LoadedRules {
    std::unique_ptr<checks::Rules> rules;  ///< null when absent or broken
    bool present = false;
    Diagnostics problems;  ///< reported again each time broken rules are asked for
  };
  mutable std::mutex checks_mutex;
  mutable std::map<std::string, LoadedRules> rules;
  mutable std::map<std::string, std::unique_ptr<checks::Jargon>> jargons;  ///< null: the locale has none
};

/// The theme a job renders with: `base`, with the fields of the data's own "theme"
/// object (if any) laid over it, checked (colours #rrggbb) with JSON pointers.
std::optional<Theme> effective_theme(const Theme& base, const nlohmann::json& data, const std::string& data_name,
                                     Diagnostics& diags);

}  // namespace quire
