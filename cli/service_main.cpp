// quire-service: the commands of quire that need the HTTP service's libraries (serve, tokens,
// audit, worker, locales apply: service_commands.hpp). quire hands their command line here
// unchanged, argv[0] included, so their help and errors read as quire's.
#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace quire::cli;
  CLI::App app{"quire-service: quire's service commands; run them as quire serve, quire tokens, ... (quire --help)"};
  app.set_version_flag("--version", std::string("quire ") + QUIRE_VERSION);
  app.require_subcommand(1);
  app.footer(kQuireFooter);
  return run_commands(app, {add_serve, add_tokens, add_audit, add_worker, add_locales_apply}, argc, argv);
}
