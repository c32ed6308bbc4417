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

struct Engine::Shared {
  Shared(const World& world, EngineConfig config);
  ~Shared();

  /// The parsed template for a built-in name, or for a folder path when `allow_folders`
  /// (parsed once, then cached); a folder path without `allow_folders` is a usage error.
  const tmpl::Template* find_template(const std::string& ref, bool allow_folders, Diagnostics& diags) const;
  /// The catalogue of `tag`, loaded once; nullptr if the locale has no folder.
  const i18n::Catalogue* catalogue(const std::string& tag, Diagnostics& diags) const;
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
