// quire locales apply ID [--db ...]: an import the service received, written into the
// catalogues (docs/SERVICE.md). It needs the service's database, so it runs in quire-service;
// the rest of `quire locales` is cmd_locales.cpp.
#include <iostream>
#include <memory>

#include "catalogues.hpp"
#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"
#include "service_commands.hpp"
#include "store.hpp"

namespace quire::cli {

namespace {
struct ApplyOptions {
  long long import_id = 0;
  std::string db = "sqlite:quire.db";
  bool dry_run = false;
  bool strict = false;
};

/// An import the service received (POST /v1/locales/{tag}/import) and kept: checked again
/// against the catalogues as they are now, exactly as `import FILE` checks a file, then
/// written, then marked applied with an audit row.
int run_apply(const ApplyOptions& o) {
  std::string error;
  auto target = service::db_target_of(o.db, error);
  if (!target) {
    std::cerr << "quire: error[usage.db]: " << error << '\n';
    return 2;
  }
  service::Store store(*target);
  if (!store.ok()) {
    std::cerr << "quire: error[service.db]: " << store.error() << '\n';
    return 1;
  }
  std::string upload;
  auto found = store.find_import(o.import_id, upload);
  if (!found) {
    std::cerr << "quire: error[usage.import-id]: the database has no import " << o.import_id
              << " (GET /v1/locales/TAG/imports lists them)\n";
    return 2;
  }
  if (found->state != "pending") {
    std::cerr << "quire: error[usage.import-id]: import " << o.import_id << " was applied already (" << found->applied
              << " by " << found->applied_by << ")\n";
    return 2;
  }
  FsWorld world;
  auto made = open_translations(world, "");
  if (!made) return 2;
  Diagnostics diags;
  const std::string name = "import-" + std::to_string(o.import_id) + ".xlf";
  auto file = made->import_file(upload, name, diags);
  if (file && file->tag != found->locale) {
    diags.error(Origin::Usage, "usage.locale-mismatch",
                "the import was received for " + found->locale + " but the file now reads as " + file->tag,
                {name, 1, 1});
    file.reset();
  }
  if (o.strict && file) {
    make_strict(diags);
    if (diags.has_errors()) file.reset();
  }
  print_diagnostics(diags);
  if (!file) {
    std::cerr << "quire: import " << o.import_id << " refused: nothing was changed\n";
    return exit_code_for(diags) ? exit_code_for(diags) : 1;
  }
  if (file->changes.empty()) std::cout << file->tag << ": no changes\n";
  if (int code = write_catalogues({*file}, o.dry_run); code != 0 || o.dry_run) return code;
  service::AuditEntry audit;
  audit.who = "cli";
  audit.action = "locale-apply";
  audit.locale = file->tag;
  audit.format = found->format;
  audit.upload_sha256 = found->upload_sha256;
  audit.record_id = std::to_string(o.import_id);
  audit.outcome = "ok";
  if (!store.mark_applied(o.import_id, audit)) {
    std::cerr << "quire: error[service.db]: " << file->path << " is written but import " << o.import_id
              << " could not be marked applied\n";
    return 1;
  }
  std::cout << "applied import " << o.import_id << " (" << file->tag << ", from " << found->who << " at " << found->at
            << "); restart quire serve and any quire worker so their renders use it\n";
  return 0;
}
}  // namespace

Command add_locales_apply(CLI::App& app) {
  auto o = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("locales", "Translators' workflow: the service's imports (quire locales --help)");
  cmd->require_subcommand(1);
  cmd->footer(kLocalesFooter);
  auto* apply = cmd->add_subcommand("apply", std::string(service_description("locales", "apply")));
  apply->add_option("id", o->import_id, "The import's number (GET /v1/locales/TAG/imports lists them)")->required();
  apply->add_option("--db", o->db, "The service's database: sqlite:PATH or postgresql://...")->capture_default_str();
  apply->add_flag("--dry-run", o->dry_run, "Check and list the changes, write nothing");
  apply->add_flag("--strict", o->strict, "Refuse on warnings too");
  return [o] { return run_apply(*o); };
}

}  // namespace quire::cli
