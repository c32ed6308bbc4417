// The World: everything the renderer needs from outside itself. The core does
// no I/O of its own; the CLI passes a file-system World, the service a sandboxed
// one, tests an in-memory one.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire {

/// Read-only access to files (templates, locale catalogues, fonts, images) and the clock.
class World {
 public:
  virtual ~World() = default;

  /// Contents of the file at `path`, or nullopt if it does not exist or may not be read.
  /// Paths are as the caller built them: the World decides what is reachable.
  [[nodiscard]] virtual std::optional<std::string> read_file(std::string_view path) const = 0;

  /// Contents of the file `rel` (a relative path without "..") inside the directory `root`,
  /// where nothing below `root` may lead elsewhere: a World on a real file system follows
  /// no symbolic link after `root` (a symlinked partial, or a folder link `up -> /`, is
  /// refused). Template folders are read only through this. The default suits Worlds
  /// that have no links.
  [[nodiscard]] virtual std::optional<std::string> read_file_within(std::string_view root, std::string_view rel) const {
    return read_file(std::string(root) + "/" + std::string(rel));
  }

  /// True if `path` names a regular file the World would read. Lets the font library check
  /// at start-up that every face is there and read each one only when a document needs it.
  /// The default reads the file; Worlds on a real file system answer from its metadata.
  [[nodiscard]] virtual bool is_file(std::string_view path) const { return read_file(path).has_value(); }
  /// True if `path` names an existing directory the World lets the renderer see.
  [[nodiscard]] virtual bool is_directory(std::string_view path) const = 0;

  /// Names of the entries in a directory (not recursive, sorted), empty if none.
  [[nodiscard]] virtual std::vector<std::string> list_directory(std::string_view path) const = 0;

  /// The current time; injectable so documents and tests can be repeatable.
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;

  /// Monotonic time for deadlines (never goes back); injectable so tests can drive it.
  [[nodiscard]] virtual std::chrono::steady_clock::time_point monotonic_now() const {
    return std::chrono::steady_clock::now();
  }
};

}  // namespace quire
