// The subcommands. Each registers its options on the CLI11 app and returns
// a function that runs it and gives the process exit code (DESIGN.md section 5).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace quire::cli {

using Command = std::function<int()>;

Command add_render(CLI::App& app);
Command add_check(CLI::App& app);
Command add_batch(CLI::App& app);
Command add_pack(CLI::App& app);
Command add_dump(CLI::App& app);
Command add_templates(CLI::App& app);
Command add_locales(CLI::App& app);
Command add_new(CLI::App& app);
Command add_serve(CLI::App& app);
Command add_tokens(CLI::App& app);
Command add_audit(CLI::App& app);
Command add_worker(CLI::App& app);

}  // namespace quire::cli
