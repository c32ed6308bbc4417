// quire: document generation for children's services. A thin shell over the job API.
#include <iostream>
#include <vector>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"quire: child-friendly plans, committee packs, performance reports and the Pledge, as PDF and DOCX"};
  app.set_version_flag("--version", std::string("quire ") + QUIRE_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Built-in templates and catalogues are read from $QUIRE_HOME/templates and $QUIRE_HOME/locales/<tag>/ "
      "(QUIRE_HOME unset: the source tree quire was built from). docs/TRANSLATORS.md and docs/TEMPLATES.md say more.");

  std::vector<std::pair<CLI::App*, quire::cli::Command>> commands;
  auto add = [&](quire::cli::Command (*adder)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    auto cmd = adder(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(cmd));
  };
  add(quire::cli::add_render);
  add(quire::cli::add_check);
  add(quire::cli::add_batch);
  add(quire::cli::add_pack);
  add(quire::cli::add_dump);
  add(quire::cli::add_templates);
  add(quire::cli::add_locales);
  add(quire::cli::add_new);
  add(quire::cli::add_serve);
  add(quire::cli::add_tokens);
  add(quire::cli::add_audit);
  add(quire::cli::add_worker);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors exit 2
  }
  for (auto& [sub, run] : commands)
    if (sub->parsed()) return run();
  return 2;
}
