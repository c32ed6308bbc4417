// The CLI's World: the local file system and the system clock.
#pragma once

#include "quire/world.hpp"

namespace quire::cli {

/// Reads the local file system. now() honours SOURCE_DATE_EPOCH for repeatable output.
class FsWorld : public World {
 public:
  [[nodiscard]] std::optional<std::string> read_file(std::string_view path) const override;
  [[nodiscard]] std::optional<std::string> read_file_within(std::string_view root, std::string_view rel) const override;
  [[nodiscard]] bool is_file(std::string_view path) const override;
  [[nodiscard]] bool is_directory(std::string_view path) const override;
  [[nodiscard]] std::vector<std::string> list_directory(std::string_view path) const override;
  [[nodiscard]] std::chrono::system_clock::time_point now() const override;
};

/// Where built-in templates and locales live: $QUIRE_HOME, else the source tree the CLI was built from.
std::string data_home();

}  // namespace quire::cli
