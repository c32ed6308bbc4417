// quire's hand-off of the service commands to quire-service (handoff.hpp).
#include "handoff.hpp"

#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace quire::cli {

const ServiceCommand* named_service_command(int argc, const char* const* argv) {
  for (const auto& c : kServiceCommands) {
    if (c.parent.empty() ? argc >= 2 && argv[1] == c.name : argc >= 3 && argv[1] == c.parent && argv[2] == c.name)
      return &c;
  }
  return nullptr;
}

std::string service_executable(std::string& error) {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    error = std::string("cannot read /proc/self/exe: ") + std::strerror(errno);
    return {};
  }
  std::string path(self, static_cast<size_t>(n));
  path.erase(path.rfind('/') + 1);
  return path + std::string(kServiceExecutable);
}

int hand_off_to_service(const ServiceCommand& command, char** argv) {
  std::string error;
  const std::string path = service_executable(error);
  if (!path.empty()) {
    execv(path.c_str(), argv);
    error = path + (errno == ENOENT ? std::string(", which does not exist") : ": " + std::string(std::strerror(errno)));
  }
  std::cerr << "quire: error[internal.service-executable]: `quire " << command.parent
            << (command.parent.empty() ? "" : " ") << command.name << "` is run by " << error
            << " (quire-service is built with quire and must be in the same folder)\n";
  return 1;
}

Command add_service_listing(CLI::App& app, std::string_view name, char** argv) {
  const ServiceCommand* command = nullptr;
  for (const auto& c : kServiceCommands)
    if (c.parent.empty() && c.name == name) command = &c;
  app.add_subcommand(std::string(name), std::string(command->description));
  return [command, argv] { return hand_off_to_service(*command, argv); };
}

}  // namespace quire::cli
