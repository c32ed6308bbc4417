#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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
// (umask() would, for every thread at once). Read once: /proc/self/status takes the
// process's memory-map lock, which every output file of a batch's workers contended for.
mode_t file_mode() {
  static const mode_t mode = [] {
    mode_t mask = 022;
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "Umask:", 6) == 0) mask = static_cast<mode_t>(std::strtoul(line + 6, nullptr, 8));
      std::fclose(f);
    }
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
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

// Every folder below `root` is opened with O_NOFOLLOW (made first if missing), and the file
// is written to an O_EXCL temporary in the last one and renamed over the name: a link planted
// anywhere below the root is refused, or replaced itself, never followed.
bool write_within(const std::string& root, const std::string& rel, const std::string& bytes, std::string& error) {
  const std::string shown = root + "/" + rel;
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) {
    error = "cannot write " + shown + ": " + std::strerror(errno);
    return false;
  }
  auto fail = [&](const std::string& why) {
    ::close(dir);
    error = "cannot write " + shown + ": " + why;
    return false;
  };
  std::size_t start = 0;
  std::string name;
  for (int depth = 0;; ++depth) {
    const std::size_t slash = rel.find('/', start);
    std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == ".." || depth > 32) return fail("not a path inside the folder");
    if (slash == std::string::npos) {
      name = part;
      break;
    }
    if (::mkdirat(dir, part.c_str(), 0777) != 0 && errno != EEXIST) return fail(std::strerror(errno));
    const int next = ::openat(dir, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0)
      return fail(errno == ELOOP || errno == ENOTDIR
                      ? "'" + part + "' is a link or not a folder (links are not followed)"
                      : std::strerror(errno));
    ::close(dir);
    dir = next;
    start = slash + 1;
  }
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = "." + name + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand());
    fd = ::openat(dir, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, file_mode());
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return fail(std::strerror(errno));
  bool ok = true;
  for (size_t done = 0; ok && done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) {
    if (ok) saved = errno;
    ::unlinkat(dir, tmp.c_str(), 0);
    return fail(std::strerror(saved));
  }
  ::close(dir);
  return true;
}

void warn_if_folder_shadowed(const Engine& engine, const std::string& ref) {
  if (ref.empty() || ref.find('/') != std::string::npos) return;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::path(ref) / "template.xml", ec)) return;
  const auto names = engine.templates();
  if (std::find(names.begin(), names.end(), ref) == names.end()) return;
  std::cerr << "quire: warning[usage.template-shadowed]: '" << ref << "' is the built-in template, not the folder ./"
            << ref << " here\n  hint: to use the folder, write ./" << ref << '\n';
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
