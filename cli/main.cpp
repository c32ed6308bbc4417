// quire: document generation for children's services. A thin shell over the job API.
#include "commands.hpp"
#include "handoff.hpp"

int main(int argc, char** argv) {
  using namespace quire::cli;
  // serve, tokens, audit, worker and locales apply are quire-service's (service_commands.hpp).
  if (const auto* command = named_service_command(argc, argv)) return hand_off_to_service(*command, argv);

  CLI::App app{"quire: child-friendly plans, committee packs, performance reports and the Pledge, as PDF and DOCX"};
  app.set_version_flag("--version", std::string("quire ") + QUIRE_VERSION);
  app.require_subcommand(1);
  app.footer(kQuireFooter);
  auto listed = [argv](std::string_view name) -> AddCommand {
    return [argv, name](CLI::App& a) { return add_service_listing(a, name, argv); };
  };
  return run_commands(app,
                      {add_render, add_check, add_batch, add_pack, add_dump, add_templates, add_locales, add_new,
                       listed("serve"), listed("tokens"), listed("audit"), listed("worker")},
                      argc, argv);
}
