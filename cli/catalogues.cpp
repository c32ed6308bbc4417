// What `quire locales` and `quire locales apply` share (catalogues.hpp).
#include "catalogues.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "output.hpp"

namespace quire::cli {

namespace {
/// A template folder given with --template must be one outside quire's own templates/ and
/// locales/ (a built-in template's strings are in quire's catalogues); "" if it may be used.
std::string refuse_folder(const std::string& folder, const EngineConfig& config) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return "no folder '" + folder + "'";
  if (!fs::is_regular_file(fs::path(folder) / "template.xml", ec))
    return "the folder '" + folder + "' has no template.xml, so it is not a template folder";
  const fs::path mine = fs::weakly_canonical(folder, ec);
  for (const auto& own : {config.templates_dir, config.locales_dir}) {
    const fs::path theirs = fs::weakly_canonical(own, ec);
    if (ec) continue;
    auto [a, b] = std::mismatch(theirs.begin(), theirs.end(), mine.begin(), mine.end());
    if (a == theirs.end())
      return "'" + folder + "' is inside quire's own " + own +
             ": the built-in templates' strings are in quire's catalogues (leave out --template)";
  }
  return {};
}
}  // namespace

std::unique_ptr<Translations> open_translations(const World& world, const std::string& template_folder) {
  const EngineConfig config = default_config();
  if (!template_folder.empty()) {
    if (std::string why = refuse_folder(template_folder, config); !why.empty()) {
      std::cerr << "quire: error[usage.template-folder]: " << why << '\n';
      return nullptr;
    }
  }
  return std::make_unique<Translations>(world, config, template_folder);
}

void make_strict(Diagnostics& diags) {
  Diagnostics out;
  for (auto d : diags.items()) {
    if (d.severity == Severity::Warning) d.severity = Severity::Error;
    out.add(std::move(d));
  }
  diags = std::move(out);
}

int write_catalogues(const std::vector<CatalogueFile>& files, bool dry_run) {
  for (const auto& f : files) {
    for (const auto& change : f.changes) std::cout << f.tag << ": " << change << '\n';
    std::string current, error;
    if (read_input(f.path, current, error) && current == f.bytes) continue;
    if (dry_run) {
      std::cout << "would rewrite " << f.path << '\n';
      continue;
    }
    const bool written = f.folder.empty() ? write_atomically(f.path, f.bytes, error)
                                          : write_within(f.folder, f.path.substr(f.folder.size() + 1), f.bytes, error);
    if (!written) {
      std::cerr << "quire: error[usage.output]: " << error << '\n';
      return 1;
    }
    std::cout << "wrote " << f.path << '\n';
  }
  return 0;
}

}  // namespace quire::cli
