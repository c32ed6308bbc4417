// Engine: what is loaded once per process and shared by every Renderer.
#include <algorithm>
#include <mutex>

#include "api/shared.hpp"
#include "l10n/workflow.hpp"

namespace quire {

Engine::Engine(const World& world, EngineConfig config) : shared_(std::make_unique<Shared>(world, std::move(config))) {}
Engine::~Engine() = default;

const Diagnostics& Engine::startup_diagnostics() const {
  return shared_->startup;
}

std::vector<std::string> Engine::templates() const {
  return shared_->templates_list();
}

std::vector<std::string> Engine::locales() const {
  std::lock_guard lock(shared_->locales_mutex);
  return shared_->locale_store.available();
}

std::unique_ptr<Renderer> Engine::renderer() const {
  return std::make_unique<Renderer>(*shared_);
}

Engine::Shared::Shared(const World& w, EngineConfig c)
    : world(w),
      config(std::move(c)),
      fonts(w, config.font_root, text::default_font_stack(), startup),
      hyphenators(text::Hyphenators::from_directory(w, config.hyphenation_dir)),
      locale_store(w, config.locales_dir) {}

Engine::Shared::~Shared() = default;

bool is_builtin_template_name(const std::string& ref) {
  if (ref.empty() || ref.front() == '.') return false;
  return std::all_of(ref.begin(), ref.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

namespace {

std::string trimmed(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace

std::string Engine::Shared::resolve_template(const std::string& ref, bool allow_folders, Diagnostics& diags) const {
  // A plain name (a single path segment) names a template under templates_dir or a template
  // root; anything else is a folder path, which only a caller that trusts the job (the CLI:
  // the user's own files) may use. There, a plain name that is no template's name but an
  // existing folder is that folder: `quire render review-invite` in the folder holding it.
  const bool plain = is_builtin_template_name(ref);
  if (!plain && !ref.empty() && !allow_folders) {
    Diagnostic d;
    d.origin = Origin::Usage;
    d.code = "usage.template-folder";
    d.message = "'" + ref + "' is not a built-in template name, and this job may not use template folders";
    d.hint = "name a built-in template (quire templates lists them)";
    diags.add(std::move(d));
    return {};
  }
  std::string dir;
  if (plain) {
    std::vector<std::string> roots{config.templates_dir};
    roots.insert(roots.end(), config.template_roots.begin(), config.template_roots.end());
    for (const auto& root : roots)
      if (world.is_file(root + "/" + ref + "/template.xml")) {
        dir = root + "/" + ref;
        break;
      }
    if (dir.empty() && allow_folders && world.is_directory(ref)) dir = ref;
  } else {
    dir = trimmed(ref);
  }
  if (ref.empty() || dir.empty() || !world.is_directory(dir) || !world.is_file(dir + "/template.xml")) {
    Diagnostic d;
    d.origin = Origin::Usage;
    d.code = "usage.unknown-template";
    std::string names;
    for (const auto& name : templates_list()) names += (names.empty() ? "" : ", ") + name;
    if (!dir.empty() && world.is_directory(dir)) {
      d.message = "the folder '" + ref + "' has no template.xml, so it is not a template folder";
      d.hint = "a template folder holds template.xml (docs/TEMPLATES.md section 1); built-in templates: " + names;
    } else {
      d.message = "unknown template '" + ref + "'";
      d.hint = "built-in templates: " + names;
      if (allow_folders)
        d.hint += plain ? "; to use a folder, write ./" + ref + " (or its path)"
                        : "; no folder '" + ref + "' exists: check the path";
    }
    diags.add(std::move(d));
    return {};
  }
  return dir;
}

FoundTemplate Engine::Shared::find_template(const std::string& ref, bool allow_folders, Diagnostics& diags) const {
  const std::string dir = resolve_template(ref, allow_folders, diags);
  if (dir.empty()) return {};
  {
    std::lock_guard lock(templates_mutex);
    if (auto it = templates.find(dir); it != templates.end()) return {it->second.get(), dir};
  }
  Diagnostics load_diags;
  auto loaded = tmpl::Template::load(world, dir, load_diags);
  diags.append(load_diags);
  if (!loaded) return {nullptr, dir};  // the folder, so that the data can still be checked
  std::lock_guard lock(templates_mutex);
  auto [it, inserted] = templates.emplace(dir, std::move(loaded));
  return {it->second.get(), dir};
}

std::vector<std::string> Engine::Shared::templates_list() const {
  std::vector<std::string> names;
  std::vector<std::string> roots{config.templates_dir};
  roots.insert(roots.end(), config.template_roots.begin(), config.template_roots.end());
  for (const auto& root : roots)
    for (const auto& name : world.list_directory(root))
      if (is_builtin_template_name(name) && std::find(names.begin(), names.end(), name) == names.end() &&
          world.is_file(root + "/" + name + "/template.xml"))
        names.push_back(name);
  return names;
}

const FolderCatalogues* Engine::Shared::folder_catalogues(const std::string& dir) const {
  std::lock_guard lock(folders_mutex);
  auto it = folders.find(dir);
  if (it == folders.end()) {
    std::unique_ptr<FolderCatalogues> loaded;
    if (!dir.empty() && world.is_directory(dir + "/locales")) {
      loaded = std::make_unique<FolderCatalogues>();
      for (const auto& tag : l10n::folder_locales(world, dir))
        if (auto cat = l10n::load_folder_catalogue(world, dir, tag, loaded->problems[tag]))
          loaded->own.emplace(tag, std::move(*cat));
      const std::string source(i18n::kSourceLocale);
      const auto english = loaded->own.find(source);
      const i18n::Catalogue none;
      for (const auto& [tag, cat] : loaded->own)
        if (tag != source)
          l10n::check_folder_ids(english == loaded->own.end() ? none : english->second, cat,
                                 dir + "/" + l10n::folder_catalogue_path(source), loaded->problems[tag]);
    }
    it = folders.emplace(dir, std::move(loaded)).first;
  }
  return it->second.get();
}

void Engine::Shared::folder_problems(const std::string& dir, const std::string& tag, Diagnostics& diags) const {
  if (const FolderCatalogues* own = folder_catalogues(dir))
    if (auto it = own->problems.find(tag); it != own->problems.end()) diags.append(it->second);
}

const i18n::Catalogue* Engine::Shared::catalogue_for(const std::string& dir, const std::string& tag,
                                                     Diagnostics& diags) const {
  const FolderCatalogues* own = folder_catalogues(dir);
  const i18n::Catalogue* base = catalogue(tag, diags);
  if (!own) return base;
  folder_problems(dir, tag, diags);
  auto mine = own->own.find(tag);
  if (mine == own->own.end()) return base;
  std::lock_guard lock(folders_mutex);
  auto& slot = merged[dir + '\x1f' + tag];
  if (!slot) {
    slot = std::make_unique<i18n::Catalogue>(base ? *base : i18n::Catalogue{});
    slot->tag = tag;
    for (const auto& id : mine->second.order()) slot->put(*mine->second.find(id));  // the folder's ids win
  }
  return slot.get();
}

std::vector<std::string> Engine::Shared::locales_for(const std::string& dir) const {
  std::vector<std::string> tags;
  {
    std::lock_guard lock(locales_mutex);
    tags = locale_store.available();
  }
  if (!dir.empty())
    for (const auto& tag : l10n::folder_locales(world, dir))
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  std::sort(tags.begin(), tags.end());
  return tags;
}

const i18n::Catalogue* Engine::Shared::catalogue(const std::string& tag, Diagnostics& diags) const {
  std::lock_guard lock(locales_mutex);
  return locale_store.catalogue(tag, diags);
}

}  // namespace quire
