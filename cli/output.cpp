#include "output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fs_world.hpp"

namespace quire::cli {

namespace {

// The permissions a new file gets under the process's umask, read without changing it
// (umask() would, for every thread at once).
mode_t file_mode() {
  mode_t mask = 022;
  if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f))
      if (std::strncmp(line, "Umask:", 6) == 0) mask = static_cast<mode_t>(std::strtoul(line + 6, nullptr, 8));
    std::fclose(f);
  }
  return 0666 & ~mask;
}

}  // namespace

std::string missing_output_folder(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) return {};
  std::error_code ec;
  return fs::is_directory(folder, ec) ? std::string() : folder.string();
}

// The temporary file is made by mkstemp (O_CREAT|O_EXCL, an unpredictable name) in the
// output's own folder: nothing planted there in advance, a symlink least of all, is
// opened or followed. rename() then replaces the target itself, never what it links to.
bool write_atomically(const std::string& path, const std::string& bytes, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  if (std::string missing = missing_output_folder(path); !missing.empty()) {
    error = "cannot write " + path + ": the folder " + missing + " does not exist";
    return false;
  }
  std::string tmp = (folder / ("." + target.filename().string() + ".part-XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, file_mode()) == 0;
  for (size_t done = 0; ok && done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    error = "cannot write " + path + ": " + std::strerror(saved ? saved : errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot move the output into place at " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags.items()) std::cerr << format_diagnostic(d) << '\n';
}

bool format_for_path(const std::string& path, OutputFormat& format) {
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf")
    format = OutputFormat::Pdf;
  else if (ext == ".docx")
    format = OutputFormat::Docx;
  else
    return false;
  return true;
}

EngineConfig default_config() {
  EngineConfig config;
  std::string home = data_home();
  config.templates_dir = home + "/templates";
  config.locales_dir = home + "/locales";
  return config;
}

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    contents = ss.str();
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error = path + ": no such file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  contents = ss.str();
  return true;
}

}  // namespace quire::cli
