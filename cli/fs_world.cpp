#include "fs_world.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quire::cli {

std::optional<std::string> FsWorld::read_file(std::string_view path) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::string(path), ec)) return std::nullopt;
  std::ifstream in(std::string(path), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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
