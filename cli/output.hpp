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
