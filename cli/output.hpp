// Output helpers shared by the commands: atomic file writes and diagnostics printing.
#pragma once

#include <string>

#include "quire/diagnostic.hpp"
#include "quire/render.hpp"

namespace quire::cli {

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees a half-written file and a failure leaves nothing behind.
/// Returns false (with a message in `error`) on failure.
bool write_atomically(const std::string& path, const std::string& bytes, std::string& error);

/// Writes `bytes` to `rel` (a relative path without "..") inside the folder `root`, as
/// write_atomically does, following no symbolic link below `root` (a template folder's
/// `locales -> /elsewhere` is refused, never written through) and making the folders of
/// `rel` that do not exist yet. Returns false (with a message in `error`) on failure.
bool write_within(const std::string& root, const std::string& rel, const std::string& bytes, std::string& error);

/// A warning on stderr when `ref` is a built-in template's name and a template folder of that
/// name is in the current folder too: the built-in is used; `./NAME` names the folder.
void warn_if_folder_shadowed(const Engine& engine, const std::string& ref);

/// The folder `path` would be written into when it does not exist (a usage error to
/// report before any work), else empty.
std::string missing_output_folder(const std::string& path);

/// Prints every diagnostic to stderr, one per line (plus hints).
void print_diagnostics(const Diagnostics& diags);

/// The output format for a file name (.pdf or .docx); false if neither.
bool format_for_path(const std::string& path, OutputFormat& format);

/// The engine configuration for the built-in data home.
EngineConfig default_config();

/// Reads a whole file; false with a message if it cannot be read.
bool read_input(const std::string& path, std::string& contents, std::string& error);

}  // namespace quire::cli
