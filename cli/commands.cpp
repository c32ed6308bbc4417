// The command runner both executables share (commands.hpp).
#include "commands.hpp"

#include <utility>

namespace quire::cli {

int run_commands(CLI::App& app, const std::vector<AddCommand>& commands, int argc, char** argv) {
  std::vector<std::pair<CLI::App*, Command>> added;
  for (const auto& add : commands) {
    size_t before = app.get_subcommands({}).size();
    auto cmd = add(app);
    added.emplace_back(app.get_subcommands({})[before], std::move(cmd));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors exit 2
  }
  for (auto& [sub, run] : added)
    if (sub->parsed()) return run();
  return 2;
}

}  // namespace quire::cli
