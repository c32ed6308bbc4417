#include "fs_world.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace quire::cli {

std::optional<std::string> FsWorld::read_file(std::string_view path) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::string(path), ec)) return std::nullopt;
  // One read into a buffer of the file's size: fonts are megabytes and are read at start-up.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(std::string(path).c_str(), "rb"), &std::fclose);
  if (!f) return std::nullopt;
  std::string out;
  auto size = std::filesystem::file_size(std::string(path), ec);
  if (!ec) out.resize(static_cast<std::size_t>(size));
  std::size_t got = out.empty() ? 0 : std::fread(out.data(), 1, out.size(), f.get());
  out.resize(got);
  char buf[4096];  // a file that grew since it was measured
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f.get())) out.append(buf, n);
  return out;
}

namespace {

// Reads what an open descriptor names, to its end.
std::optional<std::string> read_all(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  std::string out;
  out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

}  // namespace

// Walks `rel` one component at a time from `root` with openat and O_NOFOLLOW, so that
// what is read is where the path's text says, whatever links the folder holds.
std::optional<std::string> FsWorld::read_file_within(std::string_view root, std::string_view rel) const {
  Fd dir(::open(std::string(root).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.fd < 0) return std::nullopt;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = rel.find('/', start);
    std::string part(rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (part.empty() || part == "." || part == "..") return std::nullopt;
    if (slash == std::string_view::npos) {
      Fd file(::openat(dir.fd, part.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
      if (file.fd < 0) return std::nullopt;
      return read_all(file.fd);
    }
    int next = ::openat(dir.fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) return std::nullopt;
    ::close(dir.fd);
    dir.fd = next;
    start = slash + 1;
  }
}

bool FsWorld::is_file(std::string_view path) const {
  std::error_code ec;
  const std::string p(path);
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), R_OK) == 0;
}

bool FsWorld::is_directory(std::string_view path) const {
  std::error_code ec;
  return std::filesystem::is_directory(std::string(path), ec);
}

std::vector<std::string> FsWorld::list_directory(std::string_view path) const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::string(path), ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::chrono::system_clock::time_point FsWorld::now() const {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
    return std::chrono::system_clock::time_point{std::chrono::seconds{std::strtoll(epoch, nullptr, 10)}};
  return std::chrono::system_clock::now();
}

std::string data_home() {
  if (const char* home = std::getenv("QUIRE_HOME"); home && *home) return home;
  return QUIRE_DATA_DIR;
}

}  // namespace quire::cli
