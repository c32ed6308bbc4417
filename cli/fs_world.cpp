#include "fs_world.hpp"

#include <algorithm>
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
