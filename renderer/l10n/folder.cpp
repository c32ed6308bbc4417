// A template folder's own catalogues: a council's template carries its strings and their
// translations inside its folder, read without following any link out of it.
#include <algorithm>

#include "l10n/workflow.hpp"

namespace quire::l10n {

std::string folder_catalogue_path(const std::string& tag) {
  return "locales/" + tag + "/" + std::string(kFolderCatalogue);
}

std::vector<std::string> folder_locales(const World& world, const std::string& dir) {
  std::vector<std::string> tags;
  for (const auto& name : world.list_directory(dir + "/locales")) {
    if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos) continue;
    if (!i18n::locale_info(name)) continue;
    tags.push_back(name);
  }
  std::sort(tags.begin(), tags.end());
  return tags;
}

std::optional<Catalogue> load_folder_catalogue(const World& world, const std::string& dir, const std::string& tag,
                                               Diagnostics& diags) {
  const std::string rel = folder_catalogue_path(tag);
  const std::string path = dir + "/" + rel;
  auto text = world.read_file_within(dir, rel);
  if (!text) {
    // The folder is there but its file could not be read from inside the template folder.
    const auto names = world.list_directory(dir + "/locales/" + tag);
    if (std::find(names.begin(), names.end(), std::string(kFolderCatalogue)) != names.end())
      diags.error(Origin::Locale, "locale.unreadable",
                  "cannot read " + path +
                      " from inside the template folder (a link, or not a file): a template folder's catalogues "
                      "are read only from the folder itself",
                  {path, 1, 1});
    return std::nullopt;
  }
  Catalogue cat;
  cat.load_xliff(*text, path, diags);
  cat.tag = tag;
  return cat;
}

void check_folder_ids(const Catalogue& english, const Catalogue& target, const std::string& english_path,
                      Diagnostics& diags) {
  for (const auto& id : target.order()) {
    if (english.find(id)) continue;
    const Message& m = *target.find(id);
    Diagnostic d{Severity::Error,
                 Origin::Locale,
                 "locale.unknown-id",
                 "'" + id + "' is not a string of this template folder: its English catalogue (" + english_path +
                     ") has no such id",
                 m.pos,
                 {},
                 {}};
    d.hint =
        "check the id for typos; a string the template uses gets its English from `quire locales extract "
        "--template DIR`";
    diags.add(std::move(d));
  }
}

}  // namespace quire::l10n
