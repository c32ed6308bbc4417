// How quire runs the service commands (service_commands.hpp): it hands the whole command
// line to quire-service, in the folder of its own executable, with execv (as git runs
// git-NAME), so quire itself never loads the HTTP service's libraries.
#pragma once

#include <string>
#include <string_view>

#include "commands.hpp"
#include "service_commands.hpp"

namespace quire::cli {

/// The service command the command line names, `quire NAME ...` or `quire PARENT NAME ...`, or
/// nullptr (quire's own options, --help and --version, end it, so a command is always argv[1]).
const ServiceCommand* named_service_command(int argc, const char* const* argv);

/// Where quire-service is: the folder of /proc/self/exe. Empty (with `error`) if unknown.
std::string service_executable(std::string& error);

/// Replaces this process with quire-service, given argv (which names `command`) unchanged.
/// Returns only if it cannot: exit code 1 (internal), with the error printed, naming the path.
int hand_off_to_service(const ServiceCommand& command, char** argv);

/// Lists the service command NAME in `app`'s help with its one line; run, it hands off.
Command add_service_listing(CLI::App& app, std::string_view name, char** argv);

}  // namespace quire::cli
