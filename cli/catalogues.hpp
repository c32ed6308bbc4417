// What `quire locales` and `quire locales apply` (in quire-service) share: the translators'
// job API on quire's catalogues or a template folder's own, --strict, and writing the
// catalogue files a change gives back.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quire/diagnostic.hpp"
#include "quire/translations.hpp"
#include "quire/world.hpp"

namespace quire::cli {

/// The job API for what the command works on: quire's catalogues (template_folder empty), or
/// the folder's own. nullptr (the error printed) if the folder may not be used: it must be
/// a template folder outside quire's own templates/ and locales/.
std::unique_ptr<Translations> open_translations(const World& world, const std::string& template_folder);

/// With --strict, every warning is an error (a CAT tool's file that is too long for the page is refused).
void make_strict(Diagnostics& diags);

/// Writes each changed file, or only lists the changes with --dry-run; the exit code.
int write_catalogues(const std::vector<CatalogueFile>& files, bool dry_run);

}  // namespace quire::cli
