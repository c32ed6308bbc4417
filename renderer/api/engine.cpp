// Engine: what is loaded once per process and shared by every Renderer.
#include <algorithm>
#include <mutex>

#include "api/shared.hpp"

namespace quire {

Engine::Engine(const World& world, EngineConfig config) : shared_(std::make_unique<Shared>(world, std::move(config))) {}
Engine::~Engine() = default;

const Diagnostics& Engine::startup_diagnostics() const {
  return shared_->startup;
}

std::vector<std::string> Engine::templates() const {
  std::vector<std::string> names;
  for (const auto& name : shared_->world.list_directory(shared_->config.templates_dir)) {
    std::string dir = shared_->config.templates_dir + "/" + name;
    if (shared_->world.read_file(dir + "/template.xml")) names.push_back(name);
  }
  return names;
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

const tmpl::Template* Engine::Shared::find_template(const std::string& ref, bool allow_folders,
                                                    Diagnostics& diags) const {
  // A built-in name is a plain single path segment; anything else is a folder path, which only
  // a caller that trusts the job (the CLI: the user's own files) may use.
  bool builtin = is_builtin_template_name(ref);
  if (!builtin && !ref.empty() && !allow_folders) {
    Diagnostic d;
    d.origin = Origin::Usage;
    d.code = "usage.template-folder";
    d.message = "'" + ref + "' is not a built-in template name, and this job may not use template folders";
    d.hint = "name a built-in template (quire templates lists them)";
    diags.add(std::move(d));
    return nullptr;
  }
  std::string dir = builtin ? config.templates_dir + "/" + ref : ref;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  {
    std::lock_guard lock(templates_mutex);
    if (auto it = templates.find(dir); it != templates.end()) return it->second.get();
  }
  if (ref.empty() || !world.is_directory(dir) || !world.read_file(dir + "/template.xml")) {
    Diagnostic d;
    d.origin = Origin::Usage;
    d.code = "usage.unknown-template";
    d.message = "unknown template '" + ref + "'";
    std::string names;
    for (const auto& name : world.list_directory(config.templates_dir))
      if (world.read_file(config.templates_dir + "/" + name + "/template.xml"))
        names += (names.empty() ? "" : ", ") + name;
    d.hint = "built-in templates: " + names + "; or give the path of a template folder";
    diags.add(std::move(d));
    return nullptr;
  }
  Diagnostics load_diags;
  auto loaded = tmpl::Template::load(world, dir, load_diags);
  diags.append(load_diags);
  if (!loaded) return nullptr;
  std::lock_guard lock(templates_mutex);
  auto [it, inserted] = templates.emplace(dir, std::move(loaded));
  return it->second.get();
}

const i18n::Catalogue* Engine::Shared::catalogue(const std::string& tag, Diagnostics& diags) const {
  std::lock_guard lock(locales_mutex);
  return locale_store.catalogue(tag, diags);
}

}  // namespace quire
