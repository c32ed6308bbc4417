// quire dump --stage model|layout TEMPLATE DATA.json [--locale TAG]
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"

namespace quire::cli {

namespace {
struct DumpOptions {
  std::string stage = "model", template_ref, data_path, locale;
};

int run_dump(const DumpOptions& o) {
  RenderJob job;
  job.template_ref = o.template_ref;
  job.allow_template_folders = true;  // the local user's own files
  job.locale = o.locale;
  job.data_name = o.data_path;
  std::string error;
  if (!read_input(o.data_path, job.data, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  FsWorld world;
  Engine engine(world, default_config());
  Diagnostics diags;
  auto text = engine.renderer()->dump(job, o.stage == "layout" ? Stage::Layout : Stage::Model, diags);
  print_diagnostics(diags);
  if (diags.has_errors()) return exit_code_for(diags);
  std::cout << text;
  return 0;
}
}  // namespace

Command add_dump(CLI::App& app) {
  auto o = std::make_shared<DumpOptions>();
  auto* cmd = app.add_subcommand("dump", "Print a stage's text form (for tests and bug reports)");
  cmd->add_option("--stage", o->stage, "model or layout")->check(CLI::IsMember({"model", "layout"}));
  cmd->add_option("template", o->template_ref, "Built-in template name or template folder")->required();
  cmd->add_option("data", o->data_path, "JSON data file ('-' for stdin)")->required();
  cmd->add_option("--locale", o->locale, "BCP 47 locale");
  return [o] { return run_dump(*o); };
}

}  // namespace quire::cli
