// The commands that need the HTTP service's libraries (cpp-httplib, OpenSSL, libpq, SQLite):
// they run in the executable quire-service, beside quire. quire lists them in its help and
// hands their whole command line to quire-service (docs/ARCHITECTURE.md), so a render never
// loads those libraries.
#pragma once

#include <string_view>

namespace quire::cli {

struct ServiceCommand {
  std::string_view parent;       ///< "" for a command of quire itself, else the command it belongs to
  std::string_view name;         ///< as typed: quire [PARENT] NAME ...
  std::string_view description;  ///< its one line in quire's help
};

inline constexpr ServiceCommand kServiceCommands[] = {
    {"", "serve", "Run the HTTP service (docs/SERVICE.md)"},
    {"", "tokens", "Create, list and revoke the service's API tokens"},
    {"", "audit", "List the service's audit log (renders and token changes)"},
    {"", "worker", "Render jobs from the service's shared queue (docs/SERVICE.md)"},
    {"locales", "apply", "Write an import the service received (POST /v1/locales/TAG/import) into the catalogues"},
};

/// The one line of help of the service command NAME (under PARENT, "" for none).
constexpr std::string_view service_description(std::string_view parent, std::string_view name) {
  for (const auto& c : kServiceCommands)
    if (c.parent == parent && c.name == name) return c.description;
  return {};
}

/// The file name of the executable that runs the service commands.
inline constexpr std::string_view kServiceExecutable = "quire-service";

}  // namespace quire::cli
