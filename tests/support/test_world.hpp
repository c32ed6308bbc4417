// Worlds for tests: the real file system (for fonts and the built-in templates)
// with a fixed clock, and an in-memory overlay for files a test writes itself.
#pragma once

#include <map>
#include <string>

#include "quire/world.hpp"

namespace quire::testing {

/// Reads the real file system; `now()` is fixed at 2026-01-15T10:00:00Z so outputs repeat.
/// Files added with put() shadow the disk.
class TestWorld : public World {
 public:
  void put(std::string path, std::string contents) { files_[std::move(path)] = std::move(contents); }
  [[nodiscard]] std::optional<std::string> read_file(std::string_view path) const override;
  [[nodiscard]] bool is_file(std::string_view path) const override;
  [[nodiscard]] bool is_directory(std::string_view path) const override;
  [[nodiscard]] std::vector<std::string> list_directory(std::string_view path) const override;
  [[nodiscard]] std::chrono::system_clock::time_point now() const override;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

/// Path of the project's source tree (templates/, locales/, tests/).
inline std::string source_dir() {
  return QUIRE_SOURCE_DIR;
}
/// Debian's font root.
inline std::string font_root() {
  return "/usr/share/fonts";
}

}  // namespace quire::testing
