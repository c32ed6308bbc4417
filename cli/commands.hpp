// The subcommands. Each registers its options on the CLI11 app and returns
// a function that runs it and gives the process exit code (DESIGN.md section 5).
// Two executables run them: quire, and quire-service beside it for the commands that need
// the HTTP service's libraries (service_commands.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace quire::cli {

using Command = std::function<int()>;
using AddCommand = std::function<Command(CLI::App&)>;

/// The footers of quire's help and of `quire locales --help`. CLI11 prints a command's
/// parents' footers under its own help, so quire-service, which prints the service commands'
/// help, gives its app and its `locales` the same ones.
inline constexpr const char* kQuireFooter =
    "Built-in templates and catalogues are read from $QUIRE_HOME/templates and $QUIRE_HOME/locales/<tag>/ "
    "(QUIRE_HOME unset: the source tree quire was built from). docs/TRANSLATORS.md and docs/TEMPLATES.md say more.";
inline constexpr const char* kLocalesFooter =
    "Catalogues live in $QUIRE_HOME/locales/<tag>/messages.xlf and templates in $QUIRE_HOME/templates "
    "(QUIRE_HOME unset: the source tree quire was built from); a template folder of your own keeps its "
    "strings in DIR/locales/<tag>/messages.xlf (--template DIR). Guide: docs/TRANSLATORS.md.";

// quire
Command add_render(CLI::App& app);
Command add_check(CLI::App& app);
Command add_batch(CLI::App& app);
Command add_pack(CLI::App& app);
Command add_dump(CLI::App& app);
Command add_templates(CLI::App& app);
Command add_locales(CLI::App& app);
Command add_new(CLI::App& app);

// quire-service
Command add_serve(CLI::App& app);
Command add_tokens(CLI::App& app);
Command add_audit(CLI::App& app);
Command add_worker(CLI::App& app);
Command add_locales_apply(CLI::App& app);  ///< `locales apply` (the rest of `locales` is quire's)

/// Registers the commands on `app` in this order, parses the command line and runs the
/// command given; the process exit code (2 for a usage error).
int run_commands(CLI::App& app, const std::vector<AddCommand>& commands, int argc, char** argv);

}  // namespace quire::cli
